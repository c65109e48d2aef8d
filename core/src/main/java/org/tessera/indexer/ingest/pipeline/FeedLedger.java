package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.EventQueries;

/**
 * The feed ledger: one document in the {@code jobs} index (kind {@code feed}) per delivery a
 * source made, with its content hash, as-of date, sequence and outcome (applied, skipped as a
 * replay, refused with the reason). An applied delivery is written last, after everything it
 * changed, so a run killed before then is simply applied again.
 */
public final class FeedLedger {

    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;
    static final String KIND = "feed";

    private final OpenSearchConnection connection;
    private final Clock clock;

    public FeedLedger(OpenSearchConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** One ledger line as read back. */
    public record Entry(String source, String outcome, String deliveryHash, LocalDate asOf, long sequence, String jobId, String reason) {
    }

    /** Every entry, oldest sequence first. */
    public List<Entry> entries() {
        connection.refresh(connection.alias("jobs"));
        List<Entry> entries = new ArrayList<>();
        ObjectNode query = JSON.createObjectNode();
        query.putObject("term").put("kind", KIND);
        new EventQueries(connection).scroll(connection.alias("jobs"), query, List.of("job_id", "message", "feed"), (id, doc) -> {
            JsonNode feed = doc.path("feed");
            entries.add(new Entry(feed.path("source").asText(), feed.path("outcome").asText(), feed.path("delivery_hash").asText(),
                    feed.hasNonNull("as_of") ? LocalDate.parse(feed.path("as_of").asText()) : null, feed.path("sequence").asLong(),
                    doc.path("job_id").asText(), doc.path("message").asText(null)));
        });
        entries.sort(java.util.Comparator.comparing(Entry::source).thenComparingLong(Entry::sequence));
        return entries;
    }

    /** What the ledger knows of each source from its applied deliveries. */
    Map<String, FeedGate.History> histories() {
        Map<String, Set<String>> hashes = new HashMap<>();
        Map<String, LocalDate> lastAsOf = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        for (Entry e : entries()) {
            if (!e.outcome().equals("applied")) {
                continue;
            }
            hashes.computeIfAbsent(e.source(), k -> new HashSet<>()).add(e.deliveryHash());
            if (e.asOf() != null) {
                lastAsOf.merge(e.source(), e.asOf(), (a, b) -> a.isAfter(b) ? a : b);
            }
            lastSequence.merge(e.source(), e.sequence(), Math::max);
        }
        Map<String, FeedGate.History> out = new HashMap<>();
        hashes.forEach((source, h) -> out.put(source, new FeedGate.History(h, lastAsOf.get(source), lastSequence.getOrDefault(source, 0L))));
        return out;
    }

    /**
     * Records a decision. An applied or skipped delivery is keyed by source and content (a replay
     * recorded twice is one line), a refused one also by job (each refusal is a line of its own).
     */
    void record(FeedGate.Decision decision, String jobId, String input, long records, long tombstones) {
        String outcome = switch (decision.outcome()) {
            case APPLY -> "applied";
            case SKIP -> "skipped";
            case REFUSE -> "refused";
        };
        String id = "feed-" + decision.source() + "-" + decision.deliveryHash().substring(0, 24)
                + (decision.outcome() == FeedGate.Outcome.APPLY ? "" : "-" + outcome + "-" + jobId);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("job_id", jobId).put("kind", KIND).put("status", outcome).put("input", input);
        String now = clock.instant().toString();
        doc.put("started_at", now).put("updated_at", now).put("finished_at", now);
        if (decision.reason() != null) {
            doc.put("message", decision.reason());
        }
        ObjectNode feed = doc.putObject("feed");
        feed.put("source", decision.source()).put("kind", FeedGate.name(decision.kind())).put("delivery_hash", decision.deliveryHash())
                .put("sequence", decision.sequence()).put("outcome", outcome).put("records", records).put("tombstones", tombstones);
        if (decision.asOf() != null) {
            feed.put("as_of", decision.asOf().toString());
        }
        connection.index(connection.alias("jobs"), id, doc, Map.of("refresh", "true"));
    }
}

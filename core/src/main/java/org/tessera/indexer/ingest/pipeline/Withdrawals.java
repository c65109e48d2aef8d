package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Withdraws what a complete delivery no longer holds: events of the sources that may withdraw
 * ({@link WithdrawalPolicy}) whose record vanished, and persons whose cluster the run did not
 * rebuild. Every withdrawn document is first copied, whole, with what, why and which job, to the
 * {@code withdrawals} index, then deleted; {@link #restore} puts a job's withdrawals back.
 * A run killed between the two steps is safe: the copy's id is deterministic and the next run
 * withdraws again.
 */
public record Withdrawals(OpenSearchConnection connection, String jobId, Clock clock) {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final int CHUNK = 500;
    private static final int PAGE = 1000;
    private static final Map<String, String> REFRESH = Map.of("refresh", "wait_for");

    /**
     * @param sources       sources whose delivery may withdraw (complete evidence)
     * @param keep          ids of the events this run produced (of any source)
     * @param kept          how many of {@code keep} belong to {@code sources}
     * @param allKeptStored every id in {@code keep} is known to be in the index (the run's writes
     *                      all succeeded), which lets a count stand in for the scan when nothing is absent
     */
    long withdrawEvents(Set<String> sources, Set<String> keep, long kept, boolean allKeptStored) {
        if (sources.isEmpty()) {
            return 0;
        }
        return withdrawNotIn("events", terms("source", sources), keep, kept, allKeptStored,
                "its record is no longer in a complete delivery of its source");
    }

    /**
     * Persons seen in a source that may withdraw, and in none that may not, that this run did not
     * produce: linkage runs over the whole input folder, so a person the run did not rebuild is a
     * cluster that no longer exists. A person also seen in a held-back source is kept.
     */
    long withdrawPersons(Set<String> sources, Set<String> heldBack, Set<String> keep, boolean allKeptStored) {
        if (sources.isEmpty()) {
            return 0;
        }
        ObjectNode query = terms("sources", sources);
        if (!heldBack.isEmpty()) {
            ObjectNode bool = JSON.createObjectNode();
            bool.putObject("bool").putArray("filter").add(query);
            ((ObjectNode) bool.get("bool")).putArray("must_not").add(terms("sources", heldBack));
            query = bool;
        }
        return withdrawNotIn("persons", query, keep, keep.size(), allKeptStored,
                "the person is no longer produced by linkage over complete deliveries of its sources");
    }

    private long withdrawNotIn(String logical, ObjectNode query, Set<String> keep, long kept, boolean allKeptStored,
                               String reason) {
        String index = connection.alias(logical);
        // The usual run withdraws nothing, and scanning every id of a county to learn that took
        // minutes: when all kept documents are stored, as many matches as kept ids means none is absent.
        if (allKeptStored && count(index, query) == kept) {
            return 0;
        }
        List<String> absent = new ArrayList<>();
        // ids only: the source of one small field, the whole documents are fetched for the absent ones alone
        connection.scroll(index, query, PAGE, List.of("persons".equals(logical) ? "sources" : "source"), (id, source) -> {
            if (!keep.contains(id)) {
                absent.add(id);
            }
        });
        for (int from = 0; from < absent.size(); from += CHUNK) {
            List<String> ids = absent.subList(from, Math.min(absent.size(), from + CHUNK));
            record(logical, index, fetch(index, ids), reason);
            StringBuilder bulk = new StringBuilder();
            for (String id : ids) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("delete").put("_index", index).put("_id", id);
                bulk.append(action).append('\n');
            }
            failOnRefusal(connection.bulk(bulk.toString(), REFRESH).failures(), "cannot withdraw documents from " + index);
        }
        return absent.size();
    }

    /** The whole stored documents, by id. */
    private Map<String, JsonNode> fetch(String index, Collection<String> ids) {
        return connection.mget(index, ids);
    }

    private void record(String logical, String index, Map<String, JsonNode> documents, String reason) {
        if (documents.isEmpty()) {
            return;
        }
        String withdrawals = connection.alias("withdrawals");
        String now = clock.instant().toString();
        StringBuilder bulk = new StringBuilder();
        documents.forEach((id, document) -> {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_index", withdrawals).put("_id", recordId(jobId, logical, id));
            ObjectNode doc = JSON.createObjectNode();
            doc.put("job_id", jobId).put("index", logical).put("doc_id", id).put("reason", reason).put("withdrawn_at", now);
            JsonNode sources = document.has("sources") ? document.get("sources") : document.get("source");
            if (sources != null) {
                doc.set("sources", sources);
            }
            doc.set("document", document);
            bulk.append(action).append('\n').append(doc).append('\n');
        });
        failOnRefusal(connection.bulk(bulk.toString(), REFRESH).failures(), "cannot record withdrawals from " + index + " (nothing was withdrawn)");
    }

    static String recordId(String jobId, String logical, String docId) {
        return Ids.sha256Hex(jobId + "\u0000" + logical + "\u0000" + docId).substring(0, 32);
    }

    /** What {@link #restore} did. */
    public record Restored(long restored, long alreadyPresent) {
    }

    /**
     * Puts back every document a job withdrew that is not stored again since (a newer copy of the
     * same document is left alone), and marks the withdrawal records restored.
     */
    public static Restored restore(OpenSearchConnection connection, String jobId, String restoringJob, Clock clock) {
        String withdrawals = connection.alias("withdrawals");
        connection.refresh(withdrawals);
        ObjectNode query = JSON.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("job_id", jobId);
        bool.putArray("must_not").addObject().putObject("exists").put("field", "restored_at");
        List<JsonNode> records = new ArrayList<>();
        List<String> recordIds = new ArrayList<>();
        connection.scroll(withdrawals, query, PAGE, List.of("index", "doc_id", "document"), (id, source) -> {
            recordIds.add(id);
            records.add(source);
        });
        long restored = 0;
        long present = 0;
        String now = clock.instant().toString();
        for (int from = 0; from < records.size(); from += CHUNK) {
            StringBuilder bulk = new StringBuilder();
            int to = Math.min(records.size(), from + CHUNK);
            for (JsonNode record : records.subList(from, to)) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("create").put("_index", connection.alias(record.path("index").asText()))
                        .put("_id", record.path("doc_id").asText());
                bulk.append(action).append('\n').append(record.path("document")).append('\n');
            }
            JsonNode answer = connection.call("POST", "/_bulk", bulk.toString(), REFRESH);
            StringBuilder marks = new StringBuilder();
            int i = from;
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.path("create");
                int status = result.path("status").asInt();
                if (status == 201) {
                    restored++;
                } else if (status == 409) {
                    present++;
                } else {
                    throw new IllegalStateException("cannot restore " + result.path("_id").asText() + ": "
                            + result.path("error").path("reason").asText());
                }
                ObjectNode action = JSON.createObjectNode();
                action.putObject("update").put("_index", withdrawals).put("_id", recordIds.get(i++));
                ObjectNode update = JSON.createObjectNode();
                update.putObject("doc").put("restored_at", now).put("restored_by_job", restoringJob);
                marks.append(action).append('\n').append(update).append('\n');
            }
            failOnRefusal(connection.bulk(marks.toString(), REFRESH).failures(), "cannot mark withdrawals restored");
        }
        return new Restored(restored, present);
    }

    private static ObjectNode terms(String field, Set<String> values) {
        ObjectNode query = JSON.createObjectNode();
        values.forEach(query.putObject("terms").putArray(field)::add);
        return query;
    }

    private static void failOnRefusal(List<String> refused, String message) {
        if (!refused.isEmpty()) {
            throw new IllegalStateException(message + ": " + refused.getFirst());
        }
    }

    private long count(String index, ObjectNode query) {
        return connection.count(index, query);
    }
}

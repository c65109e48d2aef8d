package org.tessera.indexer.linkage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventPerson;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The {@code linkage} index: pairs the model could not decide (status {@code open}), and the
 * human decisions ({@code merged}, {@code split}) that override the model on every later ingest.
 * A decided pair is never overwritten by a later run's review queue.
 */
public final class LinkageStore {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private final OpenSearchConnection connection;

    public LinkageStore(OpenSearchConnection connection) {
        this.connection = connection;
    }

    public static String pairId(OccurrencePair pair) {
        return Ids.sha256Hex(pair.first() + "|" + pair.second()).substring(0, 24);
    }

    /** Every merge and split decided so far. */
    public Decisions decisions() {
        Set<OccurrencePair> merge = new HashSet<>();
        Set<OccurrencePair> split = new HashSet<>();
        String query = "{\"size\":10000,\"query\":{\"terms\":{\"status\":[\"merged\",\"split\"]}},\"_source\":[\"occurrence_a\",\"occurrence_b\",\"status\"]}";
        JsonNode answer;
        try {
            answer = connection.call("POST", "/" + connection.alias("linkage") + "/_search", query, Map.of());
        } catch (EngineException e) {
            return Decisions.none(); // no linkage index yet: nothing decided
        }
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            OccurrencePair pair = new OccurrencePair(source.path("occurrence_a").asText(), source.path("occurrence_b").asText());
            ("merged".equals(source.path("status").asText()) ? merge : split).add(pair);
        }
        return new Decisions(merge, split);
    }

    /**
     * Records a person's decision that two person records are the same human (merge) or two
     * different ones (split). It is stored on one occurrence of each, so it survives re-ingest
     * and re-clustering, and applies from the next ingest on.
     */
    public void decide(String personA, String personB, boolean merge, String user, String reason, Clock clock) {
        OccurrencePair pair = new OccurrencePair(representativeOccurrence(personA), representativeOccurrence(personB));
        boolean aFirst = pair.first().equals(representativeOccurrence(personA));
        ObjectNode doc = JSON.createObjectNode();
        doc.put("pair_id", pairId(pair)).put("occurrence_a", pair.first()).put("occurrence_b", pair.second())
                .put("person_a", aFirst ? personA : personB).put("person_b", aFirst ? personB : personA)
                .put("status", merge ? "merged" : "split").put("decided_by", user)
                .put("decided_at", clock.instant().toString()).put("updated_at", clock.instant().toString());
        if (reason != null && !reason.isBlank()) {
            doc.put("reason", reason);
        }
        connection.call("POST", "/" + connection.alias("linkage") + "/_update/" + pairId(pair),
                "{\"doc\":" + doc + ",\"doc_as_upsert\":true}", Map.of("refresh", "true"));
    }

    /** The other person and the decision ({@code merged} or {@code split}) for every decided pair involving a person. */
    public Map<String, String> decisionsFor(String personId) {
        return decisionsFrom(personId, connection.search(connection.alias("linkage"), decisionsSearch(personId).body()));
    }

    /**
     * The search {@link #decisionsFor} sends, for a caller to send in an {@code _msearch} beside searches
     * of its own; read its answer with {@link #decisionsFrom}.
     */
    public OpenSearchConnection.Search decisionsSearch(String personId) {
        String query = "{\"size\":200,\"query\":{\"bool\":{\"filter\":[{\"terms\":{\"status\":[\"merged\",\"split\"]}}],"
                + "\"should\":[{\"term\":{\"person_a\":" + quote(personId) + "}},{\"term\":{\"person_b\":" + quote(personId) + "}}],"
                + "\"minimum_should_match\":1}}}";
        try {
            return new OpenSearchConnection.Search(connection.alias("linkage"), JSON.readTree(query));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #decisionsFor} read from the answer to {@link #decisionsSearch}. */
    public static Map<String, String> decisionsFrom(String personId, JsonNode answer) {
        Map<String, String> decisions = new java.util.HashMap<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            String other = personId.equals(source.path("person_a").asText()) ? source.path("person_b").asText() : source.path("person_a").asText();
            decisions.put(other, source.path("status").asText());
        }
        return decisions;
    }

    /** The model's undecided pairs that involve a person: the "possible duplicates" for a human decision. */
    public List<JsonNode> openPairsFor(String personId) {
        String query = "{\"size\":50,\"sort\":[{\"match_probability\":\"desc\"}],\"query\":{\"bool\":{\"filter\":[{\"term\":{\"status\":\"open\"}}],"
                + "\"should\":[{\"term\":{\"person_a\":" + quote(personId) + "}},{\"term\":{\"person_b\":" + quote(personId) + "}}],"
                + "\"minimum_should_match\":1}}}";
        List<JsonNode> pairs = new java.util.ArrayList<>();
        hits(query).forEach(hit -> {
            JsonNode source = hit.path("_source");
            if (!source.path("person_a").asText().equals(source.path("person_b").asText())) {
                pairs.add(source);
            }
        });
        return pairs;
    }

    /** One occurrence (event id + slot) of a person, the same one every time: the first by event id. */
    public String representativeOccurrence(String personId) {
        String query = "{\"size\":1,\"sort\":[{\"event_id\":\"asc\"}],\"_source\":[\"event_id\",\"people.person_id\",\"people.slot\"],"
                + "\"query\":{\"term\":{\"person_ids\":" + quote(personId) + "}}}";
        for (JsonNode hit : hits(connection.alias("events"), query)) {
            Event event = Event.fromDocument(hit.path("_source"));
            for (EventPerson person : event.people()) {
                if (personId.equals(person.personId())) {
                    return Ids.occurrenceId(Objects.toString(event.eventId(), ""), person.slot() == null ? 0 : person.slot());
                }
            }
        }
        throw new IllegalArgumentException("no record of person " + personId);
    }

    private JsonNode hits(String query) {
        return hits(connection.alias("linkage"), query);
    }

    private JsonNode hits(String index, String query) {
        return connection.call("POST", "/" + index + "/_search", query, Map.of()).path("hits").path("hits");
    }

    private static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the review queue (decided pairs left as they are); returns the pairs the index refused. */
    public List<BulkWriter.Failure> storeReviewPairs(List<ReviewPair> pairs, Map<String, String> personIds, Decisions decided, Clock clock) {
        Set<OccurrencePair> done = new HashSet<>(decided.merge());
        done.addAll(decided.split());
        // Into an empty index there is no stored pair to compare with: no look-up per request.
        BulkWriter.Mode mode = connection.count("linkage") == 0 ? BulkWriter.Mode.OVERWRITE : BulkWriter.Mode.SKIP_UNCHANGED;
        try (BulkWriter writer = new BulkWriter(connection, mode, 500, 4 << 20)) {
            for (ReviewPair review : pairs) {
                if (done.contains(review.pair())) {
                    continue;
                }
                ObjectNode doc = JSON.createObjectNode();
                doc.put("pair_id", pairId(review.pair())).put("occurrence_a", review.pair().first())
                        .put("occurrence_b", review.pair().second())
                        .put("person_a", personIds.get(review.pair().first())).put("person_b", personIds.get(review.pair().second()))
                        .put("match_probability", review.matchProbability()).put("match_weight", review.matchWeight())
                        .put("reason", review.reason()).put("status", "open");
                ObjectNode levels = doc.putObject("levels");
                review.levels().forEach(levels::put);
                doc.put("content_hash", Ids.sha256Hex(doc.toString()));
                writer.add(new BulkWriter.Document(connection.alias("linkage"), pairId(review.pair()), doc));
            }
            writer.flush();
            return writer.drainFailures();
        }
    }
}

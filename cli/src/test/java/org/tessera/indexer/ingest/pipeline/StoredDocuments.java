package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/** Two runs' stored documents side by side, for the tests that prove a run ends where another does. */
final class StoredDocuments {

    private StoredDocuments() {
    }

    /** Every document of an index by id, without the fields that record when it was written. */
    static Map<String, JsonNode> snapshot(OpenSearchConnection connection, String index) {
        connection.refresh(connection.alias(index));
        Map<String, JsonNode> docs = new TreeMap<>();
        ObjectNode search = EngineJson.object().put("size", 5000);
        search.putArray("sort").add("_doc");
        search.putObject("query").putObject("match_all");
        connection.scroll(connection.alias(index), search, hit -> {
            ObjectNode source = (ObjectNode) hit.path("_source");
            source.remove(List.of("ingested_at", "updated_at"));
            if (source.has("risk")) {
                ((ObjectNode) source.get("risk")).remove("updated_at");
                // A score of 0 without a trend is the same as no score (as in ScopedRescoreIT): a full
                // rescore writes risk only to the children it reaches, a scoped one to every child a
                // change reached, and a child whose last counting evidence went keeps a zero risk.
                JsonNode risk = source.get("risk");
                if (risk.path("score").asDouble() == 0 && risk.path("velocity").asDouble() == 0) {
                    source.remove("risk");
                }
            }
            docs.put(hit.path("_id").asText(), source);
        });
        return docs;
    }

    /**
     * Documents missing on either side, and for the first {@code limit} that differ, the top-level
     * fields that differ, named by the two runs ({@code expectedRun}, e.g. "clean", and {@code actualRun}).
     */
    static List<String> differences(Map<String, JsonNode> actual, Map<String, JsonNode> expected,
                                    String expectedRun, String actualRun, int limit) {
        List<String> differences = new ArrayList<>();
        Set<String> ids = new TreeSet<>(actual.keySet());
        ids.addAll(expected.keySet());
        for (String id : ids) {
            JsonNode a = actual.get(id);
            JsonNode e = expected.get(id);
            if (a == null || e == null) {
                differences.add(id + (a == null ? " missing after " : " only after ") + actualRun);
            } else if (!a.equals(e)) {
                List<String> fields = new ArrayList<>();
                e.fieldNames().forEachRemaining(f -> {
                    if (!e.get(f).equals(a.get(f))) {
                        fields.add(f + ": " + expectedRun + " " + e.get(f) + " / " + actualRun + " " + a.get(f));
                    }
                });
                a.fieldNames().forEachRemaining(f -> {
                    if (!e.has(f)) {
                        fields.add(f + " only after " + actualRun);
                    }
                });
                differences.add(id + " " + fields);
            }
            if (differences.size() >= limit) {
                break;
            }
        }
        return differences;
    }
}

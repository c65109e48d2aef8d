package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * After a complete ingest, removes what the input no longer produces: events of the ingested
 * sources whose record vanished from the newer extract, and persons whose cluster changed id.
 */
final class StaleDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenSearchConnection connection;

    StaleDocuments(OpenSearchConnection connection) {
        this.connection = connection;
    }

    long deleteEventsNotIn(Set<String> sources, Set<String> keep) {
        return deleteNotIn(connection.alias("events"), "source", sources, keep);
    }

    /**
     * Persons seen in any ingested source that this run did not produce: linkage runs over the
     * whole input folder, so a person the run did not rebuild is a cluster that no longer exists.
     */
    long deletePersonsNotIn(Set<String> sources, Set<String> keep) {
        return deleteNotIn(connection.alias("persons"), "sources", sources, keep);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long deleteNotIn(String index, String field, Set<String> sources, Set<String> keep) {
        if (sources.isEmpty()) {
            return 0;
        }
        StringBuilder query = new StringBuilder("{\"bool\":{\"filter\":[{\"terms\":{\"" + field + "\":");
        query.append(json(sources)).append("}}]");
        query.append("}}");
        List<String> stale = new ArrayList<>();
        String body = "{\"size\":5000,\"_source\":false,\"sort\":[\"_doc\"],\"query\":" + query + "}";
        var response = connection.raw("POST", "/" + index + "/_search", body, Map.of("scroll", "2m"));
        try {
            while (true) {
                if (!response.ok()) {
                    throw new IllegalStateException("cannot scan " + index + ": " + response.body());
                }
                JsonNode root = JSON.readTree(response.body());
                JsonNode hits = root.path("hits").path("hits");
                if (hits.isEmpty()) {
                    connection.raw("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + root.path("_scroll_id").asText() + "\"}");
                    break;
                }
                for (JsonNode hit : hits) {
                    if (!keep.contains(hit.path("_id").asText())) {
                        stale.add(hit.path("_id").asText());
                    }
                }
                response = connection.raw("POST", "/_search/scroll",
                        "{\"scroll\":\"2m\",\"scroll_id\":\"" + root.path("_scroll_id").asText() + "\"}");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int from = 0; from < stale.size(); from += 1000) {
            StringBuilder bulk = new StringBuilder();
            for (String id : stale.subList(from, Math.min(stale.size(), from + 1000))) {
                bulk.append("{\"delete\":{\"_index\":\"").append(index).append("\",\"_id\":").append(json(id)).append("}}\n");
            }
            var result = connection.client().generic();
            try (var r = result.execute(org.opensearch.client.opensearch.generic.Requests.builder().method("POST").endpoint("/_bulk")
                    .query(Map.of("refresh", "true"))
                    .body(org.opensearch.client.opensearch.generic.Body.from(bulk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            "application/x-ndjson")).build())) {
                if (r.getStatus() >= 300) {
                    throw new IllegalStateException("cannot delete stale documents from " + index);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale.size();
    }
}

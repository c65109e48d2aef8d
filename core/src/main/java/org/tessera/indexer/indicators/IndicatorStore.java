package org.tessera.indexer.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Keeps the {@code indicators} percolator index equal to the enabled query indicators of a
 * catalogue: document id = indicator id, unchanged documents are not rewritten, disabled and
 * deleted indicators are removed. Running it twice changes nothing the second time.
 */
public final class IndicatorStore {

    private static final Logger log = LoggerFactory.getLogger(IndicatorStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchConnection connection;

    public IndicatorStore(OpenSearchConnection connection) {
        this.connection = connection;
    }

    /** What a load did; {@code changed} lists ids added or updated (candidates for backfill). */
    public record LoadResult(List<String> added, List<String> updated, int unchanged, List<String> removed) {
        public LoadResult {
            added = List.copyOf(added);
            updated = List.copyOf(updated);
            removed = List.copyOf(removed);
        }

        public List<String> changed() {
            List<String> changed = new ArrayList<>(added);
            changed.addAll(updated);
            return changed;
        }
    }

    public LoadResult load(IndicatorCatalogue catalogue) {
        String index = connection.alias("indicators");
        Map<String, JsonNode> stored = storedDocuments();
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        int unchanged = 0;
        StringBuilder bulk = new StringBuilder();
        Map<String, Boolean> wanted = new HashMap<>();
        for (Indicator indicator : catalogue.enabledQueries()) {
            wanted.put(indicator.id(), true);
            ObjectNode doc = indicator.percolatorDocument();
            JsonNode existing = stored.get(indicator.id());
            if (doc.equals(existing)) {
                unchanged++;
                continue;
            }
            (existing == null ? added : updated).add(indicator.id());
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(indicator.id()).append("\"}}\n")
                    .append(doc).append('\n');
        }
        List<String> removed = new ArrayList<>();
        for (String id : stored.keySet()) {
            if (!wanted.containsKey(id)) {
                removed.add(id);
                bulk.append("{\"delete\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n");
            }
        }
        if (!bulk.isEmpty()) {
            bulk(bulk.toString());
        }
        log.info("Indicators loaded into {}: {} added, {} updated, {} unchanged, {} removed", index, added.size(), updated.size(), unchanged, removed.size());
        return new LoadResult(added, updated, unchanged, removed);
    }

    /** Stored percolator documents by id. */
    public Map<String, JsonNode> storedDocuments() {
        OpenSearchConnection.RawResponse response = connection.raw("POST", "/" + connection.alias("indicators") + "/_search",
                "{\"size\":10000,\"query\":{\"match_all\":{}}}");
        if (!response.ok()) {
            throw new IllegalStateException("cannot read the indicators index (" + response.status() + "): " + EventPercolator.abbreviate(response.body()));
        }
        Map<String, JsonNode> out = new HashMap<>();
        try {
            for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
                out.put(hit.path("_id").asText(), hit.path("_source"));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private void bulk(String ndjson) {
        OpenSearchConnection.RawResponse response = connection.raw("POST", "/_bulk", ndjson, Map.of("refresh", "wait_for"));
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable bulk response: " + e.getOriginalMessage(), e);
        }
        if (!response.ok() || body.path("errors").asBoolean()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode item : body.path("items")) {
                JsonNode op = item.elements().next();
                if (op.has("error")) {
                    problems.add(op.path("_id").asText() + ": " + op.path("error").path("reason").asText()
                            + " " + op.path("error").path("caused_by").path("reason").asText(""));
                }
            }
            throw new IllegalStateException("the engine rejected indicators: " + (problems.isEmpty() ? EventPercolator.abbreviate(response.body()) : problems));
        }
    }
}

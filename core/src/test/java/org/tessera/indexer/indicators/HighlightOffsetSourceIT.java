package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.opensearch.index.IndexDefinitions;

/**
 * ADR 0051: the events' text has no offsets in its postings, so the engine highlights a hit by analysing its text
 * again instead of reading the postings (five times cheaper for the catalogue's span queries). The marked words
 * must be the same either way: every text-reading query of the catalogue, run as the first load runs it with the
 * highlight both paths send, marks the same words of the same events in the shipped index as in the same events
 * indexed with the offsets the mapping had before (v4).
 */
@ExtendWith(OpenSearchExtension.class)
class HighlightOffsetSourceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reanalysedHighlightsMarkTheSameWordsAsTheOffsetsInThePostings(TestOpenSearch os) throws Exception {
        OpenSearchConnection connection = os.connection();
        String shipped = os.alias("events");
        String withOffsets = shipped + "-offsets";
        ObjectNode body = IndexDefinitions.loadDefault().get("events").body().deepCopy();
        ObjectNode text = (ObjectNode) body.at("/mappings/properties/text");
        assertThat(text.has("index_options")).as("the shipped mapping re-analyses").isFalse();
        text.put("index_options", "offsets");
        ((ObjectNode) text.at("/fields/exact")).put("index_options", "offsets");
        assertThat(connection.raw("PUT", "/" + withOffsets, body.toString()).body()).contains("\"acknowledged\":true");
        try {
            List<ObjectNode> events = StreamBackfillEquivalenceIT.events();
            for (String index : List.of(shipped, withOffsets)) {
                StringBuilder bulk = new StringBuilder();
                for (ObjectNode e : events) {
                    bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(e.path("event_id").asText()).append("\"}}\n")
                            .append(e).append('\n');
                }
                assertThat(connection.raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true")).body()).contains("\"errors\":false");
            }
            int queries = 0;
            int marked = 0;
            List<String> differences = new ArrayList<>();
            for (Indicator indicator : IndicatorCatalogue.loadDefault().enabledQueries()) {
                if (!indicator.readsText()) {
                    continue;
                }
                queries++;
                Map<String, String> reanalysed = highlights(connection, shipped, indicator);
                Map<String, String> fromPostings = highlights(connection, withOffsets, indicator);
                marked += (int) reanalysed.values().stream().filter(h -> h.indexOf(HitFactory.PRE.charAt(0)) >= 0).count();
                if (!reanalysed.equals(fromPostings)) {
                    differences.add(indicator.id() + "\n  re-analysed:   " + reanalysed + "\n  from postings: " + fromPostings);
                }
            }
            System.out.printf("highlight offset sources: %d text queries, %d highlighted fields compared%n", queries, marked);
            assertThat(queries).as("text-reading queries").isGreaterThan(100);
            assertThat(marked).as("highlighted fields").isGreaterThan(100);
            assertThat(differences).as("queries whose highlights differ").isEmpty();
        } finally {
            connection.raw("DELETE", "/" + withOffsets, null);
        }
    }

    /** Event id and highlighted field to the whole highlighted text, for every event the query matches. */
    private static Map<String, String> highlights(OpenSearchConnection connection, String index, Indicator indicator) throws Exception {
        ObjectNode request = JSON.createObjectNode();
        request.put("size", 1000);
        request.set("query", indicator.query());
        request.set("highlight", JSON.readTree(HitFactory.highlightJson()));
        Map<String, String> out = new TreeMap<>();
        JsonNode answer = JSON.readTree(connection.raw("POST", "/" + index + "/_search", request.toString()).body());
        for (JsonNode hit : answer.path("hits").path("hits")) {
            out.put(hit.path("_id").asText(), "");
            hit.path("highlight").fields().forEachRemaining(field ->
                    out.put(hit.path("_id").asText() + " " + field.getKey(), field.getValue().toString()));
        }
        return out;
    }
}

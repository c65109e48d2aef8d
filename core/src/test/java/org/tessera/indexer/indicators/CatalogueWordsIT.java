package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * Every word a stored query holds as an indexed term ({@code span_term}, {@code term} on the note
 * text) is reachable: the field's own analyser turns the word into itself. A {@code span_term} is not
 * analysed at query time, so {@code kicked} (indexed as {@code kick}) or {@code parents} ({@code parent})
 * can never match and the clause is silently dead. The engine's {@code _analyze} on the percolator index
 * (which carries the events mapping) is the judge, not a copy of its stemmer.
 */
@ExtendWith(OpenSearchExtension.class)
class CatalogueWordsIT {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();

    @Test
    void everyTermWordOfTheCatalogueIsTheAnalysersOwnFormOfItself(TestOpenSearch os) {
        new IndicatorStore(os.connection()).load(CATALOGUE);
        String index = os.connection().alias("indicators");
        // field -> word -> indicators holding it
        Map<String, Map<String, TreeSet<String>>> words = new TreeMap<>();
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            collect(indicator.query(), indicator.id(), words);
        }
        assertThat(words.getOrDefault("text", Map.of())).as("span_term words in the catalogue").hasSizeGreaterThan(200);

        List<String> dead = new ArrayList<>();
        words.forEach((field, byWord) -> byWord.forEach((word, ids) -> {
            ObjectNode body = EngineJson.object();
            body.put("field", field);
            body.put("text", word);
            List<String> tokens = new ArrayList<>();
            os.connection().call("POST", "/" + index + "/_analyze", body).path("tokens").forEach(t -> tokens.add(t.path("token").asText()));
            if (!tokens.equals(List.of(word))) {
                dead.add(field + ": '" + word + "' is indexed as " + tokens + " (" + String.join(", ", ids) + ")");
            }
        }));
        assertThat(dead).as("dead words: write the analyser's form (docs/indicators.md, Queries)").isEmpty();
    }

    private static void collect(JsonNode node, String id, Map<String, Map<String, TreeSet<String>>> words) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, id, words));
        } else if (node.isObject()) {
            node.properties().forEach(e -> {
                if ((e.getKey().equals("span_term") || e.getKey().equals("term")) && e.getValue().isObject()) {
                    e.getValue().properties().forEach(f -> {
                        if (f.getKey().equals("text") || f.getKey().startsWith("text.")) {
                            String word = f.getValue().isObject() ? f.getValue().path("value").asText() : f.getValue().asText();
                            words.computeIfAbsent(f.getKey(), k -> new TreeMap<>()).computeIfAbsent(word, k -> new TreeSet<>()).add(id);
                        }
                    });
                } else {
                    collect(e.getValue(), id, words);
                }
            });
        }
    }
}

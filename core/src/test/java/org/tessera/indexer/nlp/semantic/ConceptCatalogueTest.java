package org.tessera.indexer.nlp.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorCatalogue;

class ConceptCatalogueTest {

    @Test
    void theShippedConceptsEachNameAnIndicatorWhoseQueryReadsTheirTag() {
        ConceptCatalogue concepts = ConceptCatalogue.loadDefault();
        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
        assertThat(concepts.concepts()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(concepts.background()).isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (Concept concept : concepts.concepts()) {
            assertThat(ids.add(concept.id())).isTrue();
            Indicator indicator = catalogue.find(concept.indicator()).orElseThrow(() -> new AssertionError(concept.indicator()));
            assertThat(conceptTerms(indicator.query())).as(concept.id()).contains(concept.id());
            assertThat(concept.exemplars()).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void aBadFileFailsWithTheConceptAndTheProblem() {
        assertThatThrownBy(() -> parse("model: all-MiniLM-L6-v2-q\nconcepts:\n- id: x\n  indicator: EMO02\n  threshold: 1.5\n  cues: [a]\n  exemplars: [a, b, c]\n"))
                .hasMessageContaining("concept x").hasMessageContaining("threshold");
        assertThatThrownBy(() -> parse("model: all-MiniLM-L6-v2-q\nconcepts:\n- id: x\n  indicator: EMO02\n  threshold: 0.5\n  cues: [a]\n  exemplars: [a]\n"))
                .hasMessageContaining("at least 3 exemplars");
        assertThatThrownBy(() -> parse("model: other\nconcepts:\n- id: x\n"))
                .hasMessageContaining("model");
        assertThatThrownBy(() -> parse("model: all-MiniLM-L6-v2-q\nconcepts:\n- id: x\n  indicator: EMO02\n  threshold: 0.5\n  cue: [a]\n  exemplars: [a, b, c]\n"))
                .hasMessageContaining("unknown key 'cue'");
    }

    @Test
    void shortCuesMustBeTheWholeWordLongerOnesItsStart() {
        Concept concept = new Concept("x", "EMO02", 0.5, java.util.List.of("da", "drink"), java.util.List.of("a", "b", "c"));
        assertThat(concept.cuedBy("da")).isTrue();
        assertThat(concept.cuedBy("dad")).isFalse();
        assertThat(concept.cuedBy("drinking")).isTrue();
    }

    /** Every value of a {@code term} on {@code concepts} anywhere in a query. */
    private static Set<String> conceptTerms(com.fasterxml.jackson.databind.JsonNode node) {
        Set<String> out = new HashSet<>();
        if (node.isObject()) {
            com.fasterxml.jackson.databind.JsonNode term = node.path("term").path("concepts");
            if (!term.isMissingNode()) {
                out.add(term.isObject() ? term.path("value").asText() : term.asText());
            }
        }
        node.forEach(child -> out.addAll(conceptTerms(child)));
        return out;
    }

    private static ConceptCatalogue parse(String yaml) throws Exception {
        return ConceptCatalogue.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }
}

package org.tessera.indexer.opensearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IndexDefinitionsTest {

    @Test
    void shippedDefinitionsAllLoadWithSharedAnalysisAndCopiedEventFields() {
        IndexDefinitions definitions = IndexDefinitions.loadDefault();

        assertThat(definitions.all()).extracting(IndexDefinition::name)
                .containsExactlyInAnyOrderElementsOf(IndexDefinitions.REQUIRED);
        IndexDefinition indicators = definitions.get("indicators");
        assertThat(indicators.body().at("/mappings/properties/query/type").asText()).isEqualTo("percolator");
        assertThat(indicators.body().at("/mappings/properties/text/analyzer").asText()).isEqualTo("case_note");
        assertThat(indicators.body().at("/settings/analysis/analyzer/case_note").isObject()).isTrue();
        assertThat(definitions.get("events").concreteName("tessera")).isEqualTo("tessera-events-v5");
        // ADR 0051: the events' text is highlighted by re-analysis (no offsets in its postings, any length), the
        // percolator's from the postings of the batch it holds
        IndexDefinition events = definitions.get("events");
        assertThat(events.body().at("/mappings/properties/text/index_options").isMissingNode()).isTrue();
        assertThat(events.body().at("/mappings/properties/text/fields/exact/index_options").isMissingNode()).isTrue();
        assertThat(events.body().at("/settings/highlight.max_analyzed_offset").asInt()).isEqualTo(Integer.MAX_VALUE);
        assertThat(indicators.body().at("/mappings/properties/text/index_options").asText()).isEqualTo("offsets");
        assertThat(indicators.body().at("/mappings/properties/text/fields/exact/index_options").asText()).isEqualTo("offsets");
    }

    @Test
    void invalidJsonNamesTheFileAndLine() {
        assertThatThrownBy(() -> IndexDefinitions.load(fixture("broken-json")))
                .isInstanceOf(IndexDefinitionException.class)
                .hasMessageContaining("events.json")
                .hasMessageContaining("invalid JSON at line 4");
    }

    @Test
    void undefinedAnalyzerIsNamedWithItsField() {
        assertThatThrownBy(() -> IndexDefinitions.load(fixture("undefined-analyzer")))
                .isInstanceOf(IndexDefinitionException.class)
                .hasMessageContaining("events.json")
                .hasMessageContaining("field 'text' uses undefined analyzer 'case_notes'");
    }

    @Test
    void unknownFieldTypeIsNamed() {
        assertThatThrownBy(() -> IndexDefinitions.load(fixture("unknown-type")))
                .isInstanceOf(IndexDefinitionException.class)
                .hasMessageContaining("persons.json")
                .hasMessageContaining("field 'names.given' has unknown type 'txt'");
    }

    @Test
    void missingRequiredDefinitionIsNamed() {
        assertThatThrownBy(() -> IndexDefinitions.load(fixture("missing-audit")))
                .isInstanceOf(IndexDefinitionException.class)
                .hasMessageContaining("audit.json")
                .hasMessageContaining("required index definition is missing");
    }

    private Path fixture(String name) {
        try {
            return Path.of(getClass().getResource("/opensearch/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

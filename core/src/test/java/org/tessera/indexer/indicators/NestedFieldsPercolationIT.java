package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * An ingested event carries nested fields (people, entities, contexts); with them in the percolated
 * document the engine returned no highlight, so a negated mention came back as structured evidence
 * with an affirmed context and counted (found by the risk evaluation, docs/evaluation.md).
 */
@ExtendWith(OpenSearchExtension.class)
class NestedFieldsPercolationIT {

    @Test
    void aNegatedMentionOnAFullEventIsTextEvidenceThatDoesNotCount(TestOpenSearch os) throws Exception {
        new IndicatorStore(os.connection()).load(IndicatorCatalogue.loadDefault());
        ObjectNode event = (ObjectNode) new ObjectMapper().readTree("""
                {"agency":"education","record_type":"case_note","subject_age":11.8,
                 "text":"Spoke with mother at the gate at pick up. Ava denies any self-harm. Attendance officer informed.",
                 "people":[{"person_id":"p1","slot":0,"role":"subject","is_child":true}],
                 "entities":[{"type":"person","text":"Ava","start":42,"end":45}],
                 "contexts":[{"start":53,"end":66,"negated":true,"uncertain":false,"historical":false}]}""");

        List<IndicatorHit> hits = new EventPercolator(os.connection(), new NegexLiteContextResolver()).percolate(List.of(event)).getFirst();

        assertThat(hits).filteredOn(h -> h.indicatorId().equals("EMO02")).singleElement().satisfies(h -> {
            assertThat(h.field()).isEqualTo("text");
            assertThat(h.counts()).isFalse();
        });
    }
}

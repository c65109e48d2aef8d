package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndicatorBackfillTest {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();

    @Test
    void aHitIsFetchedWithTheTextWhoItInvolvesAndTheFieldsItsQueryReads() {
        for (Indicator indicator : CATALOGUE.all()) {
            if (!indicator.isQuery()) {
                continue;
            }
            var fields = IndicatorBackfill.evidenceFields(indicator);
            assertThat(fields).contains("text", "child_ids", "person_ids");
            for (QueryFields.Leaf leaf : QueryFields.leaves(indicator.query())) {
                String root = leaf.field().split("\\.")[0];
                assertThat(fields).as(indicator.id() + " reads " + leaf.field()).contains(root, root + ".*");
            }
            assertThat(fields).doesNotContain("hits", "entities", "indicator_ids");
        }
    }
}

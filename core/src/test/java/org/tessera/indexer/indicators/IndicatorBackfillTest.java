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
            assertThat(fields).contains("child_ids", "person_ids");
            boolean readsText = QueryFields.leaves(indicator.query()).stream().anyMatch(leaf -> leaf.field().split("\\.")[0].equals("text"));
            assertThat(indicator.readsText()).as(indicator.id()).isEqualTo(readsText);
            assertThat(fields.contains("text")).as(indicator.id() + " fetches the text it may highlight").isEqualTo(readsText);
            for (QueryFields.Leaf leaf : QueryFields.leaves(indicator.query())) {
                String root = leaf.field().split("\\.")[0];
                assertThat(fields).as(indicator.id() + " reads " + leaf.field()).contains(root, root + ".*");
            }
            assertThat(fields).doesNotContain("hits", "entities", "indicator_ids");
        }
    }

    @Test
    void theCatalogueHasBothKindsOfQuery() {
        var queries = CATALOGUE.all().stream().filter(Indicator::isQuery).toList();
        assertThat(queries).anyMatch(Indicator::readsText);
        assertThat(queries).anyMatch(indicator -> !indicator.readsText());
    }
}

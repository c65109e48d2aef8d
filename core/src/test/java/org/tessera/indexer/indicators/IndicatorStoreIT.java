package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

@ExtendWith(OpenSearchExtension.class)
class IndicatorStoreIT {

    @Test
    void loadingTwiceChangesNothingAndDisabledOrDeletedIndicatorsAreRemoved(TestOpenSearch os) throws Exception {
        IndicatorStore store = new IndicatorStore(os.connection());
        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();

        IndicatorStore.LoadResult first = store.load(catalogue);
        IndicatorStore.LoadResult second = store.load(catalogue);

        assertThat(first.added()).hasSize(catalogue.enabledQueries().size());
        assertThat(second.changed()).isEmpty();
        assertThat(second.removed()).isEmpty();
        assertThat(second.unchanged()).isEqualTo(catalogue.enabledQueries().size());
        var stored = store.storedDocuments();
        assertThat(stored).doesNotContainKey("OTH12").doesNotContainKey("PAR17").containsKey("PAR05");
        assertThat(stored.get("PAR05").path("indicator").path("version").asInt()).isEqualTo(1);

        IndicatorCatalogue smaller = IndicatorCatalogue.load(
                java.nio.file.Path.of(getClass().getResource("/indicators/valid-minimal").toURI()), EventFields.loadDefault());
        IndicatorStore.LoadResult third = store.load(smaller);

        assertThat(third.added()).containsExactly("TST01");
        assertThat(third.removed()).hasSize(catalogue.enabledQueries().size());
        assertThat(store.storedDocuments().keySet()).isEqualTo(java.util.Set.of("TST01"));
        assertThat(new EventPercolator(os.connection(), new NegexLiteContextResolver())
                .percolate(List.of(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("text", "The boy was hungry."))).getFirst())
                .extracting(IndicatorHit::indicatorId).containsExactly("TST01");
    }
}

package org.tessera.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SearchFilterTest {

    private static final SearchFilter FULL = new SearchFilter("police", "incident", "IND-1", "high", "AB1", "11-15",
            LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    @Test
    void eachFacetSetsAndReadsItsOwnComponentOnly() {
        List<Function<SearchFilter, String>> components = List.of(SearchFilter::agency, SearchFilter::recordType,
                SearchFilter::indicator, SearchFilter::band, SearchFilter::district, SearchFilter::ageBand);
        for (SearchFilter.Facet facet : SearchFilter.Facet.values()) {
            String value = facet == SearchFilter.Facet.AGE_BAND ? "18+" : "changed";
            SearchFilter changed = FULL.with(facet, value);
            assertThat(changed.get(facet)).isEqualTo(value);
            assertThat(components.get(facet.ordinal()).apply(changed)).isEqualTo(value);
            for (SearchFilter.Facet other : SearchFilter.Facet.values()) {
                if (other != facet) {
                    assertThat(changed.get(other)).as(facet + " left " + other).isEqualTo(FULL.get(other));
                }
            }
            assertThat(changed.from()).isEqualTo(FULL.from());
            assertThat(changed.to()).isEqualTo(FULL.to());
        }
    }

    @Test
    void blankMeansAnyAndFacetsReadTheRecordsComponents() {
        assertThat(FULL.with(SearchFilter.Facet.DISTRICT, " ").district()).isNull();
        assertThat(FULL.get(SearchFilter.Facet.AGENCY)).isEqualTo("police");
        assertThat(FULL.get(SearchFilter.Facet.RECORD_TYPE)).isEqualTo("incident");
        assertThat(FULL.get(SearchFilter.Facet.INDICATOR)).isEqualTo("IND-1");
        assertThat(FULL.get(SearchFilter.Facet.BAND)).isEqualTo("high");
        assertThat(FULL.get(SearchFilter.Facet.DISTRICT)).isEqualTo("AB1");
        assertThat(FULL.get(SearchFilter.Facet.AGE_BAND)).isEqualTo("11-15");
        assertThat(SearchFilter.NONE.with(SearchFilter.Facet.AGENCY, "health").describe()).isEqualTo("agency=health");
    }
}

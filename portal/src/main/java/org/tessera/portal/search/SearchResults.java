package org.tessera.portal.search;

import java.util.List;
import java.util.Map;

/** Search types returned by {@link SearchService}. */
public final class SearchResults {

    private SearchResults() {
    }

    /** A person found. {@code dateOfBirth} may be partial (yyyy or yyyy-MM). */
    public record PersonResult(String personId, String name, String dateOfBirth, boolean child, List<String> postcodes,
                               String band, Double score, List<String> agencies, double relevance) {
        public PersonResult {
            postcodes = List.copyOf(postcodes);
            agencies = List.copyOf(agencies);
        }
    }

    /** A record found, with highlighted snippets as safe HTML (escaped text, {@code <mark>} tags). */
    public record RecordResult(String eventId, String agency, String recordType, String date, List<String> snippets,
                               List<String> indicatorIds, List<String> personIds, List<String> names) {
        public RecordResult {
            snippets = List.copyOf(snippets);
            indicatorIds = List.copyOf(indicatorIds);
            personIds = List.copyOf(personIds);
            names = List.copyOf(names);
        }
    }

    public record FacetValue(String value, long count) {
    }

    /** Totals and facet counts of one search: facet name to values, most frequent first. */
    public record Summary(long people, long records, Map<String, List<FacetValue>> facets) {
        public Summary {
            facets = Map.copyOf(facets);
        }
    }
}

package org.tessera.portal.search;

import java.time.LocalDate;

/**
 * Facet selections narrowing a search; {@code null} means "any". Immutable, with withers for the
 * view's facet clicks.
 */
public record SearchFilter(String agency, String recordType, String indicator, String band, String district,
                           String ageBand, LocalDate from, LocalDate to) implements org.tessera.portal.audit.AuditedRead.Detail {

    public static final SearchFilter NONE = new SearchFilter(null, null, null, null, null, null, null, null);

    public SearchFilter {
        agency = blankToNull(agency);
        recordType = blankToNull(recordType);
        indicator = blankToNull(indicator);
        band = blankToNull(band);
        district = blankToNull(district);
        ageBand = blankToNull(ageBand);
        if (ageBand != null && AgeBand.parse(ageBand) == null) {
            throw new IllegalArgumentException("unknown age band " + ageBand + "; known: " + AgeBand.LABELS);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("date range starts after it ends");
        }
    }

    /**
     * A facet the view offers as a choice of one value, in the order of the record's first six
     * components ({@link #with} and {@link #get} rely on it).
     *
     * @param key   the facet's name in {@link SearchResults.Summary#facets()}
     * @param label what the search page calls it
     */
    public enum Facet {
        AGENCY("agency", "Agency"),
        RECORD_TYPE(SearchService.RECORD_TYPE_FACET, "Record type"),
        INDICATOR("indicator", "Indicator"),
        BAND("band", "Band"),
        DISTRICT("district", "Postcode district"),
        AGE_BAND("age", "Age band");

        public final String key;
        public final String label;

        Facet(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    /** This filter with {@code facet} set to {@code value} ({@code null} or blank: any). */
    public SearchFilter with(Facet facet, String value) {
        String[] values = facetValues();
        values[facet.ordinal()] = value;
        return new SearchFilter(values[0], values[1], values[2], values[3], values[4], values[5], from, to);
    }

    /** The value chosen for {@code facet}, {@code null} for any. */
    public String get(Facet facet) {
        return facetValues()[facet.ordinal()];
    }

    private String[] facetValues() {
        return new String[] {agency, recordType, indicator, band, district, ageBand};
    }

    public SearchFilter withDates(LocalDate newFrom, LocalDate newTo) {
        return new SearchFilter(agency, recordType, indicator, band, district, ageBand, newFrom, newTo);
    }

    /** A short description for the audit record. */
    @Override
    public String describe() {
        StringBuilder out = new StringBuilder();
        append(out, "agency", agency);
        append(out, "type", recordType);
        append(out, "indicator", indicator);
        append(out, "band", band);
        append(out, "district", district);
        append(out, "age", ageBand);
        append(out, "from", from == null ? null : from.toString());
        append(out, "to", to == null ? null : to.toString());
        return out.toString().trim();
    }

    private static void append(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(name).append('=').append(value).append(' ');
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}

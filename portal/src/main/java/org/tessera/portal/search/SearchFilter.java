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

    public SearchFilter withAgency(String value) {
        return new SearchFilter(value, recordType, indicator, band, district, ageBand, from, to);
    }

    public SearchFilter withRecordType(String value) {
        return new SearchFilter(agency, value, indicator, band, district, ageBand, from, to);
    }

    public SearchFilter withIndicator(String value) {
        return new SearchFilter(agency, recordType, value, band, district, ageBand, from, to);
    }

    public SearchFilter withBand(String value) {
        return new SearchFilter(agency, recordType, indicator, value, district, ageBand, from, to);
    }

    public SearchFilter withDistrict(String value) {
        return new SearchFilter(agency, recordType, indicator, band, value, ageBand, from, to);
    }

    public SearchFilter withAgeBand(String value) {
        return new SearchFilter(agency, recordType, indicator, band, district, value, from, to);
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

package org.tessera.indexer.ingest;

import java.text.ParsePosition;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses dates with the formats a mapping declares, keeping partial dates partial.
 * Pure functions; thread-safe.
 */
final class DatePatterns {
    private DatePatterns() {}

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?:0{1,2}[/.\\-])?(\\d{1,2})[/.\\-](\\d{4})");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})[/.\\-](\\d{1,2})(?:[/.\\-]0{1,2})?");

    /** Outcome of parsing one value. */
    sealed interface Parsed {
        record Full(PartialDate date) implements Parsed {}
        /** Only part of the date could be trusted (e.g. "1990", "00/03/1990", or 31/02/1990 kept as 1990-02). */
        record Partial(PartialDate date) implements Parsed {}
        record Unparsable() implements Parsed {}
    }

    /** Letters of the pattern outside quoted literals. */
    static String letters(String pattern) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') quoted = !quoted;
            else if (!quoted && Character.isLetter(c)) sb.append(c);
        }
        return sb.toString();
    }

    /** STRICT resolution needs proleptic year 'u' instead of year-of-era 'y' (which requires an era). */
    static String forStrictResolution(String pattern) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') quoted = !quoted;
            sb.append(!quoted && c == 'y' ? 'u' : c);
        }
        return sb.toString();
    }

    static Parsed parse(String value, List<DateTimeFormatter> formatters) {
        String v = value.trim();
        for (DateTimeFormatter f : formatters) {
            try {
                TemporalAccessor t = f.parse(v);
                LocalDate d = LocalDate.from(t);
                if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
                    return new Parsed.Full(PartialDate.of(LocalDateTime.of(d, LocalTime.from(t))));
                }
                return new Parsed.Full(PartialDate.of(d));
            } catch (DateTimeException e) {
                // try the next format, then the partial forms
            }
        }
        // The text has the shape of a declared format but an impossible day or month (00/03/1990, 31/02/1990).
        for (DateTimeFormatter f : formatters) {
            ParsePosition pos = new ParsePosition(0);
            TemporalAccessor raw;
            try {
                raw = f.parseUnresolved(v, pos);
            } catch (RuntimeException e) {
                continue;
            }
            if (raw == null || pos.getErrorIndex() >= 0 || pos.getIndex() != v.length()) continue;
            Long year = raw.isSupported(ChronoField.YEAR) ? Long.valueOf(raw.getLong(ChronoField.YEAR)) : null;
            if (year == null || year < 1 || year > 9999) continue;
            long month = raw.isSupported(ChronoField.MONTH_OF_YEAR) ? raw.getLong(ChronoField.MONTH_OF_YEAR) : 0;
            if (month >= 1 && month <= 12) return new Parsed.Partial(PartialDate.ofYearMonth(year.intValue(), (int) month));
            return new Parsed.Partial(PartialDate.ofYear(year.intValue()));
        }
        Matcher m = YEAR.matcher(v);
        if (m.matches()) return new Parsed.Partial(PartialDate.ofYear(Integer.parseInt(m.group(1))));
        m = MONTH_YEAR.matcher(v);
        if (m.matches()) return yearMonth(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        m = YEAR_MONTH.matcher(v);
        if (m.matches()) return yearMonth(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return new Parsed.Unparsable();
    }

    private static Parsed yearMonth(int year, int month) {
        if (year < 1) return new Parsed.Unparsable();
        if (month >= 1 && month <= 12) return new Parsed.Partial(PartialDate.ofYearMonth(year, month));
        if (month == 0) return new Parsed.Partial(PartialDate.ofYear(year));
        return new Parsed.Unparsable();
    }
}

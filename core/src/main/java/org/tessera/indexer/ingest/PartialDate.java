package org.tessera.indexer.ingest;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Objects;

/**
 * A date as precise as the source knows it: a year, a year and month, a full date, or a date and
 * time. Agencies hold partial dates of birth ("1990", "03/1990", "00/03/1990"); they are kept
 * partial rather than invented into a full date, so that linkage can compare them for what they are.
 *
 * @param year  calendar year
 * @param month 1-12, or 0 when precision is {@link Precision#YEAR}
 * @param day   1-31, or 0 when precision is coarser than {@link Precision#DAY}
 * @param time  time of day, only for {@link Precision#DATE_TIME}
 */
public record PartialDate(int year, int month, int day, LocalTime time, Precision precision)
        implements Comparable<PartialDate> {

    /** How much of the date is known. */
    public enum Precision { YEAR, MONTH, DAY, DATE_TIME }

    public PartialDate {
        Objects.requireNonNull(precision, "precision");
        if (year < 1 || year > 9999) throw new IllegalArgumentException("year out of range: " + year);
        switch (precision) {
            case YEAR -> {
                if (month != 0 || day != 0 || time != null) throw new IllegalArgumentException("year precision carries month/day/time");
            }
            case MONTH -> {
                if (month < 1 || month > 12 || day != 0 || time != null) throw new IllegalArgumentException("bad year-month: " + year + "-" + month);
            }
            case DAY, DATE_TIME -> {
                LocalDate.of(year, month, day); // throws DateTimeException when not a calendar date
                if ((precision == Precision.DATE_TIME) != (time != null)) throw new IllegalArgumentException("time must be present exactly for DATE_TIME");
            }
        }
    }

    public static PartialDate ofYear(int year) { return new PartialDate(year, 0, 0, null, Precision.YEAR); }

    public static PartialDate ofYearMonth(int year, int month) { return new PartialDate(year, month, 0, null, Precision.MONTH); }

    public static PartialDate of(LocalDate d) { return new PartialDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), null, Precision.DAY); }

    public static PartialDate of(LocalDateTime t) {
        return new PartialDate(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.toLocalTime(), Precision.DATE_TIME);
    }

    /** Parses the ISO-like form written by {@link #toString()}: {@code 1990}, {@code 1990-03}, {@code 1990-03-04}, {@code 1990-03-04T10:15}. */
    public static PartialDate parse(String iso) {
        String s = iso.trim();
        if (s.matches("\\d{4}")) return ofYear(Integer.parseInt(s));
        if (s.matches("\\d{4}-\\d{2}")) return ofYearMonth(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5)));
        if (s.length() == 10) return of(LocalDate.parse(s));
        return of(LocalDateTime.parse(s));
    }

    public boolean isComplete() { return precision == Precision.DAY || precision == Precision.DATE_TIME; }

    /** The full date, or null when the date is partial. */
    public LocalDate toLocalDate() { return isComplete() ? LocalDate.of(year, month, day) : null; }

    /** The earliest instant this partial date can mean, for sorting and range queries. */
    public LocalDateTime earliest() {
        return switch (precision) {
            case YEAR -> LocalDate.of(year, 1, 1).atStartOfDay();
            case MONTH -> LocalDate.of(year, month, 1).atStartOfDay();
            case DAY -> LocalDate.of(year, month, day).atStartOfDay();
            case DATE_TIME -> LocalDate.of(year, month, day).atTime(time);
        };
    }

    /** The last day this partial date can mean. */
    public LocalDate latestDay() {
        return switch (precision) {
            case YEAR -> LocalDate.of(year, 12, 31);
            case MONTH -> YearMonth.of(year, month).atEndOfMonth();
            case DAY, DATE_TIME -> LocalDate.of(year, month, day);
        };
    }

    @Override
    public int compareTo(PartialDate o) { return earliest().compareTo(o.earliest()); }

    @JsonValue
    @Override
    public String toString() {
        // Hand-formatted: this runs for every blocking key and comparison, String.format is slow.
        StringBuilder sb = new StringBuilder(16);
        pad(sb, year, 4);
        if (precision == Precision.YEAR) return sb.toString();
        pad(sb.append('-'), month, 2);
        if (precision == Precision.MONTH) return sb.toString();
        pad(sb.append('-'), day, 2);
        if (precision == Precision.DAY) return sb.toString();
        return sb.append('T').append(time).toString();
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) sb.append('0');
        sb.append(s);
    }
}

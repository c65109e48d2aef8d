package org.tessera.indexer.nlp.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a DATE mention found by {@link RuleEntityFinder} into a calendar date, so that a
 * chronology can place what a note says. UK day-month order; a missing year is the latest
 * one that does not put the date more than a month after the note's date; two-digit years
 * are 20xx unless that would be more than a year after the note. Pure functions.
 */
public final class PractitionerDates {

    /** How much of the date the text gave. */
    public enum Precision { DAY, MONTH }

    /** A normalised date; with {@code MONTH} precision the day is the 1st. */
    public record NormalisedDate(LocalDate date, Precision precision) {
        public NormalisedDate {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(precision, "precision");
        }
    }

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    private static final Pattern WEEKDAY_PREFIX = Pattern.compile(
            "^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,?\\s+(?:the\\s+)?");
    private static final Pattern NUMERIC = Pattern.compile("^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})$");
    private static final Pattern ISO = Pattern.compile("^(\\d{4})-(\\d{2})-(\\d{2})$");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "^(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+([a-z]{3})[a-z]*\\.?(?:,?\\s+(\\d{4}|'\\d{2}))?$");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "^([a-z]{3})[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?$");
    private static final Pattern MONTH_YEAR = Pattern.compile("^([a-z]{3})[a-z]*\\s+(\\d{4})$");
    private static final Pattern MONTH_ONLY = Pattern.compile("^([a-z]{3})[a-z]*$");

    private PractitionerDates() {
    }

    /**
     * @param mention   the date text, e.g. "3rd March", "12.3.24", "March 2024"
     * @param reference the date the note was written, to complete missing years
     * @return empty when the text is not a date this class understands or not a real date
     */
    public static Optional<NormalisedDate> parse(String mention, LocalDate reference) {
        String s = WEEKDAY_PREFIX.matcher(mention.strip().toLowerCase(Locale.ROOT)).replaceFirst("");
        try {
            Matcher m = NUMERIC.matcher(s);
            if (m.matches()) {
                return day(year(m.group(3), reference), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            m = ISO.matcher(s);
            if (m.matches()) {
                return day(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            m = DAY_MONTH.matcher(s);
            if (m.matches()) {
                return dayWithOptionalYear(Integer.parseInt(m.group(1)), m.group(2), m.group(3), reference);
            }
            m = MONTH_DAY.matcher(s);
            if (m.matches()) {
                return dayWithOptionalYear(Integer.parseInt(m.group(2)), m.group(1), m.group(3), reference);
            }
            m = MONTH_YEAR.matcher(s);
            if (m.matches() && MONTHS.containsKey(m.group(1))) {
                return Optional.of(new NormalisedDate(
                        LocalDate.of(Integer.parseInt(m.group(2)), MONTHS.get(m.group(1)), 1), Precision.MONTH));
            }
            m = MONTH_ONLY.matcher(s);
            if (m.matches() && MONTHS.containsKey(m.group(1))) {
                LocalDate d = LocalDate.of(reference.getYear(), MONTHS.get(m.group(1)), 1);
                if (d.isAfter(reference.plusMonths(1))) {
                    d = d.minusYears(1);
                }
                return Optional.of(new NormalisedDate(d, Precision.MONTH));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty(); // 31/02/2024 and the like
        }
        return Optional.empty();
    }

    private static Optional<NormalisedDate> dayWithOptionalYear(int day, String month, String year, LocalDate reference) {
        Integer mon = MONTHS.get(month);
        if (mon == null) {
            return Optional.empty();
        }
        if (year != null) {
            return day(year(year.replace("'", ""), reference), mon, day);
        }
        LocalDate d = LocalDate.of(reference.getYear(), mon, day);
        if (d.isAfter(reference.plusMonths(1))) {
            d = d.minusYears(1); // "3rd December" in a January note is last December
        }
        return Optional.of(new NormalisedDate(d, Precision.DAY));
    }

    private static Optional<NormalisedDate> day(int year, int month, int day) {
        return Optional.of(new NormalisedDate(LocalDate.of(year, month, day), Precision.DAY));
    }

    private static int year(String y, LocalDate reference) {
        int v = Integer.parseInt(y);
        if (y.length() == 4) {
            return v;
        }
        int century = 2000 + v;
        return century > reference.getYear() + 1 ? 1900 + v : century;
    }
}

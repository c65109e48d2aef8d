package org.tessera.indexer.documents;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as letters and forms write them, found in free text: {@code 29/08/2008}, {@code 29.8.08},
 * {@code 29-08-2008}, {@code 2008-08-29}, {@code 29 August 2008}, {@code 29th Aug 2008},
 * {@code August 29, 2008}. Day first (British usage). Two-digit years are read as the most recent
 * year not after {@code pivotYear}. Pure functions; thread-safe.
 */
public final class TextDates {

    private static final Map<String, Month> MONTHS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (Month m : Month.values()) {
            String name = m.name().toLowerCase(Locale.ROOT);
            MONTHS.put(name, m);
            MONTHS.put(name.substring(0, 3), m);
        }
        MONTHS.put("sept", Month.SEPTEMBER);
    }

    private static final String MONTH_NAME = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
            + "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
    /** One alternative per shape; groups are read by name. */
    private static final Pattern DATE = Pattern.compile(
            "(?<![\\d/.\\-])(?:"
                    + "(?<d1>\\d{1,2})\\s*[/.\\-]\\s*(?<m1>\\d{1,2})\\s*[/.\\-]\\s*(?<y1>\\d{4}|\\d{2})"
                    + "|(?<y2>\\d{4})-(?<m2>\\d{2})-(?<d2>\\d{2})"
                    + "|(?<d3>\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?(?:\\s+|-)(?<m3>" + MONTH_NAME + ")(?:,?\\s+|-)(?<y3>\\d{4})"
                    + "|(?<m4>" + MONTH_NAME + ")\\s+(?<d4>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<y4>\\d{4})"
                    + ")(?![\\d/])",
            Pattern.CASE_INSENSITIVE);

    /** A date found in a text, with its offsets. */
    public record Found(LocalDate date, int start, int end) {}

    private TextDates() {
    }

    /** Every valid date in {@code text}, in order. */
    public static List<Found> findAll(String text, int pivotYear) {
        List<Found> out = new ArrayList<>();
        Matcher m = DATE.matcher(text);
        while (m.find()) {
            toDate(m, pivotYear).ifPresent(d -> out.add(new Found(d, m.start(), m.end())));
        }
        return out;
    }

    /** The first valid date in {@code text}. */
    public static Optional<LocalDate> first(String text, int pivotYear) {
        List<Found> all = findAll(text, pivotYear);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).date());
    }

    /** The first valid date that starts within {@code maxOffset} characters of the start of {@code text}. */
    public static Optional<LocalDate> leading(String text, int maxOffset, int pivotYear) {
        return findAll(text, pivotYear).stream().filter(f -> f.start() <= maxOffset).map(Found::date).findFirst();
    }

    private static Optional<LocalDate> toDate(Matcher m, int pivotYear) {
        try {
            String y;
            int month;
            String d;
            if (m.group("d1") != null) {
                d = m.group("d1");
                month = Integer.parseInt(m.group("m1"));
                y = m.group("y1");
            } else if (m.group("y2") != null) {
                d = m.group("d2");
                month = Integer.parseInt(m.group("m2"));
                y = m.group("y2");
            } else if (m.group("d3") != null) {
                d = m.group("d3");
                month = MONTHS.get(m.group("m3").replace(".", "")).getValue();
                y = m.group("y3");
            } else {
                d = m.group("d4");
                month = MONTHS.get(m.group("m4").replace(".", "")).getValue();
                y = m.group("y4");
            }
            int year = Integer.parseInt(y);
            if (y.length() == 2) {
                year += 2000;
                if (year > pivotYear) {
                    year -= 100;
                }
            }
            if (year < 1900 || year > 2100) {
                return Optional.empty();
            }
            return Optional.of(LocalDate.of(year, month, Integer.parseInt(d)));
        } catch (DateTimeException | NullPointerException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

package org.tessera.indexer.nlp.rules;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where in one text each of {@link RuleEntityFinder}'s patterns can begin a match, found in one
 * pass, so the regex engine is not started at every character by nine patterns.
 *
 * <p>Each list holds every position the pattern's lookbehind and first characters allow (and
 * some more), never fewer; ascending:
 * <ul>
 *   <li>digit runs: an ASCII digit after a non-digit, where the numeric and ISO dates, the
 *       day-first dates and NHS numbers begin (each starts with {@code \d} behind a no-digit
 *       lookbehind);
 *   <li>month words: a capital month prefix ({@code Jan} ... {@code Dec}, which every month
 *       spelling starts with) after a non-letter, for the month-first dates;
 *   <li>bare months: from the start of a month word other than May after one whitespace
 *       character, the start of each time preposition that could end there;
 *   <li>phones: {@code +}, {@code (} or {@code 0} not after a digit or {@code +};
 *   <li>postcodes: a capital after a non-alphanumeric with a digit one or two characters on
 *       (the outward code's area and district), or {@code GIR}.
 * </ul>
 * A pattern that needs a digit gets no positions in a text without one, and the day-first
 * dates none in a text without a month word. Immutable.
 */
final class MatchStarts {

    private static final int[] NONE = new int[0];
    private static final String[] MONTH_PREFIXES =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** How far back from its month a bare-month match can begin: a preposition and one space. */
    private static final int[] BARE_MONTH_LEADS = RuleEntityFinder.BARE_MONTH_PREPOSITIONS.stream()
            .mapToInt(p -> p.length() + 1).distinct().sorted().toArray();

    private final int[] digitRuns;
    private final int[] monthWords;
    private final int[] bareMonths;
    private final int[] phones;
    private final int[] postcodes;

    private MatchStarts(int[] digitRuns, int[] monthWords, int[] bareMonths, int[] phones, int[] postcodes) {
        this.digitRuns = digitRuns;
        this.monthWords = monthWords;
        this.bareMonths = bareMonths;
        this.phones = phones;
        this.postcodes = postcodes;
    }

    static MatchStarts of(String text) {
        int n = text.length();
        Positions digitRuns = new Positions();
        Positions monthWords = new Positions();
        Positions bareMonths = new Positions();
        Positions phones = new Positions();
        Positions postcodes = new Positions();
        char previous = ' '; // before the text: no digit, letter or '+', as for a lookbehind
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean afterDigit = isDigit(previous);
            if (isDigit(c)) {
                if (!afterDigit) {
                    digitRuns.add(i);
                    if (c == '0' && previous != '+') {
                        phones.add(i);
                    }
                }
            } else if (c == '+' || c == '(') {
                if (!afterDigit && previous != '+') {
                    phones.add(i);
                }
            } else if (c >= 'A' && c <= 'Z') {
                if (!isLetter(previous) && startsMonth(text, i)) {
                    monthWords.add(i);
                    if (i > 0 && isRegexSpace(previous) && !text.startsWith("May", i)) {
                        for (int lead : BARE_MONTH_LEADS) {
                            if (i - lead >= 0) {
                                bareMonths.add(i - lead);
                            }
                        }
                    }
                }
                if (!isLetter(previous) && !afterDigit && startsPostcode(text, i)) {
                    postcodes.add(i);
                }
            }
            previous = c;
        }
        boolean anyDigit = digitRuns.size > 0;
        return new MatchStarts(digitRuns.toArray(), anyDigit ? monthWords.toArray() : NONE,
                bareMonths.toSortedArray(), anyDigit ? phones.toArray() : NONE, postcodes.toArray());
    }

    /** Where a date pattern of {@link RuleEntityFinder#DATES} can begin. */
    int[] forDate(Pattern datePattern) {
        if (datePattern == RuleEntityFinder.MONTH_DAY_DATE || datePattern == RuleEntityFinder.MONTH_YEAR_DATE) {
            return monthWords;
        }
        if (datePattern == RuleEntityFinder.DAY_MONTH_DATE) {
            return monthWords.length == 0 ? NONE : digitRuns;
        }
        if (datePattern == RuleEntityFinder.NUMERIC_DATE || datePattern == RuleEntityFinder.ISO_DATE) {
            return digitRuns;
        }
        throw new IllegalArgumentException("no start positions known for " + datePattern);
    }

    int[] digitRuns() {
        return digitRuns;
    }

    int[] bareMonths() {
        return bareMonths;
    }

    int[] phones() {
        return phones;
    }

    int[] postcodes() {
        return postcodes;
    }

    /** {@code \d} without UNICODE_CHARACTER_CLASS. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** {@code \s} without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean startsMonth(String text, int i) {
        for (String prefix : MONTH_PREFIXES) {
            if (text.startsWith(prefix, i)) {
                return true;
            }
        }
        return false;
    }

    /** {@code GIR} or an area letter with a digit after one or two characters. */
    private static boolean startsPostcode(String text, int i) {
        int n = text.length();
        return (i + 1 < n && isDigit(text.charAt(i + 1))) || (i + 2 < n && isDigit(text.charAt(i + 2)))
                || text.startsWith("GIR", i);
    }

    /** A growing list of positions. */
    private static final class Positions {
        private int[] values = NONE;
        private int size;

        void add(int position) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(8, size * 2));
            }
            values[size++] = position;
        }

        int[] toArray() {
            return size == 0 ? NONE : Arrays.copyOf(values, size);
        }

        int[] toSortedArray() {
            int[] out = toArray();
            Arrays.sort(out);
            return out;
        }
    }
}

package org.tessera.indexer.nlp.rules;

import org.tessera.indexer.normalise.NhsNumber;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tessera.indexer.nlp.EntityFinder;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

/**
 * Entities whose form is fixed enough that rules beat statistics: UK postcodes, UK phone
 * numbers, NHS numbers (with their modulus-11 check digit) and dates as practitioners write
 * them ({@code 12/03/2024}, {@code 12.3.24}, {@code 3rd March}, {@code March 2024},
 * {@code Mon 4th Nov 2024}, ISO dates).
 *
 * <p>Stateless and thread-safe. Overlapping candidates are resolved longest first.
 *
 * <p>Each pattern is tried only where a match of it can begin ({@link MatchStarts}: digit runs,
 * month names, phone and postcode starts, found in one pass over the text) instead of at every
 * character, and not at all when the text lacks what it needs (a digit, a month name). A match
 * can begin nowhere else, so the matches, and the entities, are those of {@code Matcher.find}.
 */
public final class RuleEntityFinder implements EntityFinder {

    // Outward code + inward code; the letter sets follow the Royal Mail rules.
    static final Pattern POSTCODE = Pattern.compile(
            "(?<![A-Za-z0-9])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][A-HJKPSTUW0-9]? ?[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])");

    static final Pattern PHONE = Pattern.compile(
            "(?<![\\d+])(?:\\+44\\s?(?:\\(0\\)\\s?)?\\d{2,4}|\\(0\\d{2,4}\\)|0\\d{2,4})(?:[\\s-]?\\d{3,4}){1,2}(?!\\d)");

    static final Pattern NHS = Pattern.compile("(?<![\\d])(?:\\d{3}[ -]?\\d{3}[ -]?\\d{4})(?![\\d])");

    private static final String MONTH =
            "(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                    + "|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.(?=\\s+\\d))?)";
    private static final String MONTH_NOT_MAY =
            "(?:(?:January|February|March|April|June|July|August|September|October|November|December)"
                    + "|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\\.(?=\\s+\\d))?)";
    private static final Pattern WEEKDAY_BEFORE = Pattern.compile(
            "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun)"
                    + "\\.?,?\\s+(?:the\\s+)?$");
    private static final String DAY = "(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:19|20)\\d{2}";

    // No pattern starts with an optional part: the regex engine then only tries positions where
    // a digit or a capital can start a date, which keeps the finder cheap on long notes.
    static final Pattern NUMERIC_DATE =
            Pattern.compile("(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/-]|\\.\\d)");
    // 2024-03-12
    static final Pattern ISO_DATE =
            Pattern.compile("(?<![\\d-])" + YEAR + "-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?![\\d-])");
    // 3rd March 2024, 3 March, 3rd of March '24
    static final Pattern DAY_MONTH_DATE = Pattern.compile("(?<![\\d])" + DAY + "(?:\\s+of)?\\s+" + MONTH
            + "(?:,?\\s+(?:" + YEAR + "|'\\d{2}))?(?![A-Za-z0-9])");
    // March 3rd, 2024 / March 3
    static final Pattern MONTH_DAY_DATE =
            Pattern.compile("(?<![A-Za-z])" + MONTH + "\\s+" + DAY + "(?:,?\\s+" + YEAR + ")?(?![A-Za-z0-9])");
    // March 2024, May 2024 (a bare 'May' is the verb far more often than the month)
    static final Pattern MONTH_YEAR_DATE =
            Pattern.compile("(?<![A-Za-z])(?:" + MONTH_NOT_MAY + "|May)\\s+" + YEAR + "(?![\\d])");
    static final List<Pattern> DATES =
            List.of(NUMERIC_DATE, ISO_DATE, DAY_MONTH_DATE, MONTH_DAY_DATE, MONTH_YEAR_DATE);
    /** The time prepositions before a bare month; MatchStarts steps back over them from the month. */
    static final List<String> BARE_MONTH_PREPOSITIONS =
            List.of("in", "since", "during", "early", "mid", "late", "until", "end of", "beginning of", "from");
    // a bare month name after a time preposition: "in March", "early Feb"; group 1 is the month
    static final Pattern BARE_MONTH = Pattern.compile(
            "\\b(?:" + String.join("|", BARE_MONTH_PREPOSITIONS) + ")\\s(" + MONTH_NOT_MAY + ")(?![A-Za-z0-9])");

    @Override
    public List<EntityMention> find(String text) {
        MatchStarts starts = MatchStarts.of(text);
        List<EntityMention> candidates = new ArrayList<>();
        for (Pattern p : DATES) {
            forEachMatch(p, text, starts.forDate(p), m -> {
                if (p != NUMERIC_DATE || plausibleNumericDate(m)) {
                    candidates.add(EntityMention.of(EntityType.DATE, text, withWeekday(text, m.start()), m.end()));
                }
            });
        }
        forEachMatch(BARE_MONTH, text, starts.bareMonths(),
                m -> candidates.add(EntityMention.of(EntityType.DATE, text, m.start(1), m.end(1))));
        forEachMatch(NHS, text, starts.digitRuns(), m -> {
            if (NhsNumber.isValid(m.group())) {
                candidates.add(EntityMention.of(EntityType.NHS_NUMBER, text, m.start(), m.end()));
            }
        });
        forEachMatch(PHONE, text, starts.phones(), m -> {
            if (plausiblePhone(m.group())) {
                candidates.add(EntityMention.of(EntityType.PHONE, text, m.start(), m.end()));
            }
        });
        forEachMatch(POSTCODE, text, starts.postcodes(),
                m -> candidates.add(EntityMention.of(EntityType.POSTCODE, text, m.start(), m.end())));
        return resolveOverlaps(candidates);
    }

    /**
     * The matches {@code Matcher.find} gives, when every match begins at one of {@code starts}
     * (ascending): tried only there, the lookbehinds still seeing the text before, and going on
     * after each match, taken or not, from its end as find does.
     */
    private static void forEachMatch(Pattern pattern, String text, int[] starts, Consumer<Matcher> onMatch) {
        if (starts.length == 0) {
            return;
        }
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        for (int start : starts) {
            if (start < from) {
                continue;
            }
            m.region(start, text.length());
            if (m.lookingAt()) {
                onMatch.accept(m);
                from = Math.max(m.end(), start + 1);
            }
        }
    }

    /** Extends a date back over a weekday written before it ("Mon 4th Nov", "Tuesday the 5th"). */
    static int withWeekday(String text, int start) {
        int from = Math.max(0, start - 16);
        Matcher w = WEEKDAY_BEFORE.matcher(text).region(from, start);
        // the region is short, so trying each start is cheap; the weekday must begin a word
        for (int i = from; i < start; i++) {
            w.region(i, start);
            if ((i == 0 || !Character.isLetter(text.charAt(i - 1))) && w.lookingAt() && w.end() == start) {
                return i;
            }
        }
        return start;
    }

    /** Keeps the longest of overlapping candidates; at equal length, the earlier-listed kind. */
    static List<EntityMention> resolveOverlaps(List<EntityMention> candidates) {
        List<EntityMention> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((EntityMention e) -> e.end() - e.start()).reversed()
                .thenComparingInt(EntityMention::start));
        List<EntityMention> kept = new ArrayList<>();
        for (EntityMention c : sorted) {
            boolean clash = kept.stream().anyMatch(k -> k.overlaps(c.start(), c.end()));
            if (!clash) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt(EntityMention::start));
        return List.copyOf(kept);
    }

    static boolean plausibleNumericDate(Matcher m) {
        int day = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(3));
        String sep = m.group(2);
        String year = m.group(4);
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return false;
        }
        // "3.5.24" is a date, but "1.5.2" is not reached here; a dotted pair with a 4-digit
        // year is fine too. Dashes with two-digit years are more often ranges or codes.
        return !("-".equals(sep) && year.length() == 2);
    }

    static boolean plausiblePhone(String candidate) {
        String digits = candidate.replaceAll("\\D", "");
        if (digits.startsWith("44")) {
            digits = "0" + digits.substring(digits.startsWith("440") ? 3 : 2);
        }
        return digits.startsWith("0") && (digits.length() == 11 || digits.length() == 10)
                && !digits.startsWith("00");
    }
}

package org.tessera.indexer.linkage;

import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.normalise.Nicknames;

import java.util.List;
import java.util.Set;

/**
 * The comparison vector of a pair: for each comparison, the first level (in order) that holds.
 * Level 0 is always "null" (a value missing on either side: no evidence either way). Levels
 * follow Splink's defaults where they exist (Jaro-Winkler 0.92 / 0.88, Double Metaphone).
 * Thread-safe (immutable tables; {@link JaroWinkler} is stateless).
 */
final class Comparisons {

    /** Comparison names and their level names (index = level). */
    static final List<String> NAMES = List.of("given_name", "family_name", "date_of_birth", "postcode", "address", "gender", "other_identifier");
    static final List<List<String>> LEVELS = List.of(
            List.of("null", "exact", "swapped_with_family", "nickname", "jaro_winkler_0.92", "jaro_winkler_0.88", "phonetic", "other_given_token", "initial", "else"),
            List.of("null", "exact", "swapped_with_given", "part_or_alias", "jaro_winkler_0.92", "jaro_winkler_0.88", "phonetic", "else"),
            List.of("null", "exact", "day_month_transposed", "year_typo", "one_component_differs", "partial_agrees", "year_only", "else"),
            List.of("null", "exact", "sector", "district", "one_edit", "else"),
            List.of("null", "tokens_0.8", "tokens_0.5", "tokens_some", "else"),
            List.of("null", "same", "different"),
            List.of("null", "exact", "one_edit", "two_edits", "else"));
    static final int COUNT = NAMES.size();
    static final int BITS = 4;

    private final Nicknames nicknames;

    Comparisons(Nicknames nicknames) {
        this.nicknames = nicknames;
    }

    static int level(int pattern, int comparison) { return (pattern >>> (comparison * BITS)) & 0xF; }

    int compare(Features a, Features b) {
        boolean swapped = a.given != null && a.family != null && b.given != null && b.family != null
                && !a.given.equals(b.given) && a.given.equals(b.family) && a.family.equals(b.given);
        int given = given(a, b, swapped), family = family(a, b, swapped);
        if (given == GIVEN_ELSE && family == FAMILY_ELSE && looselySwapped(a, b)) {
            given = 2;
            family = 2;
        }
        int p = 0;
        p |= given;
        p |= family << BITS;
        p |= dob(a.dob, b.dob) << (2 * BITS);
        p |= postcode(a, b) << (3 * BITS);
        p |= address(a.addressTokens, b.addressTokens) << (4 * BITS);
        p |= gender(a.gender, b.gender) << (5 * BITS);
        p |= identifiers(a.idList, b.idList) << (6 * BITS);
        return p;
    }

    private static final int GIVEN_ELSE = 9, FAMILY_ELSE = 7;
    /** The key prefix of a source's own person id in {@link Features#ids} ({@code source_person_id@source}). */
    private static final String SOURCE_PERSON_ID = "source_person_id@";

    /**
     * Given and family name written the other way round and mistyped besides ("Cooper Zarah" for
     * Sarah Cooper, "S Deborah" for Deborah Smith): each name near the other's other name
     * (Jaro-Winkler 0.88, a part of a hyphenated name, or an initial), one of them closely (0.92).
     */
    private static boolean looselySwapped(Features a, Features b) {
        if (a.given == null || a.family == null || b.given == null || b.family == null) return false;
        double x = crossSimilarity(a.given, b.family, b.familyParts);
        if (x < 0.88) return false; // the smaller of the two is below 0.88 whatever the other
        double y = crossSimilarity(b.given, a.family, a.familyParts);
        return Math.min(x, y) >= 0.88 && Math.max(x, y) >= 0.92;
    }

    /**
     * How near a given name is to a family name or one of its parts; an initial of it counts as 0.88. Only
     * compared with 0.88 and 0.92: a value surely below 0.88 may be given as 0, and a part equal to the whole
     * name is not compared again.
     */
    private static double crossSimilarity(String given, String family, List<String> familyParts) {
        double best = JaroWinkler.similarityFrom(given, family, 0.88);
        for (String part : familyParts) if (!part.equals(family)) best = Math.max(best, JaroWinkler.similarityFrom(given, part, 0.88));
        if (best < 0.88 && given.length() == 1 && family.charAt(0) == given.charAt(0)) best = 0.88;
        return best;
    }

    private int given(Features a, Features b, boolean swapped) {
        if (a.given == null || b.given == null) return 0;
        if (a.given.equals(b.given)) return 1;
        if (swapped) return 2;
        if (nicknames.equivalent(a.given, b.given)) return 3;
        double s = JaroWinkler.similarityFrom(a.given, b.given, 0.88);
        if (s >= 0.92) return 4;
        if (s >= 0.88) return 5;
        if (shares(a.givenCodes, b.givenCodes)) return 6;
        for (String x : a.givenParts) if (x.length() > 1 && b.givenParts.contains(x)) return 7;
        if ((a.given.length() == 1 || b.given.length() == 1) && a.given.charAt(0) == b.given.charAt(0)) return 8;
        return 9;
    }

    /**
     * Whether two given names could be one person's: equal, nicknames of each other, within
     * Jaro-Winkler 0.88, sharing a sound, or one the initial of the other.
     */
    boolean givenRelated(Features a, Features b) {
        if (a.given == null || b.given == null) return true;
        int level = given(a, b, false);
        return level != GIVEN_ELSE;
    }

    /** Two name words that could be one name: equal, nicknames, within Jaro-Winkler 0.88, or one the initial of the other. */
    boolean namesRelated(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) return false;
        if (a.equals(b) || nicknames.equivalent(a, b)) return true;
        if ((a.length() == 1 || b.length() == 1) && a.charAt(0) == b.charAt(0)) return true;
        return JaroWinkler.similarity(a, b) >= 0.88;
    }

    private int family(Features a, Features b, boolean swapped) {
        if (a.family == null || b.family == null) return 0;
        if (a.family.equals(b.family)) return 1;
        if (swapped) return 2;
        for (String x : a.familyParts) if (x.length() > 1 && b.familyParts.contains(x)) return 3;
        double s = JaroWinkler.similarityFrom(a.family, b.family, 0.88);
        if (s >= 0.92) return 4;
        if (s >= 0.88) return 5;
        if (shares(a.familyCodes, b.familyCodes)) return 6;
        return 7;
    }

    /**
     * Date of birth levels. A year that differs while day and month agree is weighed by its typo
     * pattern: one digit or two adjacent digits swapped ({@code year_typo}, 1984/1948, 2016/2011)
     * is a keystroke; any other year ({@code one_component_differs}) is still one field of three.
     */
    static int dob(PartialDate a, PartialDate b) {
        if (a == null || b == null) return 0;
        if (a.isComplete() && b.isComplete()) {
            if (a.year() == b.year() && a.month() == b.month() && a.day() == b.day()) return 1;
            if (a.year() == b.year() && a.day() == b.month() && a.month() == b.day()) return 2;
            if (a.year() != b.year() && a.month() == b.month() && a.day() == b.day()
                    && withinOneEdit(Integer.toString(a.year()), Integer.toString(b.year()))) return 3;
            int same = (a.year() == b.year() ? 1 : 0) + (a.month() == b.month() ? 1 : 0) + (a.day() == b.day() ? 1 : 0);
            if (same == 2) return 4;
            return a.year() == b.year() ? 6 : 7;
        }
        if (a.year() != b.year()) return 7;
        boolean bothMonth = a.month() != 0 && b.month() != 0;
        if (!bothMonth || a.month() == b.month()) return 5;
        return 6;
    }

    private static int postcode(Features a, Features b) {
        if (a.postcode == null || b.postcode == null) return 0;
        if (a.postcode.equals(b.postcode)) return 1;
        if (a.ukPostcode != null && b.ukPostcode != null) {
            // Sector is district + the inward code's first character (compared without building the strings).
            boolean sameDistrict = a.ukPostcode.district().equals(b.ukPostcode.district());
            if (sameDistrict && a.ukPostcode.inward().charAt(0) == b.ukPostcode.inward().charAt(0)) return 2;
            if (sameDistrict) return 3;
        }
        if (withinOneEdit(a.postcode, b.postcode)) return 4;
        return 5;
    }

    private int address(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return 0;
        if (a == b) return 1; // one interned token set (a household, a person's records): every token matches
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        int matched = 0;
        for (String t : small) {
            if (large.contains(t)) { matched++; continue; }
            if (t.length() >= 4) {
                for (String u : large) {
                    if (u.length() >= 4 && JaroWinkler.similarityFrom(t, u, 0.9) >= 0.9) { matched++; break; }
                }
            }
        }
        double overlap = (double) matched / small.size();
        if (overlap >= 0.8) return 1;
        if (overlap >= 0.5) return 2;
        if (matched > 0) return 3;
        return 4;
    }

    private static int gender(String a, String b) {
        if (a == null || b == null) return 0;
        return a.equals(b) ? 1 : 2;
    }

    /**
     * Identifier levels graded by edits (optimal string alignment: insertion, deletion,
     * substitution, adjacent swap): 0, 1, 2, more. A reference typed twice by hand is often two
     * keystrokes out; only more than two is a different number. A source's own person id (keyed
     * {@code source_person_id@source}, so both values are that source's) is never typed: the
     * source's system numbers its persons, often one after the other within a household (police
     * N136481 the father, N136482 the son; a school's admission numbers), so a value one or two
     * edits from another is a neighbour's number and compares as {@code else} (ADR 0045). An NHS
     * number, UPN or a reference one keystroke out stays a slip.
     */
    private static int identifiers(List<String> a, List<String> b) {
        if (a == b) return a.isEmpty() ? 0 : 1; // one interned list: its first identifier agrees
        int best = 0;
        for (int x = 0, na = a.size(); x < na; x += 2) {
            String scheme = a.get(x);
            for (int y = 0, nb = b.size(); y < nb; y += 2) {
                if (!scheme.equals(b.get(y))) continue;
                String value = a.get(x + 1), other = b.get(y + 1);
                if (other.equals(value)) return 1;
                int lvl = scheme.startsWith(SOURCE_PERSON_ID) ? 4 : withinOneEdit(other, value) ? 2 : editsAtMost(other, value, 2) ? 3 : 4;
                best = best == 0 ? lvl : Math.min(best, lvl);
                break; // a scheme is listed once
            }
        }
        return best;
    }

    /**
     * Optimal string alignment distance at most {@code limit} (banded dynamic programme). Two bounds answer
     * first, as the programme would: an edit changes how often at most two characters occur, by one each (a swap
     * changes none), so strings whose counts of characters (folded to sixteen classes, which only lowers the sum)
     * differ by more than {@code 2 * limit} in all are further apart (two people's NHS numbers or references, most
     * of the identifier comparisons); strings of one length differing in at most {@code limit} places are within it.
     */
    static boolean editsAtMost(String a, String b, int limit) {
        int la = a.length(), lb = b.length();
        if (Math.abs(la - lb) > limit) return false;
        if (la < 16 && lb < 16) { // four bits a class hold any count
            long ca = 0, cb = 0;
            for (int i = 0; i < la; i++) ca += 1L << ((a.charAt(i) & 15) << 2);
            for (int i = 0; i < lb; i++) cb += 1L << ((b.charAt(i) & 15) << 2);
            int differing = 0;
            for (int shift = 0; shift < 64; shift += 4) differing += Math.abs((int) (ca >>> shift & 15) - (int) (cb >>> shift & 15));
            if (differing > 2 * limit) return false;
        }
        if (la == lb) {
            int mismatches = 0;
            for (int i = 0; i < la && mismatches <= limit; i++) if (a.charAt(i) != b.charAt(i)) mismatches++;
            if (mismatches <= limit) return true;
        }
        int[] prev2 = new int[lb + 1], prev = new int[lb + 1], cur = new int[lb + 1];
        for (int j = 0; j <= lb; j++) prev[j] = j;
        for (int i = 1; i <= la; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= lb; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) return false;
            int[] t = prev2; prev2 = prev; prev = cur; cur = t;
        }
        return prev[lb] <= limit;
    }

    private static boolean shares(Set<String> a, Set<String> b) {
        for (String x : a) if (b.contains(x)) return true;
        return false;
    }

    /** Optimal string alignment distance at most 1 (one insertion, deletion, substitution or adjacent swap). */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length(), lb = b.length();
        if (Math.abs(la - lb) > 1) return false;
        int i = 0;
        while (i < la && i < lb && a.charAt(i) == b.charAt(i)) i++;
        if (i == la && i == lb) return true;
        // Tails compared in place (regionMatches), not as substrings: postcodes of almost every pair pass here.
        if (la == lb) {
            if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) return true;
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i) && a.regionMatches(i + 2, b, i + 2, la - i - 2);
        }
        return la > lb ? a.regionMatches(i + 1, b, i, lb - i) : a.regionMatches(i, b, i + 1, la - i);
    }
}

package org.tessera.indexer.linkage;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Jaro-Winkler similarity giving exactly the doubles of commons-text's
 * {@link JaroWinklerSimilarity} (same matching window, half transpositions, prefix of at most four
 * and scaling 0.1, the same floating-point expression), without its per-character boxing and
 * per-call arrays: comparison was a fifth of a linkage run, most of it inside that class.
 * Matched positions are kept in two bit masks, so strings longer than 64 characters (never a
 * name, rarely an address token) are handed to commons-text. Stateless and thread-safe.
 */
final class JaroWinkler {
    private static final JaroWinklerSimilarity LONG = new JaroWinklerSimilarity();

    private JaroWinkler() {}

    /**
     * The similarity when it may reach {@code floor}, else 0 (a caller that only compares the value with
     * thresholds at or above {@code floor} decides the same). Whether it may is read from an upper bound that
     * costs a pass over each string: every character of the shorter string matched wherever the longer one holds
     * it (characters folded to 64 classes, which only raises the count), no transposition, and the common prefix
     * as it is. Most pairs of unrelated names and address words end there (a fifth of the comparisons' time was
     * this similarity).
     */
    static double similarityFrom(String left, String right, double floor) {
        return mayReach(left, right, floor) ? similarity(left, right) : 0d;
    }

    /** False only when {@link #similarity} is surely below {@code floor} (see {@link #similarityFrom}). */
    static boolean mayReach(String left, String right, double floor) {
        int ll = left.length(), rl = right.length();
        if (ll == 0 || rl == 0 || ll > 64 || rl > 64) return true;
        String shorter = ll <= rl ? left : right, longer = shorter == left ? right : left;
        long present = 0;
        for (int i = 0; i < longer.length(); i++) present |= 1L << longer.charAt(i); // shift by the char mod 64
        int matchable = 0;
        for (int i = 0; i < shorter.length(); i++) if ((present & (1L << shorter.charAt(i))) != 0) matchable++;
        if (matchable == 0) return floor <= 0; // no match: the similarity is 0
        int prefix = 0;
        for (int i = 0, n = Math.min(4, Math.min(ll, rl)); i < n && left.charAt(i) == right.charAt(i); i++) prefix++;
        double m = matchable;
        double jaro = (m / ll + m / rl + 1) / 3;
        // The similarity grows with the Jaro figure for a given prefix; the margin covers rounding.
        return Math.min(1d, jaro) + 0.1 * prefix * (1d - Math.min(1d, jaro)) >= floor - 1e-9;
    }

    static double similarity(String left, String right) {
        if (left.equals(right)) return 1d;
        String max, min;
        if (left.length() > right.length()) {
            max = left;
            min = right;
        } else {
            max = right;
            min = left;
        }
        int maxLength = max.length(), minLength = min.length();
        if (maxLength > 64) return LONG.apply(left, right);
        int range = Math.max(maxLength / 2 - 1, 0);
        long minMatched = 0, maxMatched = 0;
        int matches = 0;
        for (int mi = 0; mi < minLength; mi++) {
            char c = min.charAt(mi);
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, maxLength); xi < xn; xi++) {
                if ((maxMatched & (1L << xi)) == 0 && c == max.charAt(xi)) {
                    minMatched |= 1L << mi;
                    maxMatched |= 1L << xi;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0d;
        // The matched characters of each string, in order, compared position by position.
        int halfTranspositions = 0;
        long a = minMatched, b = maxMatched;
        while (a != 0) {
            if (min.charAt(Long.numberOfTrailingZeros(a)) != max.charAt(Long.numberOfTrailingZeros(b))) halfTranspositions++;
            a &= a - 1;
            b &= b - 1;
        }
        int prefix = 0;
        for (int i = 0, n = Math.min(4, minLength); i < n && left.charAt(i) == right.charAt(i); i++) prefix++;
        double m = matches;
        double j = ((m / left.length() + m / right.length() + (m - (double) halfTranspositions / 2) / m)) / 3;
        return j < 0.7d ? j : j + 0.1 * prefix * (1d - j);
    }
}

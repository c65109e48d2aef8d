package org.tessera.indexer.linkage;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class JaroWinklerTest {
    private final JaroWinklerSimilarity reference = new JaroWinklerSimilarity();

    @Test
    void givesExactlyTheDoublesOfCommonsText() {
        String[] words = {"", "a", "ab", "ba", "smith", "smyth", "smithe", "jones", "johns", "oliver", "olivia", "catherine", "kathryn",
                "mcdonald", "macdonald", "hello", "hallo", "frog", "fog", "elephant", "hippo", "aaapppp", "pennsylvania", "penncisylvnia"};
        for (String x : words) for (String y : words) assertSame(x, y);
        Random r = new Random(1);
        for (int k = 0; k < 200_000; k++) assertSame(random(r, 1 + r.nextInt(12)), random(r, 1 + r.nextInt(12)));
        // Longer than the bit masks hold: handed to commons-text.
        assertSame(random(r, 70), random(r, 66));
        assertSame(random(r, 64), random(r, 63));
    }

    /**
     * The bound never rules out a pair that reaches the floor, so a caller comparing with thresholds at or above
     * it decides the same; pairs near the thresholds the comparisons use (0.88, 0.9, 0.92) and far below both occur.
     */
    @Test
    void similarityFromAnswersAsTheSimilarityAtAndAboveItsFloor() {
        Random r = new Random(7);
        int ruledOut = 0;
        for (int k = 0; k < 300_000; k++) {
            String x = k % 3 == 0 ? mixed(r, 1 + r.nextInt(14)) : random(r, 1 + r.nextInt(12));
            String y = k % 2 == 0 ? near(r, x) : (k % 3 == 0 ? mixed(r, 1 + r.nextInt(14)) : random(r, 1 + r.nextInt(12)));
            double s = JaroWinkler.similarity(x, y);
            for (double floor : new double[] {0.88, 0.9, 0.92, 0.5, 0}) {
                double from = JaroWinkler.similarityFrom(x, y, floor);
                if (s >= floor) assertThat(from).as("%s / %s from %s", x, y, floor).isEqualTo(s);
                else assertThat(from).as("%s / %s from %s", x, y, floor).isLessThan(floor);
                if (from != s) ruledOut++;
            }
        }
        assertThat(ruledOut).as("pairs the bound answered alone").isGreaterThan(100_000);
    }

    /** A copy of the word with one or two letters changed, dropped or swapped: near the thresholds. */
    private static String near(Random r, String x) {
        StringBuilder s = new StringBuilder(x);
        for (int e = 1 + r.nextInt(2); e > 0 && !s.isEmpty(); e--) {
            int at = r.nextInt(s.length());
            switch (r.nextInt(3)) {
                case 0 -> s.setCharAt(at, (char) ('a' + r.nextInt(26)));
                case 1 -> s.deleteCharAt(at);
                default -> { if (at + 1 < s.length()) { char c = s.charAt(at); s.setCharAt(at, s.charAt(at + 1)); s.setCharAt(at + 1, c); } }
            }
        }
        return s.toString();
    }

    /** Letters, digits and characters 64 apart (one class of the bound's mask: 'a' and '!', 'q' and '1'). */
    private static String mixed(Random r, int length) {
        String alphabet = "abcdeqrs!1#23xyz\u00e9\u0129";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return s.toString();
    }

    private void assertSame(String x, String y) {
        assertThat(JaroWinkler.similarity(x, y)).as("%s / %s", x, y).isEqualTo(reference.apply(x, y));
    }

    /** Letters from a small alphabet, so that matches and transpositions are common. */
    private static String random(Random r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append((char) ('a' + r.nextInt(6)));
        return s.toString();
    }
}

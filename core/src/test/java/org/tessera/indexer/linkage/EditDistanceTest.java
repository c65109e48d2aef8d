package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Comparisons#editsAtMost} and {@link Comparisons#withinOneEdit} answer as the full optimal string
 * alignment distance does, whatever shortcut they take: near strings (a few edits of one another) and far ones,
 * over small alphabets where characters repeat and where letters and digits fall in one of the sixteen classes
 * the counting bound folds them to ('1' and 'A', '0' and 'P'), on both sides of the sixteen characters it reads.
 */
class EditDistanceTest {
    private static final String ALPHABET = "0123AP1QN";

    @Test
    void answersAsTheFullDistanceOnNearAndFarStrings() {
        Random random = new Random(20261207);
        int checked = 0;
        for (int k = 0; k < 200_000; k++) {
            String a = word(random, random.nextInt(19));
            String b = random.nextBoolean() ? edited(random, a, 1 + random.nextInt(4)) : word(random, random.nextInt(19));
            int distance = distance(a, b);
            for (int limit = 0; limit <= 3; limit++) {
                assertThat(Comparisons.editsAtMost(a, b, limit)).as("%s %s within %d (distance %d)", a, b, limit, distance)
                        .isEqualTo(distance <= limit);
                checked++;
            }
            assertThat(Comparisons.withinOneEdit(a, b)).as("%s %s within one (distance %d)", a, b, distance).isEqualTo(distance <= 1);
        }
        assertThat(checked).isEqualTo(800_000);
    }

    private static String word(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return s.toString();
    }

    /** {@code edits} random insertions, deletions, substitutions and adjacent swaps of {@code a}. */
    private static String edited(Random random, String a, int edits) {
        StringBuilder s = new StringBuilder(a);
        for (int e = 0; e < edits; e++) {
            int at = s.isEmpty() ? 0 : random.nextInt(s.length());
            switch (s.isEmpty() ? 0 : random.nextInt(4)) {
                case 0 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> s.deleteCharAt(at);
                case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> {
                    if (at + 1 < s.length()) {
                        char c = s.charAt(at);
                        s.setCharAt(at, s.charAt(at + 1));
                        s.setCharAt(at + 1, c);
                    }
                }
            }
        }
        return s.toString();
    }

    /** The optimal string alignment distance, the whole table (the textbook programme, no band, no bound). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

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

package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The linker's set of longs answers as a {@link HashSet} of the same values does. */
class LongSetTest {

    @Test
    void answersAsABoxedSetThroughGrowthAndTheSentinelValue() {
        FellegiSunterLinker.LongSet set = new FellegiSunterLinker.LongSet();
        Set<Long> expected = new HashSet<>();
        Random random = new Random(17);
        for (int k = 0; k < 50_000; k++) {
            // unit and event packed as the linker packs them, some repeated, and the extremes
            long value = switch (k % 5) {
                case 0 -> Long.MIN_VALUE;
                case 1 -> ((long) random.nextInt(300) << 32) | random.nextInt(300);
                default -> random.nextLong();
            };
            assertThat(set.add(value)).isEqualTo(expected.add(value));
        }
        for (long value : expected) {
            assertThat(set.contains(value)).isTrue();
        }
        for (int k = 0; k < 10_000; k++) {
            long value = random.nextLong();
            assertThat(set.contains(value)).isEqualTo(expected.contains(value));
        }
        assertThat(new FellegiSunterLinker.LongSet().contains(Long.MIN_VALUE)).isFalse();
        assertThat(new FellegiSunterLinker.LongSet().contains(0)).isFalse();
    }
}

package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The linker's set of longs and map of longs to ints answer as a {@link HashSet} and a {@link HashMap} of the same values do. */
class LongSetTest {

    @Test
    void answersAsABoxedSetThroughGrowthAndTheSentinelValue() {
        FellegiSunterLinker.LongSet set = new FellegiSunterLinker.LongSet();
        Set<Long> expected = new HashSet<>();
        Random random = new Random(17);
        for (int k = 0; k < 50_000; k++) {
            long value = value(random, k);
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

    @Test
    void mapAnswersAsABoxedMapThroughGrowthAndTheSentinelKey() {
        FellegiSunterLinker.LongIntMap map = new FellegiSunterLinker.LongIntMap();
        Map<Long, Integer> expected = new HashMap<>();
        Random random = new Random(23);
        for (int k = 0; k < 50_000; k++) {
            long key = value(random, k);
            int value = random.nextInt(1 << 28) - 1; // a pattern, or -1
            Integer had = expected.putIfAbsent(key, value);
            assertThat(map.putIfAbsent(key, value)).isEqualTo(had == null ? FellegiSunterLinker.LongIntMap.ABSENT : had);
        }
        expected.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        for (int k = 0; k < 10_000; k++) {
            long key = random.nextLong();
            assertThat(map.get(key)).isEqualTo(expected.getOrDefault(key, FellegiSunterLinker.LongIntMap.ABSENT));
        }
        assertThat(new FellegiSunterLinker.LongIntMap().get(Long.MIN_VALUE)).isEqualTo(FellegiSunterLinker.LongIntMap.ABSENT);
    }

    /** Two ints packed as the linker packs a unit and an event or two units, some repeated, and the extremes. */
    private static long value(Random random, int k) {
        return switch (k % 5) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> ((long) random.nextInt(300) << 32) | random.nextInt(300);
            default -> random.nextLong();
        };
    }
}

package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The linker orders occurrences by id exactly as a sort of the id strings does, whatever the ids look like. */
class SortedByIdTest {

    @Test
    void ordersAsTheIdStringsSortWhateverTheIds() {
        Random random = new Random(99);
        for (int round = 0; round < 40; round++) {
            Set<String> ids = new HashSet<>();
            int size = 1 + random.nextInt(round < 20 ? 50 : 5_000); // each kind of id below has over 10,000 distinct values
            while (ids.size() < size) ids.add(id(random, round));
            List<PersonOccurrence> input = new ArrayList<>();
            for (String id : ids) input.add(occurrence(id));
            java.util.Collections.shuffle(input, random);
            List<PersonOccurrence> expected = new ArrayList<>(input);
            expected.sort(Comparator.comparing(PersonOccurrence::occurrenceId));
            assertThat(FellegiSunterLinker.sortedById(input)).as("round %d", round).containsExactlyElementsOf(expected);
        }
    }

    /** Real ids (event hash + slot), ids sharing long prefixes, ids that are prefixes of others, NUL and non-ASCII characters. */
    private static String id(Random random, int round) {
        return switch (round % 5) {
            case 0, 1 -> "ev-" + Long.toHexString(random.nextLong()) + "-p" + random.nextInt(3);
            case 2 -> "ev-0000000" + Integer.toHexString(random.nextInt(3000)) + (random.nextBoolean() ? "-p" + random.nextInt(12) : "");
            case 3 -> "x" + "ab\u0000c".substring(0, random.nextInt(5)) + random.nextInt(4000);
            default -> "ev-" + (char) ('a' + random.nextInt(3)) + (random.nextInt(8) == 0 ? "\u00e9" : "") + random.nextInt(10_000);
        };
    }

    private static PersonOccurrence occurrence(String id) {
        return new PersonOccurrence(id, "s", id, "subject", "ann", "lee", List.of(), null, null, null, null, Map.of());
    }
}

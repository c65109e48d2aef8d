package org.tessera.indexer.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.PartialDate;

class BlockingKeysTest {

    @Test
    void theStoredFormIsTheUnsignedBase36OfTheHash() {
        long[] edges = {0L, 1L, 35L, 36L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, -36L, -37L, 0xcbf29ce484222325L};
        for (long value : edges) {
            assertThat(BlockingKeys.unsignedBase36(value)).as("%d", value).isEqualTo(Long.toUnsignedString(value, 36));
        }
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong();
            assertThat(BlockingKeys.unsignedBase36(value)).isEqualTo(Long.toUnsignedString(value, 36));
        }
        // keys as the feed store keeps them (pinned: stored keys must not change form; the second's hash has its top bit set)
        assertThat(BlockingKeys.stored("0:2014-03-09")).isEqualTo("1qf0j3sanchz6");
        assertThat(BlockingKeys.stored("3:kayleigh|okonkwo")).isEqualTo("3nomr5gudpsai");
    }

    @Test
    void aRecordKeepsItsKeysRefinementsAndTheUnitEachPersonCountsAs() {
        PartialDate born = PartialDate.of(java.time.LocalDate.of(2014, 3, 9));
        PersonOccurrence withNhs = new PersonOccurrence("ev-a-p0", "s", "ev-a", "subject", "Kayleigh", "Okonkwo", List.of(), born, "F",
                "12 Mill Lane", "NR2 4AB", Map.of("nhs_number", "9434765919"));
        PersonOccurrence sameOnAnother = new PersonOccurrence("ev-b-p0", "s", "ev-b", "subject", "Kayleigh", "Okonkwo", List.of(), born, "F",
                "12 Mill Lane", "NR2 4AB", Map.of("nhs_number", "9434765919"));
        PersonOccurrence withoutIdentifier = new PersonOccurrence("ev-a-p1", "s", "ev-a", "mother", "Ann", "Okonkwo", List.of(), null, "F",
                "12 Mill Lane", "NR2 4AB", Map.of());
        PersonOccurrence sameWithoutIdentifier = new PersonOccurrence("ev-b-p1", "s", "ev-b", "mother", "Ann", "Okonkwo", List.of(), null, "F",
                "12 Mill Lane", "NR2 4AB", Map.of());
        BlockingKeys.Stored a = BlockingKeys.storedOf(List.of(withNhs, withoutIdentifier));
        BlockingKeys.Stored b = BlockingKeys.storedOf(List.of(sameOnAnother, sameWithoutIdentifier));

        // identical occurrences with a valid strong identifier are one unit of a full run; others are one each
        assertThat(a.units().get(0).unit()).isEqualTo(b.units().get(0).unit());
        assertThat(a.units().get(1).unit()).isNotEqualTo(b.units().get(1).unit());
        // each occurrence's raw keys are its keys; the record holds every raw key and each one's refinements
        List<Set<String>> raw = BlockingKeys.of(List.of(withNhs, withoutIdentifier));
        assertThat(a.units().get(0).keys()).isEqualTo(BlockingKeys.stored(raw.get(0)));
        assertThat(a.keys()).containsAll(BlockingKeys.stored(raw.get(0))).containsAll(BlockingKeys.stored(raw.get(1)))
                .contains(BlockingKeys.stored(BlockingKeys.refined(0, "2014-03-09", "gk")), BlockingKeys.stored(BlockingKeys.refined(0, "2014-03-09", "fo")))
                .doesNotHaveDuplicates().isSorted();
        assertThat(BlockingKeys.ruleOf("10:12|mill")).isEqualTo(10);
        assertThat(BlockingKeys.ruleOf(BlockingKeys.refined(3, "K460|AKNK", "y2014"))).isEqualTo(3);
        assertThat(BlockingKeys.refinable(4)).isFalse();
        assertThat(BlockingKeys.refinable(0)).isTrue();
    }

    @Test
    void everyBlockAFullRunCouldPutAPersonInFindsItsRecord() {
        // records v5 (ADR 0065) keeps each person's raw keys and refinements apart, and the store finds a refined key as a
        // person holding both: every raw key of an occurrence and every refined key a full run could block it on (a rule's
        // key with one of that rule's refinements) is among what its record is found by
        List<PersonOccurrence> people = StoredKeyMemoTest.identities(new SplittableRandom(7), 3000);
        org.apache.commons.codec.language.DoubleMetaphone dm = new org.apache.commons.codec.language.DoubleMetaphone();
        int refined = 0;
        for (PersonOccurrence o : people) {
            Set<String> found = new java.util.HashSet<>(BlockingKeys.storedOf(List.of(o)).keys());
            Features f = new Features(o, dm);
            for (int r = 0; r < Blocking.RULES.size(); r++) {
                String[] subs = Blocking.refinements(r, f);
                for (String k : Blocking.keys(r, f)) {
                    assertThat(found).contains(BlockingKeys.stored(BlockingKeys.raw(r, k)));
                    for (String sub : subs == null ? new String[0] : subs) {
                        assertThat(found).contains(BlockingKeys.stored(BlockingKeys.refined(r, k, sub)));
                        refined++;
                    }
                }
            }
        }
        assertThat(refined).as("refined keys checked").isGreaterThan(10_000);
        // a refined key's stored form is its raw key's and its refinement's; an identifier's key is hashed whole, '#' or not
        String joined = BlockingKeys.stored(BlockingKeys.refined(0, "2014-03-09", "gk"));
        assertThat(joined).startsWith(BlockingKeys.stored("0:2014-03-09") + "#");
        assertThat(BlockingKeys.StoredKey.of(joined).raw()).isEqualTo(BlockingKeys.stored("0:2014-03-09"));
        assertThat(BlockingKeys.StoredKey.of(BlockingKeys.stored("0:2014-03-09")).refinement()).isNull();
        assertThat(BlockingKeys.stored("4:source_person_id@police=A#12")).doesNotContain("#");
    }
}

package org.tessera.indexer.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.PartialDate;

class StoredKeyMemoTest {

    /** People as sources write them: strong identifiers or none, a placeholder newborn, a source's own id, no date. */
    static List<PersonOccurrence> identities(SplittableRandom random, int count) {
        String[] given = {"Kayleigh", "Ann", "Jack", "Oliver", "Baby", "Mohammed", null, "Zoë"};
        String[] family = {"Okonkwo", "Carter", "Smith", "O'Neil", null, "Nowak"};
        String[] postcodes = {"NR2 4AB", "TC1 4AB", "NR1 1AA", null, "nr24ab"};
        String[] addresses = {"12 Mill Lane, Norwich", "12a Mill Lane", "Flat 3, 8 High Street", null};
        List<PersonOccurrence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PartialDate born = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> PartialDate.ofYearMonth(1980 + random.nextInt(30), 1 + random.nextInt(12));
                default -> PartialDate.of(LocalDate.of(1980 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            };
            Map<String, String> ids = switch (random.nextInt(6)) {
                case 0 -> Map.of("nhs_number", "9434765919");
                case 1 -> Map.of("nhs_number", String.valueOf(9_000_000_000L + random.nextInt(1_000_000_000)));
                case 2 -> Map.of("upn", "A12345678901" + random.nextInt(10));
                case 3 -> Map.of("source_person_id", "P" + random.nextInt(1000));
                case 4 -> Map.of("case_ref", "C-" + random.nextInt(100_000));
                default -> Map.of();
            };
            String source = random.nextBoolean() ? "health" : "police";
            out.add(new PersonOccurrence("x", source, "x", random.nextBoolean() ? "subject" : "mother",
                    given[random.nextInt(given.length)] + (random.nextInt(3) == 0 ? "" + i : ""), family[random.nextInt(family.length)],
                    random.nextInt(5) == 0 ? List.of("Kay Smith") : List.of(), born, random.nextBoolean() ? "F" : "M",
                    addresses[random.nextInt(addresses.length)], postcodes[random.nextInt(postcodes.length)], ids));
        }
        return out;
    }

    @Test
    void keysEveryRecordAsStoredOfTheWholeRecordDoes() {
        SplittableRandom random = new SplittableRandom(42);
        // more identities than the memo keeps, so that some are forgotten and keyed again
        List<PersonOccurrence> people = identities(random, StoredKeyMemo.IDENTITIES + 1500);
        StoredKeyMemo memo = new StoredKeyMemo();
        for (int r = 0; r < 30_000; r++) {
            String event = "ev-" + r;
            List<PersonOccurrence> record = new ArrayList<>();
            int size = 1 + random.nextInt(3);
            // a record's people: mostly one household's, again and again, sometimes anyone's
            int base = random.nextInt(10) == 0 ? random.nextInt(people.size()) : (r / 20) % people.size();
            for (int slot = 0; slot < size; slot++) {
                PersonOccurrence p = people.get((base + slot) % people.size());
                record.add(new PersonOccurrence(event + "-p" + slot, p.source(), event, p.role(), p.givenNames(), p.familyName(), p.otherNames(),
                        p.dateOfBirth(), p.gender(), p.address(), p.postcode(), p.identifiers()));
            }
            assertThat(memo.of(record)).as("record %d", r).isEqualTo(BlockingKeys.storedOf(record));
        }
        // the seed fixes the draw: 18,740 of the 59,822 occurrences carry a collapsible identity seen in the last 4,096
        assertThat(memo.hits()).as("occurrences keyed from the memo").isEqualTo(18_740);
    }

    @Test
    void anOccurrenceThatIsItsOwnUnitIsNeverTakenFromAnother() {
        PartialDate born = PartialDate.of(LocalDate.of(2014, 3, 9));
        PersonOccurrence first = new PersonOccurrence("ev-a-p0", "s", "ev-a", "mother", "Ann", "Okonkwo", List.of(), born, "F",
                "12 Mill Lane", "NR2 4AB", Map.of());
        PersonOccurrence second = new PersonOccurrence("ev-b-p0", "s", "ev-b", "mother", "Ann", "Okonkwo", List.of(), born, "F",
                "12 Mill Lane", "NR2 4AB", Map.of());
        StoredKeyMemo memo = new StoredKeyMemo();
        BlockingKeys.Stored a = memo.of(List.of(first));
        BlockingKeys.Stored b = memo.of(List.of(second));
        assertThat(a.keys()).isEqualTo(b.keys());
        assertThat(a.units().getFirst().unit()).isNotEqualTo(b.units().getFirst().unit());
        assertThat(b).isEqualTo(BlockingKeys.storedOf(List.of(second)));
        assertThat(memo.hits()).isZero();
    }
}

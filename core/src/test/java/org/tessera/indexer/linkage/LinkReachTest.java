package org.tessera.indexer.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.normalise.Nicknames;

class LinkReachTest {

    private static final String[] GIVEN = {"Oliver", "George", "Harry", "Jack", "Jacob", "Noah", "Charlie", "Thomas", "Oscar", "William",
            "James", "Leo", "Alfie", "Henry", "Joshua", "Freddie", "Archie", "Ethan", "Isaac", "Olivia", "Amelia", "Isla", "Ava", "Emily",
            "Sophia", "Grace", "Mia", "Poppy", "Ella", "Lily"};

    private final FellegiSunterLinker linker = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk(), 1);

    @Test
    void inACrowdedBlockOnlyTheRecordsTheModelCouldJoinAreReached() {
        // 150 children of one family name at one postcode: the wide rule's key (postcode and family
        // initial) is refined on the family name's sound, which they all share, so every pair is a candidate
        List<PersonOccurrence> stored = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            stored.add(occurrence("h" + i, GIVEN[i % GIVEN.length], "Smith", PartialDate.of(LocalDate.of(2008, 1, 1).plusDays(37L * i)),
                    "NR1 1AB", Map.of()));
        }
        LinkageParameters parameters = linker.link(stored, Decisions.none()).parameters();
        PersonOccurrence sameChild = stored.get(3);
        PersonOccurrence arrival = occurrence("new", sameChild.givenNames(), "Smith", sameChild.dateOfBirth(), "NR1 1AB", Map.of());
        PersonOccurrence sharedReference = occurrence("ref", "Zara", "Quinn", null, null, Map.of("local_ref", "LR55511"));
        stored.add(occurrence("ref-old", "Ben", "Oduya", null, "TC9 9ZZ", Map.of("local_ref", "LR55511")));

        List<PersonOccurrence> from = List.of(arrival, sharedReference);
        Set<String> sharing = sharingARawKey(from, stored);
        Set<String> reached = linker.reach(parameters).linkable(from, stored, List.of());

        assertThat(sharing).as("a raw key reaches the whole block").hasSizeGreaterThan(150);
        assertThat(reached).as("the same child, and the record with the same reference").contains(sameChild.occurrenceId(), "ev-ref-old-p0")
                .hasSizeLessThan(20);
        assertThat(reached).as("a sibling born years apart with another given name").doesNotContain(stored.get(40).occurrenceId());
    }

    @Test
    void everyPersonAFullRunJoinsToAnArrivalHoldsAReachedRecord() {
        Random random = new Random(7);
        List<PersonOccurrence> all = new ArrayList<>();
        for (int p = 0; p < 400; p++) {
            String given = GIVEN[random.nextInt(GIVEN.length)], family = "Fam" + (char) ('a' + random.nextInt(6)) + "ley";
            LocalDate born = LocalDate.of(2006, 1, 1).plusDays(random.nextInt(5000));
            String postcode = "NR" + (1 + random.nextInt(4)) + " 1AB";
            for (int c = 0; c < 1 + random.nextInt(4); c++) {
                String g = random.nextDouble() < 0.2 ? given.substring(0, given.length() - 1) : given;
                PartialDate d = random.nextDouble() < 0.15 ? null : random.nextDouble() < 0.1 ? PartialDate.ofYear(born.getYear()) : PartialDate.of(born);
                all.add(occurrence("p" + p + "c" + c, g, family, d, random.nextDouble() < 0.3 ? null : postcode, Map.of()));
            }
        }
        LinkageResult full = linker.link(all, Decisions.none());
        List<PersonOccurrence> arrivals = new ArrayList<>(), stored = new ArrayList<>();
        for (PersonOccurrence o : all) {
            (random.nextDouble() < 0.05 ? arrivals : stored).add(o);
        }
        Set<String> reached = linker.reach(full.parameters()).linkable(arrivals, stored, all);

        Map<String, List<String>> members = new HashMap<>();
        full.personIds().forEach((o, person) -> members.computeIfAbsent(person, k -> new ArrayList<>()).add(o));
        Set<String> arrivalIds = new HashSet<>();
        arrivals.forEach(o -> arrivalIds.add(o.occurrenceId()));
        int joined = 0;
        for (List<String> person : members.values()) {
            boolean hasArrival = person.stream().anyMatch(arrivalIds::contains);
            List<String> storedMembers = person.stream().filter(o -> !arrivalIds.contains(o)).toList();
            if (hasArrival && !storedMembers.isEmpty()) {
                joined++;
                assertThat(storedMembers).as("a person joining an arrival to stored records").anyMatch(reached::contains);
            }
        }
        assertThat(joined).as("arrivals joined to stored persons").isGreaterThan(10);
        assertThat(reached).as("fewer than the records sharing a raw key").hasSizeLessThan(sharingARawKey(arrivals, stored).size() / 2);
    }

    @Test
    void oneReachKeptForARunAnswersEachCallAsAFreshSingleThreadedOne() {
        Random random = new Random(11);
        List<PersonOccurrence> all = new ArrayList<>();
        // enough that the reach makes and weighs candidates on its threads (more than a few hundred a call)
        for (int p = 0; p < 900; p++) {
            String given = GIVEN[random.nextInt(GIVEN.length)], family = "Fam" + (char) ('a' + random.nextInt(5)) + "ton";
            LocalDate born = LocalDate.of(2006, 1, 1).plusDays(random.nextInt(4000));
            for (int c = 0; c < 1 + random.nextInt(3); c++) {
                PartialDate d = random.nextDouble() < 0.2 ? null : PartialDate.of(born);
                all.add(occurrence("p" + p + "c" + c, random.nextDouble() < 0.2 ? given.substring(1) : given, family, d,
                        random.nextDouble() < 0.3 ? null : "NR" + (1 + random.nextInt(3)) + " 1AB", Map.of()));
            }
        }
        LinkageParameters parameters = linker.link(all, Decisions.none()).parameters();
        FellegiSunterLinker threaded = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk(), 3);
        LinkReach kept = threaded.reach(parameters);
        for (int call = 0; call < 6; call++) {
            // overlapping calls, as the contestants' and the widening rounds' calls of one run overlap the first
            List<PersonOccurrence> from = new ArrayList<>(), candidates = new ArrayList<>();
            for (PersonOccurrence o : all) {
                double draw = random.nextDouble();
                if (draw < 0.03) {
                    from.add(o);
                } else if (draw < 0.7) {
                    candidates.add(o);
                }
            }
            if (call == 4) {
                // an id met before, now with another's details (a record replaced): made again, not taken as kept
                PersonOccurrence o = candidates.getFirst(), other = from.getFirst();
                candidates.set(0, new PersonOccurrence(o.occurrenceId(), o.source(), o.eventId(), o.role(), other.givenNames(),
                        other.familyName(), List.of(), other.dateOfBirth(), null, null, other.postcode(), Map.of()));
            }
            Set<String> fresh = linker.reach(parameters).linkable(from, candidates, from);
            assertThat(kept.linkable(from, candidates, from)).as("call " + call).isEqualTo(fresh).isNotEmpty();
            assertThat(kept.keys(candidates)).as("keys, call " + call).isEqualTo(BlockingKeys.of(candidates));
        }
    }

    private static Set<String> sharingARawKey(List<PersonOccurrence> from, List<PersonOccurrence> stored) {
        Set<String> keys = new HashSet<>();
        BlockingKeys.of(from).forEach(keys::addAll);
        List<Set<String>> storedKeys = BlockingKeys.of(stored);
        Set<String> out = new HashSet<>();
        for (int i = 0; i < stored.size(); i++) {
            if (storedKeys.get(i).stream().anyMatch(keys::contains)) {
                out.add(stored.get(i).occurrenceId());
            }
        }
        return out;
    }

    private static PersonOccurrence occurrence(String record, String given, String family, PartialDate born, String postcode,
                                               Map<String, String> identifiers) {
        String eventId = "ev-" + record;
        return new PersonOccurrence(eventId + "-p0", "test", eventId, "subject", given, family, List.of(), born, null, null, postcode,
                identifiers);
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.linkage.Decisions;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkageResult;
import org.tessera.indexer.linkage.LinkageSettings;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.normalise.Nicknames;

class IncrementalLinkingTest {

    private static final String[] GIVEN = {"Kayleigh", "Liam", "Olivia", "Noah", "Amelia", "Jack", "Isla", "Harry", "Ava", "Charlie",
            "Mia", "Oscar", "Freya", "George", "Poppy", "Alfie", "Ruby", "Theo", "Ella", "Leo"};
    private static final String[] FAMILY = {"Jones", "Okonkwo", "Taylor", "Brown", "Nowak", "Wilson", "Davies", "Evans", "Patel", "Roberts"};

    private final FellegiSunterLinker linker = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk(), 1);

    @Test
    void aNewRecordIsLinkedToItsStoredPersonAndOnlyItsNeighbourhoodIsLinkedAgain() {
        List<PersonOccurrence> history = history();
        LinkageResult full = linker.link(history, Decisions.none());
        Map<String, String> previous = full.personIds();

        List<PersonOccurrence> today = new ArrayList<>(history);
        PersonOccurrence arrival = occurrence("ev-new", 17, null);
        today.add(arrival);
        IncrementalLinking.Outcome outcome = IncrementalLinking.link(today, previous, Set.of("ev-new"), linker, Decisions.none(),
                full.parameters());

        assertThat(outcome.changed()).isEqualTo(1);
        assertThat(outcome.scope()).as("the neighbourhood, not the county").isLessThan(history.size() / 4).isGreaterThanOrEqualTo(1);
        LinkageResult everything = linker.link(today, Decisions.none());
        assertThat(IncrementalLinking.pairwise(outcome.result().personIds(), everything.personIds()))
                .as("the same clustering as linking everything").containsExactly(1.0, 1.0);
        Set<String> outside = new java.util.HashSet<>(previous.keySet());
        outcome.result().personIds().forEach((occurrence, person) -> {
            if (!person.equals(previous.get(occurrence))) {
                outside.remove(occurrence);
            }
        });
        assertThat(outside.size()).as("occurrences whose person stayed as stored").isGreaterThan(history.size() - 10);
    }

    @Test
    void aNewRecordOfAChildKeepsTheNewbornItWasJoinedWithBesideItsMother() {
        PartialDate born = PartialDate.of(LocalDate.of(2025, 7, 11)), motherBorn = PartialDate.of(LocalDate.of(1992, 5, 5));
        List<PersonOccurrence> history = background();
        // An antenatal contact names the baby "Baby" with the mother's family name; the child is registered with the father's.
        PersonOccurrence baby = person("hv", "HV-1", 0, "subject", "Baby", "Evans", born, "TC19 3GB", Map.of());
        history.add(baby);
        history.add(person("hv", "HV-1", 1, "mother", "Lucy", "Evans", motherBorn, "TC19 3GB", Map.of("nhs_number", "4393336143")));
        PersonOccurrence isla = person("hv", "HV-2", 0, "subject", "Isla", "Edwards", born, "TC19 3GB", Map.of("nhs_number", "4869775085"));
        history.add(isla);
        history.add(person("hv", "HV-2", 1, "mother", "Lucy", "Evans", motherBorn, "TC19 3GB", Map.of("nhs_number", "4393336143")));
        LinkageResult full = linker.link(history, Decisions.none());
        assertThat(full.parameters().toJson().has("reference_year")).as("the age guard's year, kept with the model").isTrue();
        assertThat(org.tessera.indexer.linkage.LinkageParameters.fromJson(full.parameters().toJson()).toJson()).isEqualTo(full.parameters().toJson());
        assertThat(full.personIds().get(baby.occurrenceId())).as("joined on the household: one mother")
                .isEqualTo(full.personIds().get(isla.occurrenceId()));

        // A school record of Isla alone: her person is linked again, her mother is not a blocking neighbour of it.
        List<PersonOccurrence> today = new ArrayList<>(history);
        PersonOccurrence school = person("school", "S-1", 0, "subject", "Isla", "Edwards", born, null, Map.of("nhs_number", "4869775085"));
        today.add(school);
        IncrementalLinking.Outcome outcome = IncrementalLinking.link(today, full.personIds(), Set.of(school.eventId()), linker,
                Decisions.none(), full.parameters());

        Map<String, String> incremental = outcome.result().personIds();
        assertThat(incremental.get(baby.occurrenceId())).as("the newborn stays with the child").isEqualTo(incremental.get(isla.occurrenceId()))
                .isEqualTo(incremental.get(school.occurrenceId()));
        assertThat(outcome.contextPersons()).as("the mother, read as household context").isGreaterThanOrEqualTo(1);
        assertThat(IncrementalLinking.pairwise(incremental, linker.link(today, Decisions.none()).personIds()))
                .as("the same clustering as linking everything").containsExactly(1.0, 1.0);
    }

    @Test
    void aRecordThatGivesAChildsPostcodeJoinsTheParentBesideHerWithTheTenantThereAsAFullRunDoes() {
        PartialDate born = PartialDate.of(LocalDate.of(2016, 12, 3));
        List<PersonOccurrence> history = background();
        // An A&E "accompanied by": the parent is a name and nothing else; the child's record has no postcode.
        history.add(person("ae", "E-1", 0, "subject", "Jacob", "Scott", born, null, Map.of("nhs_number", "4038115194")));
        PersonOccurrence parent = person("ae", "E-1", 1, "parent", "Olivia", "Jones", null, null, Map.of());
        history.add(parent);
        // A housing tenant of that (common) name at a postcode: nothing yet says she is the one who came with Jacob.
        PersonOccurrence tenant = person("housing", "T-1", 0, "tenant", "Olivia", "Jones", null, "TC3 4EX", Map.of());
        history.add(tenant);
        LinkageResult full = linker.link(history, Decisions.none());
        assertThat(full.personIds().get(parent.occurrenceId())).as("apart in the history").isNotEqualTo(full.personIds().get(tenant.occurrenceId()));

        // A school record gives Jacob the tenant's postcode: his parent and the tenant now share a household.
        List<PersonOccurrence> today = new ArrayList<>(history);
        PersonOccurrence school = person("school", "S-1", 0, "subject", "Jacob", "Scott", born, "TC3 4EX", Map.of("nhs_number", "4038115194"));
        today.add(school);
        LinkageResult everything = linker.link(today, Decisions.none());
        assertThat(everything.personIds().get(parent.occurrenceId())).as("a full run joins them")
                .isEqualTo(everything.personIds().get(tenant.occurrenceId()));
        IncrementalLinking.Outcome outcome = IncrementalLinking.link(today, full.personIds(), Set.of(school.eventId()), linker,
                Decisions.none(), full.parameters());

        Map<String, String> incremental = outcome.result().personIds();
        assertThat(incremental.get(parent.occurrenceId())).as("the day joins them too").isEqualTo(incremental.get(tenant.occurrenceId()));
        assertThat(outcome.rounds()).as("the tenant is reached only once Jacob's household changed").isGreaterThan(1);
        assertThat(IncrementalLinking.pairwise(incremental, everything.personIds())).containsExactly(1.0, 1.0);
        assertThat(outcome.scope()).as("still the neighbourhood, not the county").isLessThan(history.size() / 4);
    }

    @Test
    void aDayOfArrivalsIntoCrowdedBlocksLinksAsAFullRunWithTheSameParametersInANarrowScope() {
        // 300 families in three postcodes and six family names (raw blocks of hundreds), each a child
        // and a mother named together on some records, the child alone with typos and missing dates on others
        Set<String> arrivals = new java.util.HashSet<>();
        List<PersonOccurrence> all = crowdedCounty(arrivals, 3);
        List<PersonOccurrence> history = all.stream().filter(o -> !arrivals.contains(o.eventId())).toList();
        LinkageResult stored = linker.link(history, Decisions.none());
        IncrementalLinking.Outcome outcome = IncrementalLinking.link(all, stored.personIds(), arrivals, linker, Decisions.none(),
                stored.parameters());

        LinkageResult everything = linker.link(all, Decisions.none(), stored.parameters());
        double[] pr = IncrementalLinking.pairwise(outcome.result().personIds(), everything.personIds());
        assertThat(pr[1]).as("recall against linking everything with the stored parameters").isEqualTo(1.0);
        // Known gap (session 16, docs/linkage.md "Incremental linking"): two stored namesakes without a
        // date of birth, both context, can merge in the scope where the full run reads a contestant the
        // scope lacks (0.99389 here; the raw-key scope, 970 of 1,030 occurrences, gave 1.0)
        assertThat(pr[0]).as("precision against linking everything with the stored parameters").isGreaterThanOrEqualTo(0.99);
        assertThat(outcome.changed()).isGreaterThan(10);
        assertThat(outcome.scope()).as("the arrivals' neighbourhood, not every record sharing a family name or postcode (970 of 1,030)")
                .isLessThan(all.size() * 2 / 3);
    }

    @Test
    void pairwisePrecisionAndRecallCountPairsOfOccurrences() {
        Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "1", "d", "2");
        Map<String, String> split = Map.of("a", "x", "b", "x", "c", "y", "d", "z");
        double[] pr = IncrementalLinking.pairwise(split, truth);
        assertThat(pr[0]).isEqualTo(1.0);
        assertThat(pr[1]).isEqualTo(1.0 / 3);
    }

    private static List<PersonOccurrence> background() {
        List<PersonOccurrence> history = history();
        return history;
    }

    private static PersonOccurrence person(String source, String record, int slot, String role, String given, String family, PartialDate born,
                                           String postcode, Map<String, String> identifiers) {
        String eventId = "ev-" + source + "-" + record;
        return new PersonOccurrence(eventId + "-p" + slot, source, eventId, role, given, family, List.of(), born, null, null, postcode,
                identifiers);
    }

    @Test
    void storedKeysFindTheSamePersonsAsKeyingEveryStoredOccurrence() {
        List<PersonOccurrence> history = history();
        LinkageResult full = linker.link(history, Decisions.none());
        // the stored form of each stored record's keys, as the feed store holds them, searched as its terms query is
        Map<String, Set<String>> recordsByKey = new java.util.HashMap<>();
        List<Set<String>> keys = org.tessera.indexer.linkage.BlockingKeys.of(history);
        for (int i = 0; i < history.size(); i++) {
            for (String key : org.tessera.indexer.linkage.BlockingKeys.stored(keys.get(i))) {
                recordsByKey.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(history.get(i).eventId());
            }
        }
        Set<String> read = new java.util.HashSet<>();
        IncrementalLinking.KeyedRecords store = wanted -> {
            Set<String> out = new java.util.HashSet<>();
            org.tessera.indexer.linkage.BlockingKeys.stored(wanted).forEach(k -> out.addAll(recordsByKey.getOrDefault(k, Set.of())));
            read.addAll(out);
            return out;
        };

        List<PersonOccurrence> today = new ArrayList<>(history);
        today.add(occurrence("ev-new", 17, null));
        today.add(occurrence("ev-new2", 18, "NR1 1AB"));
        IncrementalLinking.Outcome inMemory = IncrementalLinking.link(today, full.personIds(), Set.of("ev-new", "ev-new2"), Set.of(), linker,
                Decisions.none(), full.parameters());
        IncrementalLinking.Outcome fromStore = IncrementalLinking.link(today, full.personIds(), Set.of("ev-new", "ev-new2"), Set.of(), linker,
                Decisions.none(), full.parameters(), store);

        assertThat(fromStore.result().personIds()).isEqualTo(inMemory.result().personIds());
        assertThat(fromStore.scope()).isEqualTo(inMemory.scope());
        assertThat(fromStore.personsInScope()).isEqualTo(inMemory.personsInScope());
        assertThat(read).as("the records sharing a key, not the county").isNotEmpty().hasSizeLessThan(history.size() / 4);
    }

    @Test
    void storedRecordsReadByReachGiveTheOutcomeOfHoldingEveryStoredRecord() {
        List<PersonOccurrence> history = history();
        // a household record: two stored persons named beside each other, so the context rounds read beyond the keys
        history.add(occurrence("ev-home", 3, "NR4 1AB"));
        history.add(new PersonOccurrence("ev-home-p1", "test", "ev-home", "mother", GIVEN[5], FAMILY[0], List.of(),
                new PartialDate(1988, 2, 3, null, PartialDate.Precision.DAY), null, null, "NR4 1AB", Map.of()));
        LinkageResult full = linker.link(history, Decisions.none());
        Map<String, Set<String>> recordsByKey = new java.util.HashMap<>();
        List<Set<String>> keys = org.tessera.indexer.linkage.BlockingKeys.of(history);
        Map<String, List<PersonOccurrence>> byEvent = new java.util.HashMap<>();
        for (int i = 0; i < history.size(); i++) {
            byEvent.computeIfAbsent(history.get(i).eventId(), k -> new ArrayList<>()).add(history.get(i));
            for (String key : org.tessera.indexer.linkage.BlockingKeys.stored(keys.get(i))) {
                recordsByKey.computeIfAbsent(key, k -> new java.util.HashSet<>()).add(history.get(i).eventId());
            }
        }
        IncrementalLinking.KeyedRecords store = wanted -> {
            Set<String> out = new java.util.HashSet<>();
            org.tessera.indexer.linkage.BlockingKeys.stored(wanted).forEach(k -> out.addAll(recordsByKey.getOrDefault(k, Set.of())));
            return out;
        };
        String withdrawn = "ev-h3r1";   // tombstoned: stored, no longer present
        Set<String> read = new java.util.HashSet<>();
        IncrementalLinking.Unread unread = unread(byEvent, withdrawn, read);
        List<PersonOccurrence> arrivals = List.of(occurrence("ev-new", 3, null), occurrence("ev-new2", 18, "NR1 1AB"));
        List<PersonOccurrence> whole = new ArrayList<>(history.stream().filter(o -> !o.eventId().equals(withdrawn)).toList());
        whole.addAll(arrivals);
        Set<String> changed = Set.of("ev-new", "ev-new2");

        IncrementalLinking.Outcome inHand = IncrementalLinking.link(whole, full.personIds(), changed, Set.of(), linker,
                Decisions.none(), full.parameters(), store);
        IncrementalLinking.Outcome byReach = IncrementalLinking.link(new ArrayList<>(arrivals), full.personIds(), changed, Set.of(), linker,
                Decisions.none(), full.parameters(), store, unread);

        assertThat(byReach.result().personIds()).isEqualTo(inHand.result().personIds());
        assertThat(byReach.scope()).isEqualTo(inHand.scope());
        assertThat(byReach.personsInScope()).isEqualTo(inHand.personsInScope());
        assertThat(byReach.rounds()).isEqualTo(inHand.rounds());
        assertThat(byReach.result().stats().occurrences()).isEqualTo(inHand.result().stats().occurrences());
        assertThat(read).as("the records reached, not the county").isNotEmpty().hasSizeLessThan(history.size() / 4)
                .doesNotContain(withdrawn);
    }

    @Test
    void recordsTheReachOnlyWeighsAreReadAsTheirPersonsAndOnlyTheScopesRecordsWhole() {
        // the crowded county (one postcode: every arrival's keys name hundreds of stored records) read by reach twice: every
        // record whole (the store's persons-only read not offered), and the records the reach weighs as their persons alone
        Set<String> arrivals = new java.util.HashSet<>();
        List<PersonOccurrence> all = crowdedCounty(arrivals, 1);
        List<PersonOccurrence> history = all.stream().filter(o -> !arrivals.contains(o.eventId())).toList();
        LinkageResult stored = linker.link(history, Decisions.none());
        Map<String, List<PersonOccurrence>> byEvent = byEvent(history);
        IncrementalLinking.KeyedRecords store = keyedBy(byEvent);
        List<PersonOccurrence> delivered = all.stream().filter(o -> arrivals.contains(o.eventId())).toList();
        Set<String> wholeBefore = new java.util.HashSet<>();
        IncrementalLinking.Outcome everyWhole = IncrementalLinking.link(new ArrayList<>(delivered), stored.personIds(), arrivals, Set.of(),
                linker, Decisions.none(), stored.parameters(), store, unread(byEvent, null, wholeBefore));
        Set<String> whole = new java.util.HashSet<>(), personsOnly = new java.util.HashSet<>();
        IncrementalLinking.Unread split = new IncrementalLinking.Unread() {
            private final IncrementalLinking.Unread records = unread(byEvent, null, whole);

            @Override
            public boolean stored(String eventId) {
                return records.stored(eventId);
            }

            @Override
            public List<PersonOccurrence> read(java.util.Collection<String> eventIds) {
                return records.read(eventIds);
            }

            @Override
            public List<PersonOccurrence> readPersons(java.util.Collection<String> eventIds) {
                List<PersonOccurrence> out = new ArrayList<>();
                for (String id : eventIds) {
                    assertThat(whole).as("a record read whole is not asked for its persons").doesNotContain(id);
                    if (stored(id) && personsOnly.add(id)) {
                        out.addAll(byEvent.get(id));
                    }
                }
                return out;
            }
        };
        IncrementalLinking.Outcome weighed = IncrementalLinking.link(new ArrayList<>(delivered), stored.personIds(), arrivals, Set.of(),
                linker, Decisions.none(), stored.parameters(), store, split);

        assertThat(weighed.result().personIds()).isEqualTo(everyWhole.result().personIds());
        assertThat(weighed.scope()).isEqualTo(everyWhole.scope());
        assertThat(weighed.personsInScope()).isEqualTo(everyWhole.personsInScope());
        assertThat(weighed.rounds()).isEqualTo(everyWhole.rounds());
        // the same records reached; whole only those of the persons in scope (and their neighbours), the rest as their persons
        Set<String> reached = new java.util.HashSet<>(whole);
        reached.addAll(personsOnly);
        assertThat(reached).isEqualTo(wholeBefore);
        assertThat(whole).as("records read whole").isNotEmpty().hasSizeLessThan(wholeBefore.size());
    }

    @Test
    void crowdedKeysCountedByTheStoreAreReadByTheirRefinementsWithTheOutcomeOfReadingEveryHolder() {
        // as the crowded-blocks day above, in one postcode: 300 families on six family names (blocks of more than
        // 100 units, refined by a full run), each child with a mother on some records, typos and missing dates
        Set<String> arrivals = new java.util.HashSet<>();
        List<PersonOccurrence> all = crowdedCounty(arrivals, 1);
        List<PersonOccurrence> history = all.stream().filter(o -> !arrivals.contains(o.eventId())).toList();
        LinkageResult stored = linker.link(history, Decisions.none());
        // the feed store as it keeps each record: its keys (raw and refined), and each occurrence's raw keys and unit
        Map<String, List<PersonOccurrence>> byEvent = byEvent(history);
        Map<String, Set<String>> recordsByKey = new java.util.HashMap<>();
        Map<String, Set<String>> unitsByKey = new java.util.HashMap<>();
        byEvent.forEach((event, occurrences) -> {
            org.tessera.indexer.linkage.BlockingKeys.Stored keys = org.tessera.indexer.linkage.BlockingKeys.storedOf(occurrences);
            keys.keys().forEach(k -> recordsByKey.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(event));
            keys.units().forEach(u -> u.keys().forEach(k -> unitsByKey.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(u.unit())));
        });
        Set<String> crowdedSeen = new java.util.HashSet<>();
        Set<String> namedRaw = new java.util.HashSet<>(), namedCounted = new java.util.HashSet<>();
        IncrementalLinking.KeyedRecords rawStore = wanted -> {
            Set<String> out = new java.util.HashSet<>();
            org.tessera.indexer.linkage.BlockingKeys.stored(wanted).forEach(k -> out.addAll(recordsByKey.getOrDefault(k, Set.of())));
            namedRaw.addAll(out);
            return out;
        };
        IncrementalLinking.KeyedRecords countingStore = new IncrementalLinking.KeyedRecords() {
            @Override
            public Set<String> sharing(Set<String> keys) {
                Set<String> out = new java.util.HashSet<>();
                org.tessera.indexer.linkage.BlockingKeys.stored(keys).forEach(k -> out.addAll(recordsByKey.getOrDefault(k, Set.of())));
                namedCounted.addAll(out);
                return out;
            }

            @Override
            public Set<String> crowded(Set<String> keys, int above) {
                Set<String> out = new java.util.HashSet<>();
                for (String key : keys) {
                    if (unitsByKey.getOrDefault(org.tessera.indexer.linkage.BlockingKeys.stored(key), Set.of()).size() > above) {
                        out.add(key);
                    }
                }
                crowdedSeen.addAll(out);
                return out;
            }
        };
        Set<String> readRaw = new java.util.HashSet<>(), readCounted = new java.util.HashSet<>();
        List<PersonOccurrence> delivered = all.stream().filter(o -> arrivals.contains(o.eventId())).toList();

        IncrementalLinking.Outcome everyHolder = IncrementalLinking.link(new ArrayList<>(delivered), stored.personIds(), arrivals, Set.of(),
                linker, Decisions.none(), stored.parameters(), rawStore, unread(byEvent, null, readRaw));
        IncrementalLinking.Outcome counted = IncrementalLinking.link(new ArrayList<>(delivered), stored.personIds(), arrivals, Set.of(),
                linker, Decisions.none(), stored.parameters(), countingStore, unread(byEvent, null, readCounted));

        assertThat(crowdedSeen).as("keys a full run refines, counted by their units").isNotEmpty();
        assertThat(counted.result().personIds()).isEqualTo(everyHolder.result().personIds());
        assertThat(counted.scope()).isEqualTo(everyHolder.scope());
        assertThat(counted.personsInScope()).isEqualTo(everyHolder.personsInScope());
        assertThat(counted.rounds()).isEqualTo(everyHolder.rounds());
        // the records the keys name: never more than every holder (in this one-postcode county the other keys of the
        // same records name nearly all of it either way; StoredBlockingKeysIT shows the read shrink)
        assertThat(namedRaw).containsAll(namedCounted);
        assertThat(readRaw).containsAll(readCounted);
        // against a full run of the same data with the same parameters: recall 1, and the known gap of the scope in
        // precision (the test above; 0.98325 in this one-postcode county, the same whether every holder is read or not)
        LinkageResult everything = linker.link(all, Decisions.none(), stored.parameters());
        double[] pr = IncrementalLinking.pairwise(counted.result().personIds(), everything.personIds());
        assertThat(pr[1]).isEqualTo(1.0);
        assertThat(pr[0]).isGreaterThanOrEqualTo(0.98);
    }

    /**
     * 300 families in {@code postcodes} postcodes and six family names (raw blocks of hundreds), each a child and a mother named
     * together on some records, the child alone with typos and missing dates on others; {@code arrivals} gets the
     * event ids of about 4 % of the records, the day's.
     */
    private static List<PersonOccurrence> crowdedCounty(Set<String> arrivals, int postcodes) {
        java.util.Random random = new java.util.Random(11);
        List<PersonOccurrence> all = new ArrayList<>();
        for (int family = 0; family < 300; family++) {
            String surname = FAMILY[random.nextInt(6)], child = GIVEN[random.nextInt(GIVEN.length)], mother = GIVEN[random.nextInt(GIVEN.length)];
            PartialDate born = PartialDate.of(LocalDate.of(2010, 1, 1).plusDays(random.nextInt(4000)));
            PartialDate motherBorn = PartialDate.of(LocalDate.of(1980, 1, 1).plusDays(random.nextInt(5000)));
            String postcode = "NR" + (1 + random.nextInt(postcodes)) + " 1AB";
            for (int record = 0; record < 1 + random.nextInt(4); record++) {
                String eventId = "ev-f" + family + "r" + record;
                String given = random.nextDouble() < 0.2 ? child.substring(0, child.length() - 1) : child;
                PartialDate date = random.nextDouble() < 0.2 ? null : born;
                String at = random.nextDouble() < 0.3 ? null : postcode;
                all.add(new PersonOccurrence(eventId + "-p0", "test", eventId, "subject", given, surname, List.of(), date, null, null, at, Map.of()));
                if (random.nextBoolean()) {
                    all.add(new PersonOccurrence(eventId + "-p1", "test", eventId, "mother", mother, surname, List.of(),
                            random.nextBoolean() ? motherBorn : null, null, null, at, Map.of()));
                }
                if (random.nextDouble() < 0.04) {
                    arrivals.add(eventId);
                }
            }
        }
        return all;
    }

    /** The occurrences by event id (a stored record each), in their order. */
    private static Map<String, List<PersonOccurrence>> byEvent(List<PersonOccurrence> occurrences) {
        Map<String, List<PersonOccurrence>> byEvent = new java.util.LinkedHashMap<>();
        occurrences.forEach(o -> byEvent.computeIfAbsent(o.eventId(), k -> new ArrayList<>()).add(o));
        return byEvent;
    }

    /** The keyed feed store of the records of {@code byEvent}: the records holding each stored key (raw and refined). */
    private static IncrementalLinking.KeyedRecords keyedBy(Map<String, List<PersonOccurrence>> byEvent) {
        Map<String, Set<String>> recordsByKey = new java.util.HashMap<>();
        byEvent.forEach((event, occurrences) -> org.tessera.indexer.linkage.BlockingKeys.storedOf(occurrences).keys()
                .forEach(k -> recordsByKey.computeIfAbsent(k, x -> new java.util.HashSet<>()).add(event)));
        return wanted -> {
            Set<String> out = new java.util.HashSet<>();
            org.tessera.indexer.linkage.BlockingKeys.stored(wanted).forEach(k -> out.addAll(recordsByKey.getOrDefault(k, Set.of())));
            return out;
        };
    }

    /** The stored records of {@code byEvent} but {@code withdrawn} (none when null) read by reach, each noted in {@code read}. */
    private static IncrementalLinking.Unread unread(Map<String, List<PersonOccurrence>> byEvent, String withdrawn, Set<String> read) {
        return new IncrementalLinking.Unread() {
            @Override
            public boolean stored(String eventId) {
                return byEvent.containsKey(eventId) && !eventId.equals(withdrawn);
            }

            @Override
            public List<PersonOccurrence> read(java.util.Collection<String> eventIds) {
                List<PersonOccurrence> out = new ArrayList<>();
                for (String id : eventIds) {
                    if (stored(id) && read.add(id)) {
                        out.addAll(byEvent.get(id));
                    }
                }
                return out;
            }
        };
    }

    /** 200 persons on three records each, the third with a postcode a ninth of them share. */
    private static List<PersonOccurrence> history() {
        List<PersonOccurrence> history = new ArrayList<>();
        for (int person = 0; person < 200; person++) {
            for (int record = 0; record < 3; record++) {
                history.add(occurrence("ev-h" + person + "r" + record, person, record == 2 ? "NR" + (1 + person % 9) + " 1AB" : null));
            }
        }
        return history;
    }

    private static PersonOccurrence occurrence(String eventId, int person, String postcode) {
        return new PersonOccurrence(eventId + "-p0", "test", eventId, "subject", GIVEN[person % GIVEN.length],
                FAMILY[(person / GIVEN.length) % FAMILY.length], List.of(),
                new PartialDate(2010 + person % 12, 1 + person % 12, 1 + person % 28, null, PartialDate.Precision.DAY), null, null, postcode,
                Map.of());
    }
}

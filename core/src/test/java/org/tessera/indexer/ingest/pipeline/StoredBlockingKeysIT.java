package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.Decisions;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkReach;
import org.tessera.indexer.linkage.LinkageSettings;
import org.tessera.indexer.linkage.OccurrencePair;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The feed store's stored blocking keys (ADR 0043) against the real engine: an arrival's candidate
 * read (a {@code terms} query on the records' keys, then the keys checked) gives exactly the pairs
 * that keying every stored occurrence in memory gives, and holds every pair a full run's blocking
 * makes between an arrival and a stored occurrence; a record stored without keys is stale until
 * they are written again.
 */
@ExtendWith(OpenSearchExtension.class)
class StoredBlockingKeysIT {

    private static final String[] GIVEN = {"Kayleigh", "Liam", "Olivia", "Noah", "Amelia", "Jack", "Isla", "Harry", "Ava", "Charlie",
            "Mia", "Oscar", "Freya", "George", "Poppy", "Alfie", "Ruby", "Theo", "Ella", "Leo"};
    private static final String[] FAMILY = {"Jones", "Okonkwo", "Taylor", "Brown", "Nowak", "Wilson", "Davies", "Evans", "Patel", "Roberts"};

    @Test
    void anArrivalsCandidateReadGivesThePairsOfTheFullBlocking(TestOpenSearch os) {
        List<SourceRecord> county = county(240);
        // the day's arrivals: four children's records of each kind (with a postcode and address, with an initial, without a date)
        List<SourceRecord> arrived = county.stream().filter(r -> Integer.parseInt(r.recordId().substring(3)) >= 236).toList();
        List<SourceRecord> stored = county.stream().filter(r -> !arrived.contains(r)).toList();
        assertThat(arrived).hasSize(12);
        FeedStore store = new FeedStore(os.connection());
        assertThat(store.put(stored.stream(), "job-1", Map.of())).isEmpty();
        store.refresh();
        assertThat(store.keyed()).isTrue();
        assertThat(store.staleKeys()).isZero();

        List<PersonOccurrence> storedOccurrences = occurrences(stored);
        List<PersonOccurrence> arrivals = occurrences(arrived);
        List<Set<String>> arrivalKeys = BlockingKeys.of(arrivals);
        Set<String> wanted = new HashSet<>();
        arrivalKeys.forEach(wanted::addAll);

        // the engine's read: the records holding a key, then their occurrences' keys checked
        Set<String> read = store.eventIdsSharing(BlockingKeys.stored(wanted));
        List<PersonOccurrence> candidates = storedOccurrences.stream().filter(o -> read.contains(o.eventId())).toList();
        Set<OccurrencePair> fromStore = sharing(arrivals, arrivalKeys, candidates);
        // in memory: every stored occurrence keyed
        Set<OccurrencePair> inMemory = sharing(arrivals, arrivalKeys, storedOccurrences);

        assertThat(inMemory).hasSizeGreaterThan(20);
        assertThat(fromStore).isEqualTo(inMemory);
        assertThat(read).as("the records sharing a key, not the store").hasSizeLessThan(stored.size() / 3);

        // the full run's blocking over the same data: its pairs across arrival and store are all read
        Set<OccurrencePair> blocked = blockedAcross(storedOccurrences, arrivals);
        assertThat(blocked).hasSizeGreaterThan(20);
        assertThat(fromStore).containsAll(blocked);
        // no block of this county is refined or capped, so the two are the same pairs
        assertThat(fromStore).isEqualTo(blocked);
    }

    @Test
    void aCrowdedKeyIsCountedByItsUnitsAndItsHoldersReadByTheRefinementsTheFullRunBlocksOn(TestOpenSearch os) {
        List<SourceRecord> stored = new ArrayList<>();
        // 130 children born on one day, a record each: 130 units hold that date (a full run refines its block)
        for (int child = 0; child < 130; child++) {
            stored.add(record("D" + child, GIVEN[child % GIVEN.length] + (char) ('a' + child / GIVEN.length), FAMILY[child % FAMILY.length],
                    LocalDate.of(2015, 6, 1), "NR" + (1 + child % 9) + " 1AB", Map.of()));
        }
        // one child with a valid NHS number on 140 identical records: 140 records, one unit (a full run collapses them)
        for (int copy = 0; copy < 140; copy++) {
            stored.add(record("N" + copy, "Ruby", "Okonkwo", LocalDate.of(2016, 2, 2), "NR2 4AB", Map.of("nhs_number", "9434765919")));
        }
        // 60 children without an identifier, two identical records each: 120 units for 60 children (a full run
        // collapses only identical occurrences with a strong identifier)
        for (int child = 0; child < 60; child++) {
            for (int copy = 0; copy < 2; copy++) {
                stored.add(record("T" + child + "-" + copy, GIVEN[child % GIVEN.length] + (char) ('a' + child / GIVEN.length), FAMILY[child % FAMILY.length],
                        LocalDate.of(2017, 3, 3), "NR7 2AB", Map.of()));
            }
        }
        FeedStore store = new FeedStore(os.connection());
        assertThat(store.put(stored.stream(), "job-1", Map.of())).isEmpty();
        store.refresh();
        assertThat(store.keyed()).isTrue();
        assertThat(store.staleKeys()).isZero();

        Map<String, String> keys = new HashMap<>();
        for (String key : List.of("0:2015-06-01", "0:2016-02-02", "0:2017-03-03", "0:2010-01-01")) {
            keys.put(key, BlockingKeys.stored(key));
        }
        assertThat(store.crowded(keys, 100, null)).as("more than 100 units: records, not collapsed copies")
                .containsExactlyInAnyOrder("0:2015-06-01", "0:2017-03-03");
        assertThat(store.crowded(keys, 130, null)).isEmpty();
        assertThat(store.crowded(keys, 120, null)).as("120 units are not more than 120").containsExactly("0:2015-06-01");
        // counted over the records a query names only (an arrival's: the stored records present in the run)
        ObjectNode onlyD = org.tessera.indexer.opensearch.EngineJson.MAPPER.createObjectNode();
        var ids = onlyD.putObject("ids").putArray("values");
        stored.stream().filter(r -> r.recordId().startsWith("D")).forEach(r -> ids.add(r.eventId()));
        assertThat(store.crowded(keys, 100, onlyD)).containsExactly("0:2015-06-01");

        // an arrival born that day: what it asks for (the crowded key by its refinements, the others raw) holds every
        // pair the full run's blocking makes between it and a stored occurrence, and fewer records than every holder
        List<SourceRecord> arrived = List.of(record("A1", "Isla", "Davies", LocalDate.of(2015, 6, 1), "NR5 1AB", Map.of()),
                record("A2", "Theoa", "Nowak", LocalDate.of(2017, 3, 3), null, Map.of()));
        List<PersonOccurrence> arrivals = occurrences(arrived);
        Set<String> raw = new HashSet<>();
        BlockingKeys.of(arrivals).forEach(raw::addAll);
        Map<String, String> rawStored = new HashMap<>();
        raw.forEach(k -> rawStored.put(k, BlockingKeys.stored(k)));
        Set<String> crowded = store.crowded(rawStored, LinkageSettings.defaults().refineBlockSize(), null);
        assertThat(crowded).contains("0:2015-06-01", "0:2017-03-03");
        // as an arrival asks (IncrementalLinking): the keys not crowded raw, the crowded ones by the arrivals' refinements of
        // them (records v5: a person holding the raw key and the refinement, ADR 0065)
        FellegiSunterLinker linker = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk(), 1);
        LinkReach reach = linker.reach(linker.link(occurrences(stored), Decisions.none()).parameters());
        Set<String> refined = reach.refinedKeys(arrivals, crowded);
        assertThat(refined).isNotEmpty();
        Set<String> asked = new HashSet<>();
        raw.stream().filter(k -> !crowded.contains(k)).forEach(k -> asked.add(BlockingKeys.stored(k)));
        asked.addAll(BlockingKeys.stored(refined));
        Set<String> read = store.eventIdsSharing(asked);
        Set<String> everyHolder = store.eventIdsSharing(rawStored.values());
        Set<String> arrivalIds = new HashSet<>();
        arrivals.forEach(o -> arrivalIds.add(o.occurrenceId()));
        Set<String> blockedWith = new HashSet<>();
        for (OccurrencePair pair : blockedAcross(occurrences(stored), arrivals)) {
            blockedWith.add(IncrementalLinking.eventOf(arrivalIds.contains(pair.first()) ? pair.second() : pair.first()));
        }
        assertThat(blockedWith).isNotEmpty();
        assertThat(read).containsAll(blockedWith);
        assertThat(read.size()).as("read %s of %s holders", read.size(), everyHolder.size()).isLessThan(everyHolder.size() / 2);

        // a bound on the records one read names: past it nothing is read, and the count is said
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> store.eventIdsSharing(rawStored.values(), 100)))
                .isInstanceOf(FeedStore.ReachTooLarge.class).hasMessageContaining("stored records");
    }

    private static SourceRecord record(String id, String given, String family, LocalDate born, String postcode, Map<String, String> identifiers) {
        return new SourceRecord("police_incidents", id, "police", "domestic_incident", PartialDate.of(LocalDate.of(2026, 1, 5)), "Incident",
                "Seen at home.", Map.of(), null, List.of(new InvolvedPerson("subject", given, family, List.of(), PartialDate.of(born), null,
                postcode == null ? null : "4 Mill Lane", postcode, identifiers)), new Origin("police.csv", 2, 2));
    }

    @Test
    void aRecordStoredWithoutKeysIsStaleUntilTheyAreWritten(TestOpenSearch os) {
        List<SourceRecord> county = county(20);
        FeedStore store = new FeedStore(os.connection());
        assertThat(store.put(county.subList(1, county.size()).stream(), "job-1", Map.of())).isEmpty();
        SourceRecord old = county.getFirst();
        // as a store written before the keys (or reindexed, which drops them) holds it
        os.connection().index(os.connection().alias(FeedStore.INDEX), old.eventId(), FeedStore.document(old, "job-0", null, false).document(),
                Map.of("refresh", "true"));
        store.refresh();
        Set<String> keys = new HashSet<>();
        BlockingKeys.of(PersonOccurrence.of(old)).forEach(keys::addAll);
        assertThat(store.staleKeys()).isEqualTo(1);
        assertThat(store.eventIdsSharing(BlockingKeys.stored(keys))).doesNotContain(old.eventId());

        assertThat(store.rewriteKeys()).isEqualTo(1);
        assertThat(store.staleKeys()).isZero();
        assertThat(store.eventIdsSharing(BlockingKeys.stored(keys))).contains(old.eventId());
        assertThat(store.rewriteKeys()).as("nothing stale is left").isZero();
        // the record itself is as stored: the keys live beside it, outside _source
        assertThat(os.connection().get(os.connection().alias(FeedStore.INDEX), old.eventId())).hasValueSatisfying(doc -> {
            assertThat(doc.has(RecordIndexFields.BLOCKING_UNITS)).isFalse();
            assertThat(RecordJson.fromJson(doc.path(RecordIndexFields.RECORD))).isEqualTo(old);
        });
    }

    /** The candidate pairs of a full run's blocking (refined and capped) over both that join an arrival to a stored occurrence. */
    private static Set<OccurrencePair> blockedAcross(List<PersonOccurrence> stored, List<PersonOccurrence> arrivals) {
        List<PersonOccurrence> all = new ArrayList<>(stored);
        all.addAll(arrivals);
        Set<String> arrivalIds = new HashSet<>();
        arrivals.forEach(o -> arrivalIds.add(o.occurrenceId()));
        Set<OccurrencePair> out = new HashSet<>();
        for (OccurrencePair pair : BlockingKeys.blockedPairs(all, LinkageSettings.defaults())) {
            if (arrivalIds.contains(pair.first()) != arrivalIds.contains(pair.second())) {
                out.add(pair);
            }
        }
        return out;
    }

    /** Pairs of an arrival and a candidate sharing a key. */
    private static Set<OccurrencePair> sharing(List<PersonOccurrence> arrivals, List<Set<String>> arrivalKeys, List<PersonOccurrence> candidates) {
        List<Set<String>> candidateKeys = BlockingKeys.of(candidates);
        Set<OccurrencePair> out = new HashSet<>();
        for (int a = 0; a < arrivals.size(); a++) {
            for (int c = 0; c < candidates.size(); c++) {
                if (candidateKeys.get(c).stream().anyMatch(arrivalKeys.get(a)::contains)) {
                    out.add(new OccurrencePair(arrivals.get(a).occurrenceId(), candidates.get(c).occurrenceId()));
                }
            }
        }
        return out;
    }

    private static List<PersonOccurrence> occurrences(List<SourceRecord> records) {
        List<PersonOccurrence> out = new ArrayList<>();
        records.forEach(r -> out.addAll(PersonOccurrence.of(r)));
        return out;
    }

    /**
     * Records of a small county: each child on three records (one with its postcode, one with an
     * initial for a given name, one without a date of birth), a parent beside it on the first, in
     * record order so the last records are the newest.
     */
    private static List<SourceRecord> county(int children) {
        List<SourceRecord> out = new ArrayList<>();
        for (int record = 0; record < 3; record++) {
            for (int child = 0; child < children; child++) {
                String given = GIVEN[child % GIVEN.length], family = FAMILY[(child / GIVEN.length) % FAMILY.length];
                String postcode = "NR" + (1 + child % 9) + " " + (1 + child % 7) + "AB";
                PartialDate born = PartialDate.of(LocalDate.of(2010 + child % 12, 1 + child % 12, 1 + child % 28));
                List<InvolvedPerson> people = new ArrayList<>();
                people.add(new InvolvedPerson("subject", record == 1 ? given.substring(0, 1) : given, family, List.of(),
                        record == 2 ? null : born, null, record == 0 ? (child % 50) + " Mill Lane" : null, record == 0 ? postcode : null,
                        Map.of()));
                if (record == 0) {
                    people.add(new InvolvedPerson("parent", GIVEN[(child + 7) % GIVEN.length], family, List.of(),
                            PartialDate.of(LocalDate.of(1985 + child % 10, 1 + child % 12, 1 + child % 27)), null, (child % 50) + " Mill Lane",
                            postcode, Map.of()));
                }
                out.add(new SourceRecord("police_incidents", "R" + record + "-" + child, "police", "domestic_incident",
                        PartialDate.of(LocalDate.of(2026, 1 + record, 1 + child % 28)), "Incident", "Seen at home.", Map.of(),
                        null, people, new Origin("police.csv", child + 2, child + 2)));
            }
        }
        return out;
    }
}

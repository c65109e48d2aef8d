package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<PersonOccurrence> history = new ArrayList<>();
        for (int person = 0; person < 200; person++) {
            for (int record = 0; record < 3; record++) {
                history.add(occurrence("ev-h" + person + "r" + record, person, record == 2 ? "NR" + (1 + person % 9) + " 1AB" : null));
            }
        }
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
    void pairwisePrecisionAndRecallCountPairsOfOccurrences() {
        Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "1", "d", "2");
        Map<String, String> split = Map.of("a", "x", "b", "x", "c", "y", "d", "z");
        double[] pr = IncrementalLinking.pairwise(split, truth);
        assertThat(pr[0]).isEqualTo(1.0);
        assertThat(pr[1]).isEqualTo(1.0 / 3);
    }

    private static PersonOccurrence occurrence(String eventId, int person, String postcode) {
        return new PersonOccurrence(eventId + "-p0", "test", eventId, "subject", GIVEN[person % GIVEN.length],
                FAMILY[(person / GIVEN.length) % FAMILY.length], List.of(),
                new PartialDate(2010 + person % 12, 1 + person % 12, 1 + person % 28, null, PartialDate.Precision.DAY), null, null, postcode,
                Map.of());
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventPerson;

/** Whom an arrival reaches: seeds, their households' members, and the households those lived in (ADR 0040). */
class ArrivalScopeTest {

    /** An event naming each {person, household} pair (household null: none recorded). */
    private static Event event(String... personsAndHouseholds) {
        List<EventPerson> people = new ArrayList<>();
        for (int i = 0; i < personsAndHouseholds.length; i += 2) {
            people.add(new EventPerson(personsAndHouseholds[i], i / 2, "subject", null, null, 10.0, null, true, null,
                    personsAndHouseholds[i + 1]));
        }
        return Event.builder().people(people).build();
    }

    @Test
    void nothingChangingReachesNobody() {
        ArrivalScope scope = new ArrivalScope();
        scope.observe(event("a", "h1", "b", "h1"), false);
        scope.observe(event("c", "h2"), false);
        assertThat(scope.seeds()).isEmpty();
        assertThat(scope.reach()).isEmpty();
    }

    @Test
    void reachesTheHouseholdsOfTheSeedsAndTheHouseholdsTheirMembersLivedIn() {
        ArrivalScope scope = new ArrivalScope();
        scope.observe(event("child", "h1", "mother", "h1"), false);   // the child's home
        scope.observe(event("child", "h2"), false);                   // the child lived in h2 too
        scope.observe(event("lodger", "h2"), false);                  // someone else recorded in h2
        scope.observe(event("stranger", "h9"), false);                // nobody the change reaches
        scope.observe(event("far", "h3", "lodger", "h3"), false);     // three steps away: h1 -> child -> h2 -> lodger -> h3
        scope.observe(event("mother", "h1"), true);                   // the record that changes
        assertThat(scope.seeds()).containsExactly("mother");
        assertThat(scope.reach()).containsExactlyInAnyOrder("mother", "child", "lodger");
    }

    @Test
    void storedVersionsAndUnsettledPersonsAreSeedsToo() {
        ArrivalScope scope = new ArrivalScope();
        scope.observe(event("x", "h1", "y", "h1"), false);
        scope.observe(event("z", null), false);
        scope.seed(event("former", "h1"));   // a replaced or withdrawn event's person, in h1 before the run
        scope.seedPersons(Set.of("z"));
        assertThat(scope.seeds()).containsExactlyInAnyOrder("former", "z");
        assertThat(scope.reach()).containsExactlyInAnyOrder("former", "z", "x", "y");
    }

    @Test
    void storedEventsWidenTheReachAsTheRunsBasesDid() {
        // the first pass builds only the changing record; the settled ones are read back as stored (ADR 0041)
        ArrivalScope scope = new ArrivalScope();
        scope.observe(event("mother", "h1"), true);
        assertThat(scope.seedHouseholds()).containsExactly("h1");
        scope.observeStored(event("child", "h1", "mother", "h1"));
        assertThat(scope.personsIn(Set.of("h1"))).containsExactlyInAnyOrder("child", "mother");
        scope.observeStored(event("child", "h2"));
        assertThat(scope.householdsOf(Set.of("child", "mother"))).containsExactlyInAnyOrder("h1", "h2");
        scope.observeStored(event("lodger", "h2"));
        assertThat(scope.seeds()).containsExactly("mother");
        assertThat(scope.reach()).containsExactlyInAnyOrder("mother", "child", "lodger");
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventPerson;

/**
 * Whom an arrival into stored indices can reach, so that the events of everyone else stay as stored
 * without being read (ADR 0040). Fed with the basis of every record of the run that is not settled (the
 * people on it and their households, as built), with the stored versions of what the run changes (the
 * unsettled records' and the events of the unsettled persons, as the index holds them), and with the
 * stored events of the seeds' households and persons (a settled record's households are its stored
 * event's, ADR 0041); {@link #reach()} is
 * then every person whose events the scorer may read for a child the run's changes reach:
 * <ul>
 *   <li>the seeds: everyone on an unsettled record, either version, and on a stored event of an
 *       unsettled person (a withdrawn or replaced one included);</li>
 *   <li>everyone recorded in a seed's household (the children a changed event reaches through its
 *       households, and the persons a changed person is recorded beside);</li>
 *   <li>everyone recorded in a household any of those lived in (a reached child's history holds
 *       the events of every household it lived in).</li>
 * </ul>
 * An event none of whose people is in the reach is neither read nor shown to the batch stages: no
 * child whose history holds it can be rescored by the run. Not thread-safe.
 */
final class ArrivalScope {

    /** Person to the households it was recorded in (as the run builds the events). */
    private final Map<String, Set<String>> householdsOf = new HashMap<>();
    /** Household to the persons recorded in it. */
    private final Map<String, Set<String>> membersOf = new HashMap<>();
    private final Set<String> seedPersons = new HashSet<>();
    private final Set<String> seedHouseholds = new HashSet<>();

    /** Notes a record's basis; {@code changing}: the record is not settled, its people are seeds. */
    void observe(Event basis, boolean changing) {
        for (EventPerson person : basis.people()) {
            String id = person.personId();
            if (id == null) {
                continue;
            }
            String household = person.householdId();
            if (household != null) {
                householdsOf.computeIfAbsent(id, k -> new HashSet<>()).add(household);
                membersOf.computeIfAbsent(household, k -> new HashSet<>()).add(id);
            }
            if (changing) {
                seed(id, household);
            }
        }
    }

    /**
     * Notes who a stored event records in which household (its people are not seeds): a settled record's
     * event is as stored, so its households are the run's. An event the run replaces or withdraws only
     * widens the reach, which may be larger than needed, never smaller.
     */
    void observeStored(Event stored) {
        observe(stored, false);
    }

    /** Households a seed was recorded in so far. */
    Set<String> seedHouseholds() {
        return Set.copyOf(seedHouseholds);
    }

    /** Persons recorded in any of {@code households}, as noted so far. */
    Set<String> personsIn(Set<String> households) {
        Set<String> out = new HashSet<>();
        households.forEach(household -> out.addAll(membersOf.getOrDefault(household, Set.of())));
        return out;
    }

    /** Households any of {@code persons} was recorded in, as noted so far. */
    Set<String> householdsOf(Set<String> persons) {
        Set<String> out = new HashSet<>();
        persons.forEach(person -> out.addAll(householdsOf.getOrDefault(person, Set.of())));
        return out;
    }

    /** Notes a stored event the run changes or withdraws (its version before the run): its people are seeds. */
    void seed(Event stored) {
        for (EventPerson person : stored.people()) {
            if (person.personId() != null) {
                seed(person.personId(), person.householdId());
            }
        }
    }

    /** Notes persons the run changes (unsettled by the linkage) as seeds. */
    void seedPersons(Collection<String> persons) {
        seedPersons.addAll(persons);
    }

    /** The seeds so far (whose stored events are read as seeds too). */
    Set<String> seeds() {
        return Set.copyOf(seedPersons);
    }

    private void seed(String person, String household) {
        seedPersons.add(person);
        if (household != null) {
            seedHouseholds.add(household);
        }
    }

    /** Every person whose events the batch stages must see (see the class comment). */
    Set<String> reach() {
        Set<String> persons = personsIn(seedHouseholds);
        persons.addAll(seedPersons);
        Set<String> households = householdsOf(persons);
        households.addAll(seedHouseholds);
        Set<String> reach = personsIn(households);
        reach.addAll(persons);
        return reach;
    }
}

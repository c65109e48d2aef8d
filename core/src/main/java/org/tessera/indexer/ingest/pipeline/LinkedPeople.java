package org.tessera.indexer.ingest.pipeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tessera.indexer.households.HouseholdTimeline;
import org.tessera.indexer.households.HouseholdKeys;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;

/**
 * What linkage concluded, in the form the event and person builders need: the person behind each
 * occurrence, each person's address timeline (for households at a date) and best-known date of
 * birth (for ages at a date). Built once per ingest, then read-only.
 */
final class LinkedPeople {

    static final int ADULT_AGE = 18;

    private final Map<String, String> personByOccurrence;
    private final Map<String, List<HouseholdTimeline.Sighting>> sightings = new HashMap<>();
    /** Built on first read, dropped when a sighting is added. */
    // built lazily, by the persons stage's threads at once: a concurrent map
    private final Map<String, HouseholdTimeline> timelines = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, PartialDate> birthDates = new HashMap<>();

    LinkedPeople(Map<String, String> personByOccurrence) {
        this.personByOccurrence = Map.copyOf(personByOccurrence);
    }

    String personId(String occurrenceId) {
        String id = personByOccurrence.get(occurrenceId);
        if (id == null) {
            throw new IllegalStateException("occurrence " + occurrenceId + " was not linked; input changed during the ingest?");
        }
        return id;
    }

    /** Records what an occurrence says about where and when its person lived, and their birth date. */
    void observe(String personId, InvolvedPerson person, LocalDate eventDate) {
        if (eventDate != null) {
            HouseholdKeys.of(person.address(), person.postcode()).ifPresent(household -> {
                sightings.computeIfAbsent(personId, k -> new ArrayList<>())
                        .add(new HouseholdTimeline.Sighting(eventDate, household, person.address(), person.postcode()));
                timelines.remove(personId);
            });
        }
        if (person.dateOfBirth() != null) {
            birthDates.merge(personId, person.dateOfBirth(), LinkedPeople::morePrecise);
        }
    }

    Optional<String> householdAt(String personId, InvolvedPerson asRecorded, LocalDate date) {
        Optional<String> own = HouseholdKeys.of(asRecorded.address(), asRecorded.postcode());
        if (own.isPresent() || date == null) {
            return own;
        }
        return sightings.containsKey(personId) ? timeline(personId).atOrFirstAfter(date) : Optional.empty();
    }

    HouseholdTimeline timeline(String personId) {
        List<HouseholdTimeline.Sighting> seen = sightings.get(personId);
        return seen == null ? HouseholdTimeline.none()
                : timelines.computeIfAbsent(personId, k -> HouseholdTimeline.fromSightings(seen, 0));
    }

    Optional<PartialDate> birthDate(String personId) {
        return Optional.ofNullable(birthDates.get(personId));
    }

    /** Age in years at a date, from the best-known birth date (mid-period for partial dates); empty when unknown. */
    Optional<Double> ageAt(String personId, LocalDate date) {
        PartialDate dob = birthDates.get(personId);
        if (dob == null || date == null) {
            return Optional.empty();
        }
        LocalDate born = switch (dob.precision()) {
            case YEAR -> LocalDate.of(dob.year(), 7, 1);
            case MONTH -> LocalDate.of(dob.year(), dob.month(), 15);
            case DAY, DATE_TIME -> dob.toLocalDate();
        };
        return Optional.of(ChronoUnit.DAYS.between(born, date) / 365.25);
    }

    /**
     * The more precise of two birth dates; of two equally precise ones the smaller in text, so that
     * the choice does not depend on the order records arrive in (a delivery and the feed store give
     * them in different orders, and a person's ages, hence the events' hashes, must not change).
     */
    private static PartialDate morePrecise(PartialDate a, PartialDate b) {
        int precision = Integer.compare(b.precision().ordinal(), a.precision().ordinal());
        if (precision != 0) {
            return precision > 0 ? b : a;
        }
        return b.toString().compareTo(a.toString()) < 0 ? b : a;
    }
}

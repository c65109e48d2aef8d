package org.tessera.indexer.scoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a child lived over time, as periods in households. Derived from the household the linker
 * recorded for the child on each of its own events: a child stays in a household from its first
 * record there (less a back-fill allowance, because agencies record a family late) until its first
 * record in a different household.
 */
public record HouseholdTimeline(List<Stay> stays) {

    /** A period in one household; {@code until} is exclusive and null while open. */
    public record Stay(String householdId, LocalDate from, LocalDate until) {
        public Stay {
            Objects.requireNonNull(householdId, "householdId");
            Objects.requireNonNull(from, "from");
        }

        boolean covers(LocalDate date) {
            return !date.isBefore(from) && (until == null || date.isBefore(until));
        }
    }

    public HouseholdTimeline {
        stays = List.copyOf(stays);
    }

    public static HouseholdTimeline none() {
        return new HouseholdTimeline(List.of());
    }

    /** The household the child lived in on {@code date}, if known. */
    public Optional<String> at(LocalDate date) {
        for (Stay stay : stays) {
            if (stay.covers(date)) {
                return Optional.of(stay.householdId());
            }
        }
        return Optional.empty();
    }

    /** One record of a child in a household: the household the linker gave it on an event of that date. */
    public record Sighting(LocalDate date, String householdId) {
        public Sighting {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(householdId, "householdId");
        }
    }

    /** Builds the timeline from the child's own events (events without the child are ignored). */
    public static HouseholdTimeline fromEvents(String childId, List<RiskEvent> events, int backfillDays) {
        List<Sighting> seen = new ArrayList<>();
        for (RiskEvent event : events) {
            for (RiskEvent.Participant p : event.people()) {
                if (p.personId().equals(childId) && p.householdId() != null && !p.householdId().isBlank()) {
                    seen.add(new Sighting(event.date(), p.householdId()));
                }
            }
        }
        return fromSightings(seen, backfillDays);
    }

    /**
     * Builds the timeline from where the child was recorded, in any order: a stay runs from the
     * first record in a household (less the back-fill allowance for the first) to the first
     * record in a different one.
     */
    public static HouseholdTimeline fromSightings(List<Sighting> sightings, int backfillDays) {
        List<Sighting> seen = new ArrayList<>(sightings);
        seen.sort(Comparator.comparing(Sighting::date).thenComparing(Sighting::householdId));
        List<Stay> stays = new ArrayList<>();
        String current = null;
        LocalDate from = null;
        for (Sighting s : seen) {
            if (current == null) {
                current = s.householdId();
                from = s.date().minusDays(backfillDays);
            } else if (!current.equals(s.householdId())) {
                stays.add(new Stay(current, from, s.date()));
                current = s.householdId();
                from = s.date();
            }
        }
        if (current != null) {
            stays.add(new Stay(current, from, null));
        }
        return new HouseholdTimeline(stays);
    }
}

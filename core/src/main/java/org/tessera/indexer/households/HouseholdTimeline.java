package org.tessera.indexer.households;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one person lived over time, as periods in households, from the dated records that placed
 * them there (the household the linker gave them on each event, with the address recorded). A stay
 * runs from the first record in a household (less a back-fill allowance for the very first,
 * because agencies record a family late) until the first record in a different household. The one
 * timeline of the ingest's person profiles and the scorer's housemates. Immutable.
 */
public record HouseholdTimeline(List<Stay> stays) {

    /** A period in one household, with the address first recorded there; {@code until} is exclusive and null while open. */
    public record Stay(String householdId, String address, String postcode, LocalDate from, LocalDate until) {
        public Stay {
            Objects.requireNonNull(householdId, "householdId");
            Objects.requireNonNull(from, "from");
        }

        boolean covers(LocalDate date) {
            return !date.isBefore(from) && (until == null || date.isBefore(until));
        }
    }

    /** One dated record of the person in a household; address and postcode may be null. */
    public record Sighting(LocalDate date, String householdId, String address, String postcode) {
        public Sighting {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(householdId, "householdId");
        }

        public Sighting(LocalDate date, String householdId) {
            this(date, householdId, null, null);
        }
    }

    public HouseholdTimeline {
        stays = List.copyOf(stays);
    }

    public static HouseholdTimeline none() {
        return new HouseholdTimeline(List.of());
    }

    /**
     * Builds the timeline from where the person was recorded, in any order (ties on a day broken
     * by household id): a stay runs from the first record in a household (less {@code backfillDays}
     * for the first stay) to the first record in a different one.
     */
    public static HouseholdTimeline fromSightings(List<Sighting> sightings, int backfillDays) {
        List<Sighting> seen = new ArrayList<>(sightings);
        seen.sort(Comparator.comparing(Sighting::date).thenComparing(Sighting::householdId));
        List<Stay> stays = new ArrayList<>();
        Sighting first = null;
        LocalDate from = null;
        for (Sighting s : seen) {
            if (first == null) {
                first = s;
                from = s.date().minusDays(backfillDays);
            } else if (!first.householdId().equals(s.householdId())) {
                stays.add(new Stay(first.householdId(), first.address(), first.postcode(), from, s.date()));
                first = s;
                from = s.date();
            }
        }
        if (first != null) {
            stays.add(new Stay(first.householdId(), first.address(), first.postcode(), from, null));
        }
        return new HouseholdTimeline(stays);
    }

    /** The household the person lived in on {@code date}, if a stay covers it. */
    public Optional<String> at(LocalDate date) {
        for (Stay stay : stays) {
            if (stay.covers(date)) {
                return Optional.of(stay.householdId());
            }
        }
        return Optional.empty();
    }

    /**
     * The household at {@code date}, else the first one after it: a person is at their first known
     * address before it was recorded.
     */
    public Optional<String> atOrFirstAfter(LocalDate date) {
        return at(date).or(() -> stays.stream().filter(s -> s.from().isAfter(date)).findFirst().map(Stay::householdId));
    }
}

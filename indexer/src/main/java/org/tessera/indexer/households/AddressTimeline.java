package org.tessera.indexer.households;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one person was known to live, over time, from the dated addresses agencies recorded.
 * Each sighting starts or extends a stay; a stay lasts until the first sighting elsewhere.
 * Not thread-safe: built by one thread, then read.
 */
public final class AddressTimeline {

    /** One dated sighting of the person at an address. */
    public record Sighting(LocalDate date, String householdId, String address, String postcode) {
        public Sighting {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(householdId, "householdId");
        }
    }

    /** A period at one address: {@code to} is null while it is the latest known. */
    public record Stay(String householdId, String address, String postcode, LocalDate from, LocalDate to) {
    }

    private final List<Sighting> sightings = new ArrayList<>();
    private List<Stay> stays;

    public void add(Sighting sighting) {
        sightings.add(sighting);
        stays = null;
    }

    public List<Stay> stays() {
        if (stays == null) {
            stays = build();
        }
        return stays;
    }

    /** The household at a date: the stay covering it, else the first stay after it (a person is at their first known address before it was recorded). */
    public Optional<String> householdAt(LocalDate date) {
        List<Stay> all = stays();
        for (Stay stay : all) {
            if (!date.isBefore(stay.from()) && (stay.to() == null || date.isBefore(stay.to()))) {
                return Optional.of(stay.householdId());
            }
        }
        return all.stream().filter(s -> s.from().isAfter(date)).findFirst().map(Stay::householdId);
    }

    private List<Stay> build() {
        List<Sighting> sorted = new ArrayList<>(sightings);
        sorted.sort(Comparator.comparing(Sighting::date).thenComparing(Sighting::householdId));
        List<Stay> result = new ArrayList<>();
        Sighting first = null;
        for (Sighting s : sorted) {
            if (first == null) {
                first = s;
            } else if (!s.householdId().equals(first.householdId())) {
                result.add(new Stay(first.householdId(), first.address(), first.postcode(), first.date(), s.date()));
                first = s;
            }
        }
        if (first != null) {
            result.add(new Stay(first.householdId(), first.address(), first.postcode(), first.date(), null));
        }
        return List.copyOf(result);
    }
}

package org.tessera.indexer.scoring;

import org.tessera.indexer.households.HouseholdTimeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the scorer needs about one child: its own events and the events of adults of the
 * households it lived in (deduplicated by event id, oldest first), and where it lived when.
 */
public record ChildHistory(String childId, List<RiskEvent> events, HouseholdTimeline households) {

    /** The order of {@link #events}: oldest first, then by event id. */
    public static final Comparator<RiskEvent> ORDER = Comparator.comparing(RiskEvent::date).thenComparing(RiskEvent::eventId);

    public ChildHistory {
        Objects.requireNonNull(childId, "childId");
        if (!strictlyInOrder(events)) {
            Map<String, RiskEvent> unique = new LinkedHashMap<>();
            for (RiskEvent event : events) {
                unique.putIfAbsent(event.eventId(), event);
            }
            List<RiskEvent> sorted = new ArrayList<>(unique.values());
            sorted.sort(ORDER);
            events = sorted;
        }
        events = List.copyOf(events);
        households = households == null ? HouseholdTimeline.none() : households;
    }

    /**
     * Whether every event comes strictly after the one before it in {@link #ORDER}: then no event
     * id repeats (an id has one date) and the list is already what the constructor would make.
     */
    private static boolean strictlyInOrder(List<RiskEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            if (ORDER.compare(events.get(i - 1), events.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A history whose household timeline is derived from the child's own events. */
    public static ChildHistory of(String childId, List<RiskEvent> events, ScoringParameters parameters) {
        return new ChildHistory(childId, events, householdsOf(childId, events, parameters.householdBackfillDays()));
    }

    /** The child's timeline from the household the linker gave it on each of its own events (events without the child are ignored). */
    static HouseholdTimeline householdsOf(String childId, List<RiskEvent> events, int backfillDays) {
        List<HouseholdTimeline.Sighting> seen = new ArrayList<>();
        for (RiskEvent event : events) {
            for (RiskEvent.Participant p : event.people()) {
                if (p.personId().equals(childId) && p.householdId() != null && !p.householdId().isBlank()) {
                    seen.add(new HouseholdTimeline.Sighting(event.date(), p.householdId()));
                }
            }
        }
        return HouseholdTimeline.fromSightings(seen, backfillDays);
    }
}

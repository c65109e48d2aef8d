package org.tessera.indexer.scoring;

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

    public ChildHistory {
        Objects.requireNonNull(childId, "childId");
        Map<String, RiskEvent> unique = new LinkedHashMap<>();
        for (RiskEvent event : events) {
            unique.putIfAbsent(event.eventId(), event);
        }
        List<RiskEvent> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(RiskEvent::date).thenComparing(RiskEvent::eventId));
        events = List.copyOf(sorted);
        households = households == null ? HouseholdTimeline.none() : households;
    }

    /** A history whose household timeline is derived from the child's own events. */
    public static ChildHistory of(String childId, List<RiskEvent> events, ScoringParameters parameters) {
        return new ChildHistory(childId, events, HouseholdTimeline.fromEvents(childId, events, parameters.householdBackfillDays()));
    }
}

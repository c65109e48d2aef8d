package org.tessera.indexer.indicators;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;

/**
 * One event in a person's timeline, as rules see it: its date, the indicators that hit it and
 * counted, and the event values a {@code distinct_values} rule may read.
 *
 * @param values event field values by path, e.g. {@code location.postcode}
 */
public record TimelineEntry(String eventId, LocalDate date, Set<String> indicatorIds, Map<String, String> values) {

    public TimelineEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(date, "date");
        indicatorIds = Set.copyOf(indicatorIds);
        values = Map.copyOf(values);
    }

    /** Deterministic id of the hit of {@code indicatorId} on this event: evidence for derived hits. */
    public String hitId(String indicatorId) {
        return eventId + "#" + indicatorId;
    }

    /**
     * Reads an indexed event: {@code event_id}, the date part of {@code event_date}, the indicators of
     * its {@code hits} that count, and the given value fields. Null when the event has no id or date.
     */
    public static TimelineEntry fromEvent(Event event, Set<String> valueFields) {
        String id = event.eventId();
        LocalDate date = event.day();
        if (id == null || date == null) {
            return null;
        }
        Set<String> ids = new TreeSet<>();
        if (event.hits() != null) {
            for (EventHit hit : event.hits()) {
                if (hit.countsTowardsScore()) {
                    ids.add(hit.indicatorId());
                }
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (String field : valueFields) {
            String value = event.valueAt(field);
            if (value != null && !value.isBlank()) {
                values.put(field, value);
            }
        }
        return new TimelineEntry(id, date, ids, values);
    }
}

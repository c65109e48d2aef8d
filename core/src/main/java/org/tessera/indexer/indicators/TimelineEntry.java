package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    public static TimelineEntry fromEvent(JsonNode event, Set<String> valueFields) {
        String id = event.path("event_id").asText(null);
        String date = event.path("event_date").asText(null);
        if (id == null || date == null || date.length() < 10) {
            return null;
        }
        Set<String> ids = new TreeSet<>();
        for (JsonNode hit : event.path("hits")) {
            if (hit.path("counts").asBoolean(true)) {
                ids.add(hit.path("indicator_id").asText());
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (String field : valueFields) {
            JsonNode value = HitFactory.at(event, field);
            if (value.isValueNode() && !value.asText().isBlank()) {
                values.put(field, value.asText());
            }
        }
        return new TimelineEntry(id, LocalDate.parse(date.substring(0, 10)), ids, values);
    }
}

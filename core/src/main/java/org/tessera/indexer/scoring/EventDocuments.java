package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the scorer's view of an {@code events} document ({@code mappings/indices/events.json}).
 * A document without an id or a readable date cannot be placed in time and is skipped (empty),
 * never guessed.
 */
public final class EventDocuments {

    /** The source fields the scorer reads, for {@code _source} filtering. */
    public static final List<String> SOURCE_FIELDS = List.of("event_id", "event_date", "agency", "record_type",
            "people.person_id", "people.role", "people.is_child", "people.household_id", "people.age_years", "hits");

    private EventDocuments() {
    }

    public static Optional<RiskEvent> parse(JsonNode source, String fallbackId) {
        String id = text(source, "event_id");
        if (id == null) {
            id = fallbackId;
        }
        LocalDate date = date(text(source, "event_date"));
        if (id == null || date == null) {
            return Optional.empty();
        }
        List<RiskEvent.Participant> people = new ArrayList<>();
        for (JsonNode p : source.path("people")) {
            String personId = text(p, "person_id");
            if (personId != null) {
                people.add(new RiskEvent.Participant(personId, text(p, "role"), p.path("is_child").asBoolean(false),
                        text(p, "household_id"), p.hasNonNull("age_years") ? p.get("age_years").asDouble() : null));
            }
        }
        List<RiskEvent.Hit> hits = new ArrayList<>();
        for (JsonNode h : source.path("hits")) {
            String indicator = text(h, "indicator_id");
            if (indicator == null) {
                continue;
            }
            List<String> personIds = new ArrayList<>();
            JsonNode ids = h.path("person_ids");
            if (ids.isArray()) {
                ids.forEach(n -> personIds.add(n.asText()));
            } else if (ids.isTextual()) {
                personIds.add(ids.asText());
            }
            hits.add(new RiskEvent.Hit(indicator,
                    h.hasNonNull("indicator_version") ? h.get("indicator_version").asInt() : null,
                    text(h, "severity"),
                    h.hasNonNull("weight") ? h.get("weight").asDouble() : null,
                    // A hit without the flag counts: the percolator marks the ones that must not.
                    h.path("counts").asBoolean(true),
                    labels(h.get("context")), text(h, "evidence"), text(h, "field"), personIds, text(h, "method")));
        }
        return Optional.of(new RiskEvent(id, date, text(source, "agency"), text(source, "record_type"), people, hits));
    }

    /** The date part of {@code yyyy-MM-dd[THH:mm[:ss...]]}; null when unreadable. */
    static LocalDate date(String value) {
        if (value == null || value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A hit's context labels as one comma-separated string: the index stores them as an array
     * ({@code ["uncertain","historical"]}), older documents as one string; null when there are none.
     */
    public static String labels(JsonNode context) {
        if (context == null || context.isNull() || context.isMissingNode()) {
            return null;
        }
        if (!context.isArray()) {
            return context.asText().isBlank() ? null : context.asText();
        }
        List<String> labels = new ArrayList<>();
        context.forEach(label -> labels.add(label.asText()));
        return labels.isEmpty() ? null : String.join(",", labels);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}

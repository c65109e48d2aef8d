package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessera.indexer.events.EventIndexFields;

/**
 * Reads the scorer's view of an {@code events} document ({@code mappings/indices/events.json}).
 * A document without an id or a readable date cannot be placed in time and is skipped (empty),
 * never guessed.
 */
public final class EventDocuments {

    /** The source fields the scorer reads, for {@code _source} filtering. */
    public static final List<String> SOURCE_FIELDS = List.of(EventIndexFields.EVENT_ID, EventIndexFields.EVENT_DATE, EventIndexFields.AGENCY,
            EventIndexFields.RECORD_TYPE, EventIndexFields.People.PERSON_ID_PATH, EventIndexFields.People.ROLE_PATH, EventIndexFields.People.IS_CHILD_PATH,
            EventIndexFields.People.HOUSEHOLD_ID_PATH, EventIndexFields.People.AGE_YEARS_PATH, EventIndexFields.Hits.PATH);

    private EventDocuments() {
    }

    public static Optional<RiskEvent> parse(JsonNode source, String fallbackId) {
        String id = text(source, EventIndexFields.EVENT_ID);
        if (id == null) {
            id = fallbackId;
        }
        LocalDate date = date(text(source, EventIndexFields.EVENT_DATE));
        if (id == null || date == null) {
            return Optional.empty();
        }
        List<RiskEvent.Participant> people = new ArrayList<>();
        for (JsonNode p : source.path(EventIndexFields.People.PATH)) {
            String personId = text(p, EventIndexFields.People.PERSON_ID);
            if (personId != null) {
                people.add(new RiskEvent.Participant(personId, text(p, EventIndexFields.People.ROLE), p.path(EventIndexFields.People.IS_CHILD).asBoolean(false),
                        text(p, EventIndexFields.People.HOUSEHOLD_ID),
                        p.hasNonNull(EventIndexFields.People.AGE_YEARS) ? p.get(EventIndexFields.People.AGE_YEARS).asDouble() : null));
            }
        }
        List<RiskEvent.Hit> hits = new ArrayList<>();
        for (JsonNode h : source.path(EventIndexFields.Hits.PATH)) {
            String indicator = text(h, EventIndexFields.Hits.INDICATOR_ID);
            if (indicator == null) {
                continue;
            }
            List<String> personIds = new ArrayList<>();
            JsonNode ids = h.path(EventIndexFields.Hits.PERSON_IDS);
            if (ids.isArray()) {
                ids.forEach(n -> personIds.add(n.asText()));
            } else if (ids.isTextual()) {
                personIds.add(ids.asText());
            }
            hits.add(new RiskEvent.Hit(indicator,
                    h.hasNonNull(EventIndexFields.Hits.INDICATOR_VERSION) ? h.get(EventIndexFields.Hits.INDICATOR_VERSION).asInt() : null,
                    text(h, EventIndexFields.Hits.SEVERITY),
                    h.hasNonNull(EventIndexFields.Hits.WEIGHT) ? h.get(EventIndexFields.Hits.WEIGHT).asDouble() : null,
                    // A hit without the flag counts: the percolator marks the ones that must not.
                    h.path(EventIndexFields.Hits.COUNTS).asBoolean(true),
                    labels(h.get(EventIndexFields.Hits.CONTEXT)), text(h, EventIndexFields.Hits.EVIDENCE), text(h, EventIndexFields.Hits.FIELD), personIds,
                    text(h, EventIndexFields.Hits.METHOD)));
        }
        return Optional.of(new RiskEvent(id, date, text(source, EventIndexFields.AGENCY), text(source, EventIndexFields.RECORD_TYPE), people, hits));
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

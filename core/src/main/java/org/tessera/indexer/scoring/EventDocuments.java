package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;
import org.tessera.indexer.events.EventPerson;
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

    /** The scorer's view of a document read back ({@code _source}-filtered to {@link #SOURCE_FIELDS} or whole). */
    public static Optional<RiskEvent> parse(JsonNode source, String fallbackId) {
        return of(Event.fromDocument(source), fallbackId);
    }

    /** The scorer's view of an event: empty when it has neither an id (nor a fallback) nor a readable date. */
    public static Optional<RiskEvent> of(Event event, String fallbackId) {
        String id = blankToNull(event.eventId());
        if (id == null) {
            id = fallbackId;
        }
        LocalDate date = event.day();
        if (id == null || date == null) {
            return Optional.empty();
        }
        List<RiskEvent.Participant> people = new ArrayList<>(event.people().size());
        for (EventPerson p : event.people()) {
            String personId = blankToNull(p.personId());
            if (personId != null) {
                people.add(new RiskEvent.Participant(personId, blankToNull(p.role()), p.isChild(), blankToNull(p.householdId()), p.ageYears()));
            }
        }
        List<RiskEvent.Hit> hits = new ArrayList<>();
        if (event.hits() != null) {
            for (EventHit h : event.hits()) {
                // A hit without the flag counts: the percolator marks the ones that must not.
                hits.add(new RiskEvent.Hit(h.indicatorId(), h.indicatorVersion(), blankToNull(h.severity()), h.weight(), h.countsTowardsScore(),
                        blankToNull(h.contextLabels()), blankToNull(h.evidence()), blankToNull(h.field()), h.personIds(), blankToNull(h.method())));
            }
        }
        return Optional.of(new RiskEvent(id, date, blankToNull(event.agency()), blankToNull(event.recordType()), people, hits));
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

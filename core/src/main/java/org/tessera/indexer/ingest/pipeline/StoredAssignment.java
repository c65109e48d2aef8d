package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.events.EventPerson;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * What the stored events say of every stored record: the person behind each occurrence with an
 * identity, and each event's source. One scroll of the events index (ids, source and people only).
 *
 * @param persons occurrence id to person id ("" for an occurrence stored without one)
 * @param sources event id to source (each source one shared string)
 */
record StoredAssignment(Map<String, String> persons, Map<String, String> sources) {

    /** Reads it from the events index (refreshed first). */
    static StoredAssignment read(OpenSearchConnection connection) {
        String events = connection.alias("events");
        connection.refresh(events);
        Map<String, String> persons = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        Map<String, String> sourceNames = new HashMap<>();
        ObjectNode all = EngineJson.object();
        all.putObject("match_all");
        connection.scroll(events, all, 1000, List.of(EventIndexFields.EVENT_ID, EventIndexFields.SOURCE,
                EventIndexFields.People.SLOT_PATH, EventIndexFields.People.PERSON_ID_PATH), (id, doc) -> {
                    Event event = Event.fromDocument(doc);
                    String eventId = event.eventId() != null ? event.eventId() : id;
                    if (event.source() != null) {
                        sources.put(eventId, sourceNames.computeIfAbsent(event.source(), s -> s));
                    }
                    for (EventPerson person : event.people()) {
                        persons.put(Ids.occurrenceId(eventId, person.slot() == null ? 0 : person.slot()),
                                person.personId() == null ? "" : person.personId());
                    }
                });
        return new StoredAssignment(persons, sources);
    }
}

package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * On a run into stored indices, which events can keep their stored version (ADR 0025).
 *
 * <p>An event is its <em>basis</em> (what the record, its linked people and their households at
 * its date make of it: everything {@link EventDocumentBuilder} builds before any text analysis)
 * plus what is derived from the basis alone: the analysis of its text (entities, contexts), the
 * semantic stage's concepts, and the hits the percolator finds on all of that. When the basis
 * built now equals the stored event's basis, the stored document is what the run would write
 * again, so it is kept: no analysis, no percolation, no write. Any difference (the text, a code,
 * a person moved by the re-link, a household or an age) makes the event go the whole way.
 *
 * <p>This holds as long as the derived parts are a function of the basis under the current
 * catalogue and settings: an indicator added or changed is run over the stored events when the
 * pipeline is built ({@link IngestPipelines}), before any run; a change to the text-analysis
 * settings or models needs a full rebuild, as before. Stateless.
 */
final class StoredEvents {

    private static final int PERSONS_PER_REQUEST = 1000;

    private StoredEvents() {
    }

    /** The stored versions of {@code ids} that exist (whole documents), by id: one {@code _mget}. */
    static Map<String, JsonNode> fetch(OpenSearchConnection connection, Collection<String> ids) {
        return fetch(connection, ids, List.of());
    }

    /**
     * As {@link #fetch(OpenSearchConnection, Collection)}, with only {@code fields} of each document
     * (all when empty): the events a linkage left as stored ({@link LinkStage.Settled}) are read
     * with the scorer's fields alone, not their text and analysis.
     */
    static Map<String, JsonNode> fetch(OpenSearchConnection connection, Collection<String> ids, List<String> fields) {
        return connection.mget(connection.alias("events"), ids,
                fields.isEmpty() ? Map.of() : Map.of("_source_includes", String.join(",", fields)));
    }

    /** What the reach of an arrival reads of the events it widens over: who was recorded in which household. */
    static final List<String> PEOPLE_FIELDS = List.of(EventIndexFields.EVENT_ID, EventIndexFields.People.PERSON_ID_PATH,
            EventIndexFields.People.HOUSEHOLD_ID_PATH);

    /**
     * The stored events naming any of {@code personIds} (only {@code fields} of each), handed to
     * {@code each} as read: a {@code terms} query on the events' person ids, scrolled, a thousand
     * persons a request. What an arrival reads of the persons it changes (ADR 0040). An event naming
     * persons of two requests is handed over once per request.
     */
    static void ofPersons(OpenSearchConnection connection, Collection<String> personIds, List<String> fields,
                          Consumer<Event> each) {
        ofAny(connection, EventIndexFields.PERSON_IDS, personIds, fields, each);
    }

    /**
     * The stored events recorded in any of {@code householdIds} (only {@code fields} of each), as
     * {@link #ofPersons} on the events' household ids: whom an arrival reaches through households (ADR 0041).
     */
    static void ofHouseholds(OpenSearchConnection connection, Collection<String> householdIds, List<String> fields,
                             Consumer<Event> each) {
        ofAny(connection, EventIndexFields.HOUSEHOLD_IDS, householdIds, fields, each);
    }

    private static void ofAny(OpenSearchConnection connection, String field, Collection<String> values, List<String> fields,
                              Consumer<Event> each) {
        List<String> all = List.copyOf(values);
        String events = connection.alias("events");
        for (int from = 0; from < all.size(); from += PERSONS_PER_REQUEST) {
            ObjectNode query = EngineJson.object();
            ArrayNode terms = query.putObject("terms").putArray(field);
            all.subList(from, Math.min(all.size(), from + PERSONS_PER_REQUEST)).forEach(terms::add);
            connection.scroll(events, query, 1000, fields, (id, doc) -> {
                if (doc instanceof ObjectNode object) {
                    Event.ensureId(object, id);
                }
                each.accept(Event.fromDocument(doc));
            });
        }
    }

    /** Whether the event built now (without analysis) has the basis of the stored one. */
    static boolean sameBasis(Event built, Event stored) {
        return basis(built).toDocument().equals(basis(stored).toDocument());
    }

    /** The event without what analysis, the semantic stage and percolation add, and without its stamps. */
    static Event basis(Event e) {
        return new Event(e.eventId(), e.source(), e.recordId(), e.agency(), e.recordType(), e.date(), e.title(), e.text(),
                e.document(), e.codes(), e.location(), e.people(), e.personIds(), e.childIds(), e.householdIds(),
                e.youngestChildAge(), e.subjectAge(), null, null, null, null, null, null, null, null, null);
    }
}

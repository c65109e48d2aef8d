package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    private static final List<String> FIELDS = List.of(EventIndexFields.EVENT_ID, EventIndexFields.SOURCE,
            EventIndexFields.People.SLOT_PATH, EventIndexFields.People.PERSON_ID_PATH);
    private static final int IDS_PER_REQUEST = 1000;

    /** Reads it from the events index (refreshed first). */
    static StoredAssignment read(OpenSearchConnection connection) {
        return Kept.read(connection).view();
    }

    /**
     * The events index's state as its primary shards' highest sequence numbers (shard to number):
     * every document written or deleted raises one by one, whoever wrote it, and a new index starts
     * again under another name or uuid. Empty when the engine does not say.
     */
    static Map<String, Long> sequence(OpenSearchConnection connection) {
        JsonNode stats = connection.call("GET", "/" + connection.alias("events") + "/_stats/docs", (JsonNode) null,
                Map.of("level", "shards"));
        Map<String, Long> sequence = new TreeMap<>();
        for (Map.Entry<String, JsonNode> index : stats.path("indices").properties()) {
            String name = index.getKey() + "/" + index.getValue().path("uuid").asText("");
            for (Map.Entry<String, JsonNode> shard : index.getValue().path("shards").properties()) {
                for (JsonNode copy : shard.getValue()) {
                    JsonNode max = copy.path("seq_no").path("max_seq_no");
                    if (!copy.path("routing").path("primary").asBoolean(false)) {
                        continue;
                    }
                    if (!max.isNumber()) {
                        return Map.of();
                    }
                    sequence.put(name + "/" + shard.getKey(), max.asLong());
                }
            }
        }
        return sequence;
    }

    /**
     * The stored assignment one pipeline keeps from run to run (ADR 0054): read once, then brought
     * forward by each run from the events it wrote, read back by id, instead of a scroll of every
     * stored event on every arrival. Trusted only while nobody else wrote the events index: the
     * primary shards' sequence numbers ({@link #sequence}) must be where the kept copy left them at
     * the next run's start, and a run's own writes must account for every step they moved. Not
     * thread-safe: one run at a time; the maps change only between runs.
     */
    static final class Kept {
        /** Stands in {@code shown} for a document written without an event id: such a run cannot be followed. */
        static final String UNNAMED = "\u0000unnamed";

        private final Map<String, String> persons;
        private final Map<String, String> sources;
        private final Map<String, String> sourceNames = new HashMap<>();
        /**
         * One copy of each person id: a person's id is on each of its occurrences (2.95 M occurrences of 320,625 persons on
         * the 150,000-child county, session 20), and the portal keeps this copy from one arrival to the next. Held while a
         * read or a follow notes events, emptied after it (the ids stay shared in {@link #persons}).
         */
        private final Map<String, String> personNames = new HashMap<>();
        /** The highest slot of any occurrence noted: an event's occurrences are its ids of slots 0 to this one at most. */
        private int maxSlot;
        private Map<String, Long> sequence;

        private Kept(Map<String, Long> sequence) {
            this.persons = new HashMap<>();
            this.sources = new HashMap<>();
            this.sequence = sequence;
        }

        /** Reads it from the events index (refreshed first), the sequence numbers taken before the scroll. */
        static Kept read(OpenSearchConnection connection) {
            String events = connection.alias("events");
            connection.refresh(events);
            Kept kept = new Kept(sequence(connection));
            ObjectNode all = EngineJson.object();
            all.putObject("match_all");
            connection.scroll(events, all, 1000, FIELDS, kept::note);
            kept.personNames.clear();
            return kept;
        }

        /** Whether the events index is as this copy left it: no document written or deleted since. */
        boolean current(OpenSearchConnection connection) {
            return !sequence.isEmpty() && sequence.equals(sequence(connection));
        }

        /** The assignment, read-only (the run reads it; it changes only in {@link #follow}). */
        StoredAssignment view() {
            return new StoredAssignment(Collections.unmodifiableMap(persons), Collections.unmodifiableMap(sources));
        }

        /**
         * Brings the copy forward over a run that wrote (indexed) {@code written} event documents,
         * each among {@code shown} (the documents its batch stages saw), and deleted none: those
         * events are read back as the index holds them now. False when the index moved by more
         * than those writes (another writer, a delete): the copy is then not to be used again.
         */
        boolean follow(OpenSearchConnection connection, Collection<String> shown, long written) {
            Map<String, Long> after = sequence(connection);
            if (sequence.isEmpty() || !after.keySet().equals(sequence.keySet()) || shown.contains(UNNAMED)) {
                return false;
            }
            long moved = 0;
            for (Map.Entry<String, Long> shard : after.entrySet()) {
                moved += shard.getValue() - sequence.get(shard.getKey());
            }
            if (moved != written) {
                return false;
            }
            // what the copy held of those events goes (a new version may have fewer people); the index says the rest.
            // An event's occurrences are found by their ids, slot by slot, not by a pass over every occurrence held.
            Set<String> again = new HashSet<>(shown);
            sources.keySet().removeAll(again);
            for (String event : again) {
                for (int slot = 0; slot <= maxSlot; slot++) {
                    persons.remove(Ids.occurrenceId(event, slot));
                }
            }
            List<String> ids = new ArrayList<>(shown);
            String events = connection.alias("events");
            for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
                connection.mget(events, ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST)),
                        Map.of("_source_includes", String.join(",", FIELDS))).forEach(this::note);
            }
            personNames.clear();
            sequence = after;
            return true;
        }

        private void note(String id, JsonNode doc) {
            Event event = Event.fromDocument(doc);
            String eventId = event.eventId() != null ? event.eventId() : id;
            if (event.source() != null) {
                sources.put(eventId, sourceNames.computeIfAbsent(event.source(), s -> s));
            }
            for (EventPerson person : event.people()) {
                int slot = person.slot() == null ? 0 : person.slot();
                maxSlot = Math.max(maxSlot, slot);
                persons.put(Ids.occurrenceId(eventId, slot), person.personId() == null ? "" : personNames.computeIfAbsent(person.personId(), p -> p));
            }
        }
    }
}

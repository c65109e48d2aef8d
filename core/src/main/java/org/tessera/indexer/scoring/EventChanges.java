package org.tessera.indexer.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * What an ingest into stored indices changed of the events, as the scorer sees them, so that
 * only the children it reaches are rescored (docs/scoring.md "Rescoring what changed").
 *
 * <p>Fed with every event document of the run, batch by batch, as it goes to the index (after
 * every other batch stage: the document the sink hashes). An event whose content hash differs
 * from the stored one is <em>changed</em>: written new, or replacing its stored version, whose
 * scorer's fields are read before it is overwritten. Events the run withdrew are read from the
 * {@code withdrawals} index, which keeps each withdrawn document. A merge or split of persons
 * rewrites the events of the persons concerned, so it is seen here as changed events whose
 * previous versions name the former persons.
 *
 * <p>From that, the children whose history may differ: every child on a changed event (either
 * version), and every child recorded in a household of anyone on one, which is how a hit reaches
 * a child in full scoring ({@link Reach}: direct, present, household, sibling). The histories
 * before the run are kept too ({@link #before()}: the unchanged events and the previous versions
 * of the changed ones), so that the watchlist entries of those children can be compared before
 * and after without reading the watchlist.
 *
 * <p>On a first load nothing is tracked (every event is new; every reached child is scored).
 * {@link #compare} is called by one thread at a time (the sink's); the rest after the events are
 * written. Not for concurrent runs.
 */
public final class EventChanges {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final String HASH = EventIndexFields.CONTENT_HASH;

    private final EventQueries queries;
    private final EventLedger before;
    /** New versions of the changed events, by id. */
    private final Map<String, RiskEvent> written = new HashMap<>();
    /** Previous versions of replaced and withdrawn events, by id. */
    private final Map<String, RiskEvent> previous = new HashMap<>();
    private final Set<String> changedIds = new LinkedHashSet<>();
    private boolean tracking;
    private long unchanged;

    public EventChanges(EventQueries queries, ScoringParameters parameters) {
        this.queries = queries;
        this.before = new EventLedger(parameters);
    }

    /** Starts a run; {@code firstLoad}: into empty indices, nothing to compare with. */
    public synchronized void begin(boolean firstLoad) {
        clear();
        tracking = !firstLoad;
    }

    /** Whether this run's changes are known (a run into stored indices). */
    public synchronized boolean tracking() {
        return tracking;
    }

    /** Forgets the run. */
    public synchronized void clear() {
        written.clear();
        previous.clear();
        changedIds.clear();
        before.clear();
        unchanged = 0;
        tracking = false;
    }

    /**
     * Compares a batch of event documents, as they are about to be written (stamped by the sink, or
     * not yet), with the stored ones:
     * one {@code _mget} of their hashes, and one of the scorer's fields of those that changed.
     */
    public synchronized void compare(List<? extends JsonNode> documents) {
        if (!tracking || documents.isEmpty()) {
            return;
        }
        Map<String, String> hashes = new HashMap<>();
        List<String> ids = new ArrayList<>(documents.size());
        for (JsonNode document : documents) {
            String id = Event.idOf(document);
            if (id != null) {
                ids.add(id);
                hashes.put(id, hash(document));
            }
        }
        Map<String, JsonNode> stored = fetch(ids, List.of(HASH));
        List<String> replaced = new ArrayList<>();
        for (JsonNode document : documents) {
            String id = Event.idOf(document);
            if (id == null) {
                continue;
            }
            JsonNode old = stored.get(id);
            if (old != null && hashes.get(id).equals(Event.contentHashOf(old))) {
                unchanged++;
                before.record(document);
                continue;
            }
            changedIds.add(id);
            EventDocuments.parse(document, id).ifPresent(event -> written.put(id, event));
            if (old != null) {
                replaced.add(id);
            }
        }
        fetch(replaced, EventDocuments.SOURCE_FIELDS).forEach(this::notePrevious);
    }

    /**
     * Notes events the run kept as stored without writing them (their basis unchanged): produced
     * and unchanged, part of the histories before the run.
     */
    public synchronized void kept(List<Event> events) {
        if (!tracking) {
            return;
        }
        for (Event event : events) {
            unchanged++;
            before.record(event);
        }
    }

    /** Notes the events the run withdrew (job {@code jobId}), from their copies in the {@code withdrawals} index. */
    public synchronized void withdrawn(String jobId) {
        if (!tracking || jobId == null) {
            return;
        }
        ObjectNode query = EventQueries.bool("filter", EventQueries.term("job_id", jobId), EventQueries.term("index", "events"));
        queries.scroll(queries.connection().alias("withdrawals"), query, List.of("doc_id", "document"), (id, source) -> {
            String eventId = source.path("doc_id").asText(id);
            changedIds.add(eventId);
            notePrevious(eventId, source.path("document"));
        });
    }

    /**
     * When the index holds events the run did not produce (a source delivered whole by an arrival,
     * with withdrawal off, leaves its other stored events): notes each of them, unchanged, in
     * {@code after} and in the histories before the run, so that both are whole. One scroll of the
     * scorer's fields over the index. The run's own ids are the event stage's ({@code produced}):
     * this class keeps no second copy of them (a few hundred MB on a county).
     *
     * @return how many it added
     */
    public synchronized long addUnproduced(EventLedger after, java.util.function.Predicate<String> produced) {
        if (!tracking) {
            return 0;
        }
        long[] added = {0};
        queries.scroll(queries.connection().alias("events"), EventQueries.object().set("match_all", EventQueries.object()),
                EventDocuments.SOURCE_FIELDS, (id, source) -> {
                    String stored = Event.idOf(source);
                    String eventId = stored == null ? id : stored;
                    if (!produced.test(eventId)) {
                        if (source instanceof ObjectNode object) {
                            Event.ensureId(object, eventId);
                        }
                        after.record(source);
                        before.record(source);
                        added[0]++;
                    }
                });
        unchanged += added[0];
        return added[0];
    }

    private void notePrevious(String id, JsonNode document) {
        before.record(document);
        EventDocuments.parse(document, id).ifPresent(event -> previous.put(id, event));
    }

    /** Ids of the events written new, replaced or withdrawn. */
    public synchronized Set<String> changedEvents() {
        return Set.copyOf(changedIds);
    }

    /** Events compared and found as stored. */
    public synchronized long unchanged() {
        return unchanged;
    }

    /**
     * The histories as they were before the run: the unchanged events and the previous versions of
     * the changed ones. Empty on a first load. Valid until the next {@link #begin}/{@link #clear}.
     */
    public EventLedger before() {
        return before;
    }

    /**
     * The children whose history the run may have changed, up to {@code asOf}: every child on a
     * changed event (before or after), and every child recorded in the households of anyone on
     * one, in {@code after} (what the index holds now) or before the run.
     */
    public synchronized Set<String> childrenReached(LocalDate asOf, ChildHistories after) {
        Set<String> people = new LinkedHashSet<>();
        Set<String> households = new LinkedHashSet<>();
        Set<String> children = new LinkedHashSet<>();
        List<RiskEvent> versions = new ArrayList<>(written.values());
        versions.addAll(previous.values());
        for (RiskEvent event : versions) {
            for (RiskEvent.Participant p : event.people()) {
                people.add(p.personId());
                if (p.child()) {
                    children.add(p.personId());
                }
                if (p.householdId() != null) {
                    households.add(p.householdId());
                }
            }
        }
        // someone recorded as a child elsewhere, on a changed event as an adult (or without the flag)
        for (String person : people) {
            if (!children.contains(person)
                    && (before.everChild(person) || (after instanceof EventLedger ledger && ledger.everChild(person)))) {
                children.add(person);
            }
        }
        children.addAll(after.childrenOfHouseholds(households, asOf));
        children.addAll(before.childrenOfHouseholds(households, asOf));
        return children;
    }

    /**
     * The content hash the event sink gives the document: the one it stamped on it, or, on a
     * document not stamped yet, the hash over its JSON as it stands.
     */
    private static String hash(JsonNode document) {
        String stamped = Event.contentHashOf(document);
        if (!stamped.isEmpty()) {
            return stamped;
        }
        try {
            return Ids.sha256Hex(JSON.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise event " + Event.idOf(document), e);
        }
    }

    /** The stored documents among {@code ids} (only {@code fields} of each), by id. */
    private Map<String, JsonNode> fetch(Collection<String> ids, List<String> fields) {
        return queries.connection().mget(queries.connection().alias("events"), ids, Map.of("_source_includes", String.join(",", fields)));
    }
}

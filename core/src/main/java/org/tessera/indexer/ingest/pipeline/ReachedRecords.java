package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * The feed store's records an arrival reads by what it reaches, not whole (ADR 0047): the stored records
 * of the sources the run does not hold whole stay in the store until the linkage or the event stage
 * names them (by event id), and are then read once ({@code ids}, a thousand a request) and held for the
 * rest of the run; the records the linkage's reach only weighs are read as their persons alone ({@link #readPersons},
 * ADR 0057) and not held. Which stored records exist, and whose occurrences they hold, is the stored
 * assignment's account ({@link StoredAssignment}); a stored record is one the whole gather would have
 * joined to the run: of an extract source the store holds and the run does not hold whole (documents, whose
 * notes make every run build them again, are joined whole), neither replaced by the delta nor tombstoned.
 * Not thread-safe: one run.
 */
final class ReachedRecords {

    private static final ObjectMapper JSON = EngineJson.MAPPER;

    private final FeedStore store;
    private final StoredAssignment assignment;
    private final Set<String> sources;
    private final Map<String, Set<String>> delivered;
    private final FeedRun feed;
    private final List<SourceRecord> records = new ArrayList<>();
    private final Set<String> held = new HashSet<>();
    /** Event ids read as their persons alone ({@link #readPersons}), whole or not since. */
    private final Set<String> personsRead = new HashSet<>();
    private long requests;
    private long personRequests;

    /**
     * @param sources   the extract sources the store held records of before the run and the run does not hold whole
     * @param delivered event ids each delta delivered (they replace the stored records)
     * @param feed      the tombstones of each delta
     */
    ReachedRecords(FeedStore store, StoredAssignment assignment, Set<String> sources, Map<String, Set<String>> delivered, FeedRun feed) {
        this.store = store;
        this.assignment = assignment;
        this.sources = Set.copyOf(sources);
        this.delivered = delivered;
        this.feed = feed;
    }

    StoredAssignment assignment() {
        return assignment;
    }

    /** Whether the source's stored records are read by reach (else the gather joins them whole). */
    boolean readsByReach(String source) {
        return sources.contains(source);
    }

    /** Whether the event is of a stored record the run would have gathered whole (held or not). */
    boolean stored(String eventId) {
        String source = assignment.sources().get(eventId);
        return source != null && sources.contains(source) && !delivered.getOrDefault(source, Set.of()).contains(eventId)
                && !feed.tombstoned(source).contains(eventId);
    }

    /**
     * The stored records {@link #stored} names, as a query of the feed store: of the sources read by reach, less
     * those the deltas replace or tombstone (ADR 0053: what the store counts a key's units over).
     */
    JsonNode storedQuery() {
        ObjectNode query = JSON.createObjectNode();
        ObjectNode bool = query.putObject("bool");
        sources.forEach(bool.putArray("filter").addObject().putObject("terms").putArray(RecordIndexFields.SOURCE)::add);
        Set<String> gone = new TreeSet<>();
        for (String source : sources) {
            gone.addAll(delivered.getOrDefault(source, Set.of()));
            gone.addAll(feed.tombstoned(source));
        }
        if (!gone.isEmpty()) {
            gone.forEach(bool.putArray("must_not").addObject().putObject("ids").putArray("values")::add);
        }
        return query;
    }

    /** Whether the event is of a stored record not read (yet). */
    boolean unread(String eventId) {
        return !held.contains(eventId) && stored(eventId);
    }

    /** Reads the stored records of {@code eventIds} not read yet (others are passed over); returns those read now. */
    List<SourceRecord> read(Collection<String> eventIds) {
        Set<String> wanted = new HashSet<>();
        for (String id : eventIds) {
            if (unread(id)) {
                wanted.add(id);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<SourceRecord> now = new ArrayList<>(wanted.size());
        store.forEachOf(wanted, (record, note) -> {
            if (held.add(record.eventId())) {
                now.add(record);
            }
        });
        // a stored event whose record the store lacks is not asked for again
        held.addAll(wanted);
        records.addAll(now);
        requests++;
        return now;
    }

    /**
     * The person occurrences of the stored records of {@code eventIds} neither read whole nor read thus before (others are
     * passed over), read from the store as their persons alone ({@link FeedStore#forEachPersonsOf}, ADR 0057): they do not
     * join the run (the event stage reads a record whole when it needs it; the linkage when a person of it joins its scope).
     */
    List<PersonOccurrence> readPersons(Collection<String> eventIds) {
        Set<String> wanted = new HashSet<>();
        for (String id : eventIds) {
            if (unread(id) && !personsRead.contains(id)) {
                wanted.add(id);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<PersonOccurrence> now = new ArrayList<>();
        store.forEachPersonsOf(wanted, now::addAll);
        personsRead.addAll(wanted);
        personRequests++;
        return now;
    }

    /** Records read as their persons alone so far ({@link #readPersons}). */
    long personsReadCount() {
        return personsRead.size();
    }

    /** Calls to {@link #readPersons} that asked the store. */
    long personRequests() {
        return personRequests;
    }

    /** The records read so far, as the event stage's input (the list as it is when opened). */
    InterleavedRecords.Input input() {
        return new InterleavedRecords.Input(records.size(), () -> List.copyOf(records).stream());
    }

    /** Records read so far. */
    long readCount() {
        return records.size();
    }

    /** Reads (calls to {@link #read} that asked the store). */
    long requests() {
        return requests;
    }

    /** Each stored event not read, with its source. */
    void forEachUnread(BiConsumer<String, String> each) {
        assignment.sources().forEach((eventId, source) -> {
            if (unread(eventId)) {
                each.accept(eventId, source);
            }
        });
    }

    /** Each occurrence of a stored event not read, with its stored person. */
    void forEachUnreadOccurrence(BiConsumer<String, String> each) {
        assignment.persons().forEach((occurrence, person) -> {
            if (unread(IncrementalLinking.eventOf(occurrence))) {
                each.accept(occurrence, person);
            }
        });
    }

    /** The event ids of the occurrences {@code personIds} gives to any of {@code persons}. */
    static Set<String> eventsOf(Map<String, String> personIds, Set<String> persons) {
        Set<String> events = new HashSet<>();
        if (persons.isEmpty()) {
            return events;
        }
        personIds.forEach((occurrence, person) -> {
            if (persons.contains(person)) {
                events.add(IncrementalLinking.eventOf(occurrence));
            }
        });
        return events;
    }
}

package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.events.SourceDocument;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.Decisions;
import org.tessera.indexer.linkage.LinkageParameters;
import org.tessera.indexer.linkage.LinkageResult;
import org.tessera.indexer.linkage.LinkageStore;
import org.tessera.indexer.linkage.PersonLinker;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Stage 2, link: every occurrence into persons, with the human merge/split decisions of the
 * {@code linkage} index overriding the model. A day of deltas alone is linked around what it
 * changed ({@link IncrementalLinking}), with the parameters the stored persons were linked with,
 * and so is a snapshot compared record by record with the feed store ({@link SnapshotChanges},
 * ADR 0029); anything else (a first load, documents, a run with no delivery: {@code tessera
 * relink}) links every occurrence and fits the model again, whose parameters are then kept in the
 * {@code jobs} index for the incremental runs after it. Each document read without a sidecar is
 * marked with how its subject was linked. The review queue goes to the engine on a thread of its
 * own while the next stages run. One run at a time.
 */
final class LinkStage {

    private static final Logger log = LoggerFactory.getLogger(LinkStage.class);
    static final String LINKAGE_PARAMETERS_ID = "linkage-parameters";

    private final OpenSearchConnection connection;
    private final PersonLinker linker;
    private final Clock clock;
    private final JobRecorder job;
    private final String jobId;
    private final StageTimes times;
    /** The stored records one step of an arrival's reach reads at most ({@link IngestSettings#maxReachRecords()}). */
    private final long maxReachRecords;

    LinkStage(OpenSearchConnection connection, PersonLinker linker, Clock clock, JobRecorder job, String jobId, StageTimes times,
              long maxReachRecords) {
        this.maxReachRecords = maxReachRecords;
        this.connection = connection;
        this.linker = linker;
        this.clock = clock;
        this.job = job;
        this.jobId = jobId;
        this.times = times;
    }

    /**
     * The persons of a run.
     *
     * @param linkage     the linker's result (occurrence to person, review pairs, statistics)
     * @param people      what the events and person documents need of each person
     * @param reviewPairs the review queue's write, started on a thread of its own: what the engine refused
     * @param settled     after an incremental run, what is as stored (ADR 0029); null after a full link
     */
    record Linked(LinkageResult linkage, LinkedPeople people, Future<List<BulkWriter.Failure>> reviewPairs, Settled settled) {
    }

    /**
     * After an incremental run, what is as stored (ADR 0029): a record not among {@code changedEvents}
     * whose people are none of {@code unsettledPersons} builds the event it built before, so the event
     * stage need not read its stored version whole to compare.
     *
     * @param changedEvents    event ids of the records the delivery added or replaced
     * @param unsettledPersons persons whose members or members' records changed ({@link IncrementalLinking#unsettled})
     */
    record Settled(Set<String> changedEvents, Set<String> unsettledPersons) {

        Settled {
            changedEvents = Set.copyOf(changedEvents);
            unsettledPersons = Set.copyOf(unsettledPersons);
        }
    }

    /**
     * Links the gathered occurrences (and empties their list: the persons hold what is needed of
     * them); sources delivered whole are linked with every occurrence.
     */
    Linked link(Gathered gathered) {
        return link(gathered, gathered.deliveredWhole().isEmpty() ? SnapshotChanges.NONE : SnapshotChanges.NOT_COMPARED);
    }

    /** As {@link #link(Gathered)}, with what each snapshot of the run changed against the feed store. */
    Linked link(Gathered gathered, SnapshotChanges snapshots) {
        ReadStage.Delivered delivered = gathered.delivered();
        List<PersonOccurrence> occurrences = delivered.occurrences();
        Decisions decisions = new LinkageStore(connection).decisions();
        FeedStore store = new FeedStore(connection);
        // Deltas, and snapshots compared record by record with the store (ADR 0029), are linked around what changed.
        LinkageParameters fitted = linksIncrementally(delivered, snapshots) ? storedParameters() : null;
        ReachedRecords reached = gathered.reached();
        if (reached != null && (fitted == null || !store.keyed() || store.staleKeys() != 0)) {
            throw new IllegalStateException("the stored records were left to be read by reach, but this run cannot link by reach");
        }
        LinkageResult linkage;
        Settled settled = null;
        if (fitted != null) {
            List<SourceRecord> readLater = new ArrayList<>();
            Set<String> changedEvents = new HashSet<>();
            delivered.deltaIds().forEach((source, ids) -> changedEvents.addAll(ids));
            snapshots.changed().values().forEach(changedEvents::addAll);
            job.count("snapshot_records_changed", snapshots.changedRecords());
            job.count("snapshot_records_absent", snapshots.absent());
            Map<String, String> previous;
            if (reached != null) {
                previous = reached.assignment().persons();
            } else {
                long assignmentStart = System.nanoTime();
                previous = storedAssignment(connection);
                times.since("link/stored assignment", assignmentStart);
            }
            long incrementalStart = System.nanoTime();
            // the stored records sharing a key with what arrived, asked of the feed store's keys when they are whole (ADR 0043)
            boolean keysStored = store.keyed() && store.staleKeys() == 0;
            IncrementalLinking.KeyedRecords storedKeys = !keysStored ? null : new IncrementalLinking.KeyedRecords() {
                @Override
                public Set<String> sharing(Set<String> keys) {
                    Set<String> sharing = store.eventIdsSharing(BlockingKeys.stored(keys), reached == null ? Long.MAX_VALUE : maxReachRecords);
                    job.count("linkage_stored_key_reads", 1);
                    job.count("linkage_stored_key_records", sharing.size());
                    return sharing;
                }

                @Override
                public Set<String> crowded(Set<String> keys, int above) {
                    // counted over the stored records read by reach, which the run's writes to the store leave alone
                    if (reached == null) {
                        return Set.of();
                    }
                    long start = System.nanoTime();
                    Map<String, String> counted = new HashMap<>();
                    keys.stream().filter(k -> BlockingKeys.refinable(BlockingKeys.ruleOf(k))).forEach(k -> counted.put(k, BlockingKeys.stored(k)));
                    Set<String> crowded = store.crowded(counted, above, reached.storedQuery());
                    job.count("linkage_counted_keys", counted.size());
                    job.count("linkage_crowded_keys", crowded.size());
                    times.since("link/incremental/counted keys", start);
                    return crowded;
                }
            };
            job.count("linkage_keys_from_store", keysStored ? 1 : 0);
            // the stored records the run does not hold, read as the linkage reaches them (ADR 0047)
            IncrementalLinking.Unread unread = reached == null ? null : new IncrementalLinking.Unread() {
                @Override
                public boolean stored(String eventId) {
                    return reached.stored(eventId);
                }

                @Override
                public List<PersonOccurrence> read(Collection<String> eventIds) {
                    List<PersonOccurrence> read = new ArrayList<>();
                    for (SourceRecord record : reached.read(eventIds)) {
                        read.addAll(PersonOccurrence.of(record));
                        readLater.add(record);
                    }
                    return read;
                }

                @Override
                public List<PersonOccurrence> readPersons(Collection<String> eventIds) {
                    return reached.readPersons(eventIds);
                }
            };
            IncrementalLinking.Outcome outcome = IncrementalLinking.link(occurrences, previous, changedEvents,
                    snapshots.keptAbsent(), linker, decisions, fitted, storedKeys, unread);
            // what the linkage read joins the run's occurrences (after the link: it iterates them first)
            readLater.forEach(record -> ReadStage.addOccurrences(record, occurrences, delivered.occurrenceDates()));
            times.since("link/incremental", incrementalStart);
            if (reached != null) {
                job.count("feed_store_reach_reads", reached.requests());
                job.count("records_from_feed_store", reached.readCount());
                job.count("feed_store_person_reads", reached.personRequests());
                job.count("records_from_feed_store_persons_only", reached.personsReadCount());
            }
            linkage = outcome.result();
            settled = new Settled(changedEvents, IncrementalLinking.unsettled(previous, linkage.personIds(), changedEvents));
            job.count("linkage_unsettled_persons", settled.unsettledPersons().size());
            job.count("linked_incrementally", 1);
            job.count("linkage_changed_occurrences", outcome.changed());
            job.count("linkage_scope_occurrences", outcome.scope());
            job.count("linkage_scope_persons", outcome.personsInScope());
            log.info("Linked incrementally: {} changed occurrences, {} in scope ({} stored persons around them)", outcome.changed(),
                    outcome.scope(), outcome.personsInScope());
        } else {
            linkage = linker.link(occurrences, decisions);
            if (linkage.parameters() != null) {
                storeParameters(linkage.parameters());
            }
        }
        rewriteStaleKeys(store);
        job.count("persons", linkage.stats().persons());
        job.count("review_pairs", linkage.reviewPairs().size());
        log.info("Linked {} occurrences into {} persons ({} pairs for review)", occurrences.size(),
                linkage.stats().persons(), linkage.reviewPairs().size());
        noteDocumentLinks(delivered.documents().values(), delivered.notes(), linkage);
        noteDocumentLinks(gathered.fedDocuments(), delivered.notes(), linkage);
        long peopleStart = System.nanoTime();
        LinkedPeople people = new LinkedPeople(linkage.personIds());
        for (PersonOccurrence occurrence : occurrences) {
            people.observe(linkage.personIds().get(occurrence.occurrenceId()), asInvolved(occurrence),
                    delivered.occurrenceDates().get(occurrence.occurrenceId()));
        }
        occurrences.clear();
        delivered.occurrenceDates().clear();
        times.since("link/people", peopleStart);
        // Linkage's review queue needs nothing the event stage makes: it goes to the engine on a
        // thread of its own meanwhile (a request of pairs beside one of events).
        Future<List<BulkWriter.Failure>> reviewPairs = Futures.start("ingest-review-pairs", () -> {
            long start = System.nanoTime();
            List<BulkWriter.Failure> refused = new LinkageStore(connection)
                    .storeReviewPairs(linkage.reviewPairs(), linkage.personIds(), decisions, clock);
            times.since(StageTimes.EVENTS + "review pairs", start);
            return refused;
        });
        return new Linked(linkage, people, reviewPairs, settled);
    }

    /**
     * Brings the feed store's blocking keys into step when any stored record's are stale (written
     * before the keys were, by other key functions, or dropped by a reindex): made from each stored
     * record, as a full run keeps them (ADR 0043). Nothing to do, and one count, otherwise.
     */
    private void rewriteStaleKeys(FeedStore store) {
        if (!store.keyed() || store.staleKeys() == 0) {
            return;
        }
        long start = System.nanoTime();
        long rewritten = store.rewriteKeys();
        job.count("feed_store_keys_rewritten", rewritten);
        times.since("link/stored keys", start);
        log.info("Wrote the blocking keys of {} stored record(s) whose keys were stale", rewritten);
    }

    /** How a document found without a sidecar reached the people it is about. */
    enum DocumentLink {
        /** its subject joined a person other records describe */
        LINKED("linked"),
        /** the linker was unsure: the subject's candidate pairs are in the review queue */
        REVIEW("review"),
        /** nobody else matched: the subject is a person known from this document alone */
        NEW_PERSON("new_person"),
        /** no subject could be read from the text */
        NO_SUBJECT("no_subject");

        final String label;

        DocumentLink(String label) {
            this.label = label;
        }
    }

    /**
     * Marks each document read without a sidecar with how its subject was linked: the linker has
     * decided (this never overrides it); a subject it could not place goes to review with its
     * candidates, and one that matched nobody is counted, so no document reaches nobody unseen.
     */
    private void noteDocumentLinks(Collection<SourceRecord> documents, Map<String, ObjectNode> notes, LinkageResult linkage) {
        Map<String, Integer> clusterSizes = new HashMap<>();
        linkage.personIds().values().forEach(id -> clusterSizes.merge(id, 1, Integer::sum));
        Set<String> inReview = new HashSet<>();
        for (var pair : linkage.reviewPairs()) {
            inReview.add(pair.pair().first());
            inReview.add(pair.pair().second());
        }
        for (SourceRecord record : documents) {
            ObjectNode stored = notes.get(record.eventId());
            SourceDocument note = stored == null ? null : SourceDocument.fromDocument(stored);
            if (note == null || note.subjectLink() != null) {
                continue;
            }
            DocumentLink outcome = DocumentLink.NEW_PERSON;
            for (int slot = 0; slot < record.people().size(); slot++) {
                if (!record.people().get(slot).role().equals("subject")) {
                    continue;
                }
                String occurrence = record.occurrenceId(slot);
                String person = linkage.personIds().get(occurrence);
                if (person != null && clusterSizes.getOrDefault(person, 0) > 1) {
                    outcome = DocumentLink.LINKED;
                    break;
                }
                if (inReview.contains(occurrence)) {
                    outcome = DocumentLink.REVIEW;
                }
            }
            notes.put(record.eventId(), note.withSubjectLink(outcome.label).toDocument());
            job.count("documents_subject_" + outcome.label, 1);
        }
    }

    /** The parameters of the last full linkage run, or null when none was stored. */
    private LinkageParameters storedParameters() {
        JsonNode parameters = connection.get(connection.alias("jobs"), LINKAGE_PARAMETERS_ID)
                .map(doc -> doc.path("linkage_parameters")).orElse(null);
        return parameters == null || parameters.isMissingNode() ? null : LinkageParameters.fromJson(parameters);
    }

    /** Keeps a full run's linkage parameters with the persons (in {@code jobs}), for the incremental runs after it. */
    private void storeParameters(LinkageParameters parameters) {
        ObjectNode doc = EngineJson.object();
        doc.put("job_id", jobId).put("kind", "linkage").put("status", "fitted").put("finished_at", clock.instant().toString());
        doc.put("message", "model and name counts of the last full linkage run, over " + parameters.occurrences() + " occurrences");
        doc.set("linkage_parameters", parameters.toJson());
        connection.index(connection.alias("jobs"), LINKAGE_PARAMETERS_ID, doc, Map.of());
    }

    /** Occurrence id to person id, as the stored events hold them. */
    static Map<String, String> storedAssignment(OpenSearchConnection connection) {
        return StoredAssignment.read(connection).persons();
    }

    /**
     * Whether a run is linked around what changed ({@link IncrementalLinking}): a delivery with deltas, its
     * snapshots compared record by record with the store (ADR 0029), into stored persons.
     */
    boolean linksIncrementally(ReadStage.Delivered delivered, SnapshotChanges snapshots) {
        return snapshots.comparable() && !delivered.deltaIds().isEmpty() && connection.count("persons") > 0;
    }

    /**
     * Whether the run can link with the stored records read by reach (ADR 0047): it links incrementally,
     * with stored parameters, and every stored record's blocking keys are current.
     */
    boolean linksByReach(ReadStage.Delivered delivered, SnapshotChanges snapshots) {
        FeedStore store = new FeedStore(connection);
        return linksIncrementally(delivered, snapshots) && storedParameters() != null && store.keyed() && store.staleKeys() == 0;
    }

    static InvolvedPerson asInvolved(PersonOccurrence o) {
        return new InvolvedPerson(o.role(), o.givenNames(), o.familyName(), o.otherNames(), o.dateOfBirth(), o.gender(),
                o.address(), o.postcode(), o.identifiers());
    }
}

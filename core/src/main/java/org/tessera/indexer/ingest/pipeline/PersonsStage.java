package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.RefreshPause;

/**
 * Stage 4, persons: one document per person the events describe. Adults first, while this JVM
 * scores the children (on a first load whose events are all stored, the children's {@code risk}
 * goes out with their documents: {@link IngestPipeline.Scoring#riskWithPersons}); the events'
 * closing refresh runs meanwhile. Every document the engine refused (events, persons, review
 * pairs) is quarantined on the job with its reason. One run at a time.
 */
final class PersonsStage {

    /** {@code _bulk} requests of persons in flight at once (the raw benchmark sends as many). */
    static final int REQUESTS_IN_FLIGHT = 2;
    /** The prefix of the persons stage's overlapping parts in {@link StageTimes}. */
    static final String TIMES = "persons/";

    private final OpenSearchConnection connection;
    private final Nicknames nicknames;
    private final IngestPipeline.Scoring scoring;
    private final Clock clock;
    private final JobRecorder job;
    private final StageTimes times;

    /** @param times where the stage's overlapping parts are timed ({@value #TIMES}{@code ...}) */
    PersonsStage(OpenSearchConnection connection, Nicknames nicknames, IngestPipeline.Scoring scoring, Clock clock, JobRecorder job,
                 StageTimes times) {
        this.connection = connection;
        this.nicknames = nicknames;
        this.scoring = scoring;
        this.clock = clock;
        this.job = job;
        this.times = times;
    }

    /**
     * What the persons stage wrote.
     *
     * @param producedPersons   ids of every person this run produced
     * @param scoredWithPersons children whose {@code risk} went out with their documents
     * @param allStored         the index refused none of the run's events and persons
     * @param rewrittenChildren children whose document this run stored without a {@code risk}: a
     *                          changed profile replaces the whole document, and the {@code risk} a
     *                          rescore had put on it with it, so the rescore must reach them
     */
    record PersonsWritten(Set<String> producedPersons, Set<String> scoredWithPersons, boolean allStored, Set<String> rewrittenChildren) {
        PersonsWritten {
            producedPersons = Set.copyOf(producedPersons);
            scoredWithPersons = Set.copyOf(scoredWithPersons);
            rewrittenChildren = Set.copyOf(rewrittenChildren);
        }
    }

    /** What some requests stored: totals, refusals, and the ids of the documents stored without a {@code risk}. */
    private record Written(BulkWriter.Stats stats, List<BulkWriter.Failure> failures, Set<String> withoutRisk) {
        Written plus(Written other) {
            List<BulkWriter.Failure> both = new ArrayList<>(failures);
            both.addAll(other.failures);
            Set<String> unscored = new TreeSet<>(withoutRisk);
            unscored.addAll(other.withoutRisk);
            return new Written(stats.plus(other.stats), both, unscored);
        }
    }

    /** @param eventsRefresh the events' refresh pause, closed (its refresh run) while the persons are written */
    PersonsWritten write(EventsWritten events, Linked linked, RefreshPause eventsRefresh) {
        Map<String, PersonProfile> profiles = events.profiles();
        Set<String> producedPersons = new TreeSet<>(profiles.keySet());
        // Into empty indices every person document is written whole: its score can go with it.
        boolean eventsStored = events.written().failed() == 0 && connection.count("events") == events.producedEvents().size();
        List<String> adults = new ArrayList<>();
        List<String> children = new ArrayList<>();
        // an arrival writes the persons it may change; everyone else's document is as stored (ADR 0040)
        producedPersons.stream().filter(events::mayChange).forEach(id -> (profiles.get(id).everChild() ? children : adults).add(id));
        job.count("persons_left_as_stored", producedPersons.size() - adults.size() - children.size());
        Map<String, ObjectNode> risks;
        Written persons;
        // As for the events: one refresh when all are written, not one a second (closing refreshes); paused when they are.
        try (RefreshPause personsRefresh = RefreshPause.of(connection, connection.alias("persons"), eventsRefresh.pauses())) {
            // The events take no more writes: refreshes back on, and their closing refresh
            // (the indicators' rewrites) runs while the persons are written.
            Future<Boolean> eventsRefreshed = Futures.start("ingest-events-refresh", () -> {
                long start = System.nanoTime();
                eventsRefresh.close();
                times.since(TIMES + "events refresh", start);
                return true;
            });
            Future<Map<String, ObjectNode>> scored = Futures.start("ingest-scoring", () -> {
                long start = System.nanoTime();
                Map<String, ObjectNode> scores = events.firstLoad() && eventsStored
                        ? scoring.riskWithPersons(new TreeSet<>(children)) : Map.<String, ObjectNode>of();
                times.since(TIMES + "scoring", start);
                return scores;
            });
            // Adults carry no score: the engine indexes them while this JVM scores the children.
            long start = System.nanoTime();
            Written adultsWritten = write(adults, profiles, linked.people(), events.mode(), Map.of());
            times.since(TIMES + "adults", start);
            start = System.nanoTime();
            risks = Futures.await(scored, "scoring");
            times.since(TIMES + "wait for scoring", start);
            start = System.nanoTime();
            persons = adultsWritten.plus(write(children, profiles, linked.people(), events.mode(), risks));
            times.since(TIMES + "children", start);
            start = System.nanoTime();
            Futures.await(eventsRefreshed, "refreshing the events");
            times.since(TIMES + "wait for events refresh", start);
            start = System.nanoTime();
            personsRefresh.close();
            times.since(TIMES + "refresh", start);
        }
        job.count("scored_with_persons", risks.size());
        BulkWriter.Stats stats = events.written().plus(persons.stats());
        job.count("documents_written", stats.written());
        job.count("documents_unchanged", stats.unchanged());
        List<BulkWriter.Failure> refused = new ArrayList<>(events.refused());
        refused.addAll(persons.failures());
        refused.addAll(Futures.await(linked.reviewPairs(), "storing review pairs"));
        for (BulkWriter.Failure failure : refused) {
            job.quarantine(new QuarantineEntry(failure.index(), 0, failure.id(), "refused by the index: " + failure.reason(), null));
            job.count("documents_refused", 1);
        }
        // Adults carry no risk: of the documents stored without one, the children's (a hashed set to retain by:
        // against the list, retainAll was quadratic, minutes on the 150,000-child county's first load)
        Set<String> rewrittenChildren = new TreeSet<>(persons.withoutRisk());
        rewrittenChildren.retainAll(new HashSet<>(children));
        return new PersonsWritten(producedPersons, risks.keySet(), stats.failed() == 0, rewrittenChildren);
    }

    /**
     * Writes the documents of the given persons (ids in order) in requests of
     * {@link EventStage#BULK_REQUEST_DOCUMENTS}: exactly {@value #REQUESTS_IN_FLIGHT} requests in flight on
     * threads of their own, while as many of the next ones are built (documents and their JSON) on
     * {@value #REQUESTS_IN_FLIGHT} others. Until 2026-12-07 each request was built and sent on a parallel
     * stream of a pool of two: a request was never in flight while its thread built, and a worker blocked on
     * a sent request let the pool add threads, so several more requests went to a two-core engine at once
     * (the {@code persons/bulk} time, summed over threads, was 4.5 times the stage's).
     */
    private Written write(List<String> ids, Map<String, PersonProfile> profiles, LinkedPeople linked, BulkWriter.Mode mode,
                          Map<String, ObjectNode> risks) {
        String index = connection.alias("persons");
        ExecutorService builders = DaemonThreads.pool("ingest-persons-build", REQUESTS_IN_FLIGHT);
        ExecutorService senders = DaemonThreads.pool("ingest-persons-send", REQUESTS_IN_FLIGHT);
        // built but not yet acknowledged: those in flight and as many being built
        Semaphore ahead = new Semaphore(2 * REQUESTS_IN_FLIGHT);
        List<Future<Written>> sent = new ArrayList<>();
        try {
            for (int from = 0; from < ids.size(); from += EventStage.BULK_REQUEST_DOCUMENTS) {
                List<String> request = ids.subList(from, Math.min(ids.size(), from + EventStage.BULK_REQUEST_DOCUMENTS));
                try {
                    ahead.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing persons", e);
                }
                Future<List<Built>> built = builders.submit(() -> build(request, profiles, linked, index, risks));
                sent.add(senders.submit(() -> {
                    try {
                        return send(Futures.await(built, "building person documents"), mode);
                    } finally {
                        ahead.release();
                    }
                }));
            }
            Written all = new Written(new BulkWriter.Stats(0, 0, 0, 0, 0), List.of(), Set.of());
            for (Future<Written> part : sent) {
                all = all.plus(Futures.await(part, "writing persons"));
            }
            return all;
        } finally {
            builders.shutdownNow();
            senders.shutdownNow();
        }
    }

    /** A person document with its JSON, serialised where it was built. */
    private record Built(BulkWriter.Document document, byte[] json) {
    }

    private List<Built> build(List<String> request, Map<String, PersonProfile> profiles, LinkedPeople linked, String index,
                              Map<String, ObjectNode> risks) throws JsonProcessingException {
        long buildStart = System.nanoTime();
        List<Built> documents = new ArrayList<>(request.size());
        for (String personId : request) {
            ObjectNode doc = profiles.get(personId).toDocument(linked.timeline(personId), linked.birthDate(personId), nicknames);
            doc.put("updated_at", clock.instant().toString());
            ObjectNode risk = risks.get(personId);
            if (risk != null) {
                doc.set("risk", risk); // outside content_hash, as a rescore's update leaves it
            }
            documents.add(new Built(new BulkWriter.Document(index, personId, doc), EngineJson.MAPPER.writeValueAsBytes(doc)));
        }
        times.since(TIMES + "build documents", buildStart);
        return documents;
    }

    private Written send(List<Built> documents, BulkWriter.Mode mode) {
        Set<String> withoutRisk = new TreeSet<>();
        try (BulkWriter writer = new BulkWriter(connection, mode, EventStage.BULK_REQUEST_DOCUMENTS, 8 << 20)
                .onWritten(stored -> {
                    if (!stored.source().has("risk")) {
                        withoutRisk.add(stored.id());
                    }
                })) {
            long flushStart = System.nanoTime();
            documents.forEach(built -> writer.add(built.document(), built.json()));
            writer.flush();
            times.since(TIMES + "bulk", flushStart);
            return new Written(writer.stats(), writer.drainFailures(), withoutRisk);
        }
    }
}

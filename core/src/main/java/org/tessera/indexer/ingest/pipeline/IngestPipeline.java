package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.documents.DocumentFactsFinder;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.extraction.TextExtractor;
import org.tessera.indexer.ingest.Quarantine;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.ingest.pipeline.PersonsStage.PersonsWritten;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.linkage.LinkageResult;
import org.tessera.indexer.linkage.PersonLinker;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.semantic.ConceptTagger;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.RefreshPause;

/**
 * The indexer's core path: every extract and document in a folder into the {@code events} and
 * {@code persons} indices, one person per human.
 *
 * <ol>
 *   <li>The feed gate ({@link FeedGateStage}): replays skipped, bad deliveries refused whole before
 *       anything is written.</li>
 *   <li>Read ({@link ReadStage}): each extract through its source mapping, each document through
 *       Tika; bad rows and files are quarantined with their reason, the rest go on.</li>
 *   <li>Feed store ({@link FeedStoreStage}): the stored records of the sources not delivered
 *       whole join the delivery, and the delivery is stored for the deltas after it (on a thread
 *       of its own beside the next stages, awaited before anything is withdrawn).</li>
 *   <li>Link ({@link LinkStage}): all occurrences at once (strong identifiers, then the probabilistic model), with
 *       the human merge/split decisions from the {@code linkage} index overriding the model.</li>
 *   <li>Events ({@link EventStage}): the records are read back from their spills, each
 *       record becomes an event with its linked people, households and text analysis, the
 *       batch stages (percolation) enrich it, and the bulk writer stores what changed. The
 *       engine's part (percolate, index) runs on the {@link EventSink}'s threads while the next
 *       batch is analysed, so neither the engine nor the analysis waits for the other.</li>
 *   <li>Persons ({@link PersonsStage}): one document per person.</li>
 *   <li>Withdraw ({@link WithdrawStage}): what the ingested sources no longer hold goes, when
 *       their delivery is complete evidence.</li>
 *   <li>Rescore ({@link RescoreStage}): the children the run's changes reach (every child any hit
 *       reaches on a first load or a full re-link).</li>
 * </ol>
 *
 * Every id is derived from the input, and unchanged documents are never rewritten, so re-running
 * the same input changes nothing, and a run killed at any point and started again ends in the
 * same state as an uninterrupted one; the feed ledger is written last. Each stage is a class of
 * its own taking its dependencies in its constructor and handing a record to the next; this class
 * only drives them. Not thread-safe: one run at a time per instance.
 */
public final class IngestPipeline {

    /** Prefix of the job counts that give a stage's time in milliseconds ({@code ms_link}, {@code ms_events_keep_as_stored}). */
    public static final String STAGE_MILLIS = "ms_";

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    /** {@code _bulk} requests of persons in flight at once (the raw benchmark sends as many). */
    public static final int PERSON_REQUESTS_IN_FLIGHT = PersonsStage.REQUESTS_IN_FLIGHT;
    /** Records per {@code _bulk} request of the feed store (one request in flight; the raw benchmark sends as many). */
    public static final int FEED_STORE_REQUEST_DOCUMENTS = FeedStore.REQUEST_DOCUMENTS;

    private final OpenSearchConnection connection;
    private final SourceMappings mappings;
    private final TextExtractor extractor;
    private final TextAnalyzer textAnalyzer;
    /** The semantic stage (concept tags on events, read by the indicators' queries); null when off. */
    private final ConceptTagger concepts;
    private final PersonLinker linker;
    private final Nicknames nicknames;
    private final List<EventBatchStage> stages;
    private final Scoring scoring;
    private final IngestSettings settings;
    private final Clock clock;
    private final DocumentFactsFinder documentFacts;

    public IngestPipeline(OpenSearchConnection connection, SourceMappings mappings, TextExtractor extractor,
                          TextAnalyzer textAnalyzer, PersonLinker linker, Nicknames nicknames,
                          List<EventBatchStage> stages, Scoring scoring,
                          IngestSettings settings, Clock clock) {
        this(connection, mappings, extractor, textAnalyzer, null, linker, nicknames, stages, scoring, settings, clock);
    }

    /** @param concepts the semantic stage run beside the text analysis (null: none) */
    public IngestPipeline(OpenSearchConnection connection, SourceMappings mappings, TextExtractor extractor,
                          TextAnalyzer textAnalyzer, ConceptTagger concepts, PersonLinker linker,
                          Nicknames nicknames, List<EventBatchStage> stages, Scoring scoring,
                          IngestSettings settings, Clock clock) {
        this.concepts = concepts;
        this.connection = connection;
        this.mappings = mappings;
        this.extractor = extractor;
        this.textAnalyzer = textAnalyzer;
        this.linker = linker;
        this.nicknames = nicknames;
        this.stages = List.copyOf(stages);
        this.scoring = scoring;
        this.settings = settings;
        this.clock = clock;
        this.documentFacts = new DocumentFactsFinder(text -> textAnalyzer.analyze(text).entities());
    }

    /**
     * What a run wrote, for the step after it (re-scoring).
     *
     * @param eventsComplete    the {@code events} index holds exactly the events this run produced
     *                          (every write stored, nothing stale or from another source left), so
     *                          what the stages saw of the events is all there is
     * @param scoredWithPersons children whose {@code risk} went out with their person documents
     *                          ({@link Scoring#riskWithPersons}); meaningful when {@code eventsComplete}
     */
    public record Written(boolean eventsComplete, Set<String> scoredWithPersons, Changed changed, Set<String> producedEvents,
                          Set<String> rewrittenChildren, Set<String> reach) {
        /**
         * @param producedEvents    ids of every event the run produced (kept, unchanged or written): the
         *                          event stage's own set, not copied (it is the largest thing a run holds)
         * @param rewrittenChildren children whose person document the run stored without a {@code risk}
         *                          (a changed profile replaces the document whole): a scoped rescore
         *                          must score them even when none of their events changed
         * @param reach             the persons whose events the batch stages were shown, the others'
         *                          being left as stored unread (ADR 0040): what the stages gathered
         *                          is whole for their histories only; null when every event was shown
         */
        public Written {
            scoredWithPersons = Set.copyOf(scoredWithPersons);
            Objects.requireNonNull(changed, "changed");
            producedEvents = producedEvents == null ? Set.of() : Collections.unmodifiableSet(producedEvents);
            rewrittenChildren = rewrittenChildren == null ? Set.of() : Set.copyOf(rewrittenChildren);
            reach = reach == null ? null : Collections.unmodifiableSet(reach);
        }

        public Written(boolean eventsComplete, Set<String> scoredWithPersons, Changed changed, Set<String> producedEvents,
                       Set<String> rewrittenChildren) {
            this(eventsComplete, scoredWithPersons, changed, producedEvents, rewrittenChildren, null);
        }

        public Written(boolean eventsComplete, Set<String> scoredWithPersons, Changed changed) {
            this(eventsComplete, scoredWithPersons, changed, Set.of(), Set.of());
        }

        /** A run that says nothing of what it changed: every child is rescored. */
        public Written(boolean eventsComplete, Set<String> scoredWithPersons) {
            this(eventsComplete, scoredWithPersons, Changed.UNKNOWN);
        }
    }

    /**
     * What a run changed that its batch stages do not see (they see every event it writes, and so
     * the events it replaced, and the persons a merge or split moved): for rescoring only the
     * children the changes reach (docs/scoring.md "Rescoring what changed").
     *
     * @param jobId           the run's job, under which the documents it withdrew are kept (the {@code withdrawals} index)
     * @param withdrawnEvents how many events it withdrew
     * @param fullRescore     every child is to be rescored (a full re-link, or a run that does not say)
     */
    public record Changed(String jobId, long withdrawnEvents, boolean fullRescore) {
        public static final Changed UNKNOWN = new Changed(null, 0, true);
    }

    /**
     * The stored assignment as the last run left it (ADR 0054): the next run by reach takes it
     * instead of a scroll of every stored event when nobody wrote the events index since. Null
     * until a run by reach ends as it should; taken (set null) by each run and given back at its end.
     */
    private StoredAssignment.Kept keptAssignment;

    /** The stored assignment the next run may take (ADR 0054); null when none is kept. */
    StoredAssignment.Kept keptAssignment() {
        return keptAssignment;
    }

    /** Set while {@link #relink()} runs its ingest: a full re-link rescores every child. */
    private boolean relinking;

    /** What a run asks of scoring. */
    public interface Scoring {

        /** After the run (the step timed as "rescore"). */
        void afterIngest(Written written);

        /**
         * On a first load whose events are all stored, before the children's person documents are
         * written (on a thread of its own, while the adults' documents are): the {@code risk}
         * objects of the children among {@code personIds} to write with them, instead of updating
         * each scored child after. None by default.
         */
        default Map<String, ObjectNode> riskWithPersons(Set<String> personIds) {
            return Map.of();
        }

        /**
         * Whether the next run's rescore reads every event (it rescores every child, from what the
         * batch stages saw): then no event is left as stored unread (ADR 0040). False by default.
         */
        default boolean readsEveryEvent() {
            return false;
        }
    }

    public IngestReport ingest(Path folder) {
        String jobId = "ingest-" + OffsetDateTime.now(clock).toLocalDate() + "-" + UUID.randomUUID().toString().substring(0, 8);
        long setUp = System.nanoTime();
        long interrupted = JobRecorder.markInterrupted(connection, clock, "ingest");
        if (interrupted > 0) {
            log.warn("{} earlier ingest job(s) had stopped without finishing; marked interrupted", interrupted);
        }
        JobRecorder job = new JobRecorder(connection, clock, jobId, "ingest", folder.toString(), 2000);
        StageTimes times = new StageTimes();
        times.since("set up", setUp);
        IngestRun run = new IngestRun(jobId, folder, job, times, System.nanoTime());
        try (Quarantine quarantine = new Quarantine(settings.quarantineDir());
             RecordSpill.Directory spills = RecordSpill.Directory.create()) {
            FeedGateStage gate = new FeedGateStage(connection, mappings, clock);
            FeedGateStage.Plan plan = gate.plan(run);
            times.since("read/gate", run.started());
            if (plan.ended() != null) {
                return plan.ended();
            }
            Delivered delivered = new ReadStage(extractor, documentFacts, settings, quarantine, spills, job)
                    .read(plan.files(), plan.feed());
            if (plan.feed().refusal() != null) {
                return gate.refuse(run, plan);
            }
            // past the gate, before the run writes: whether the ingest before it finished, told by the runs, not their clocks
            long followStart = System.nanoTime();
            LastIngest.Named named = LastIngest.name(connection, jobId);
            boolean previousEnded = named.previousEnded();
            times.since("read/last ingest", followStart);
            times.since("read", run.started());
            long start = System.nanoTime();
            FeedStoreStage feedStore = new FeedStoreStage(plan.store(), spills, job, jobId, times);
            // before the store is written: what each snapshot changed against the stored records (ADR 0029)
            SnapshotChanges snapshots = relinking || plan.storedRecords().isEmpty() ? SnapshotChanges.NOT_COMPARED
                    : SnapshotChanges.compare(delivered, FeedStoreStage.deliveredWhole(delivered, plan.feed()), plan.storedRecords(),
                    plan.store(), settings);
            times.since("feed store/compare", start);
            LinkStage linkStage = new LinkStage(connection, linker, clock, job, jobId, times, settings.maxReachRecords());
            // An arrival linked around what changed, whose events are read by reach, reads the stored records by
            // reach too (ADR 0047): the stored assignment says which exist and whose they are.
            StoredAssignment assignment = null;
            StoredAssignment.Kept kept = keptAssignment;
            keptAssignment = null;   // given back only by a run that ends as it should
            if (!relinking && !scoring.readsEveryEvent() && linkStage.linksByReach(delivered, snapshots)
                    && previousEnded) {
                long assignmentStart = System.nanoTime();
                boolean current = kept != null && kept.current(connection);
                job.count("stored_assignment_kept", current ? 1 : 0);
                if (current) {
                    connection.refresh(connection.alias("events"));   // as the read does: the run searches what the last one wrote
                } else {
                    kept = StoredAssignment.Kept.read(connection);
                }
                assignment = kept.view();
                times.since("feed store/stored assignment", assignmentStart);
            } else {
                kept = null;
            }
            job.count("feed_store_read_by_reach", assignment == null ? 0 : 1);
            long gatherStart = System.nanoTime();
            Set<String> extractSources = new TreeSet<>();
            plan.storedRecords().keySet().stream().filter(source -> mappings.bySource(source).isPresent()).forEach(extractSources::add);
            Gathered gathered = feedStore.gather(delivered, plan.feed(), plan.storedRecords(), assignment, extractSources);
            times.since("feed store/gather", gatherStart);
            // A run by reach starts writing the store after its link, not beside it: a day its reach refuses then leaves the
            // store as it was, and the day is applied again in full when sent again (ADR 0057). What is written is taken now.
            Supplier<Future<Boolean>> storing = feedStore.storing(delivered, plan.storedRecords().isEmpty(), snapshots.unchanged());
            Future<Boolean> stored = assignment == null ? storing.get() : null;
            gathered = feedStore.gatherKeptAbsent(gathered, snapshots);
            times.since("feed store", start);
            start = System.nanoTime();
            Linked linked;
            try {
                linked = linkStage.link(gathered, snapshots);
            } catch (FeedStore.ReachTooLarge refusal) {
                keptAssignment = kept;   // nothing was written: what was kept stays current
                return refuseReach(run, plan, named, refusal);
            }
            if (stored == null) {
                stored = storing.get();
            }
            times.since("link", start);
            // No refresh every second while millions of events go in: refreshes resume while the persons are written.
            // An arrival the event stage scopes by its reach writes a few events and persons: no pause (its settings
            // updates cost more than the refreshes they save), one refresh each at the end as with one.
            boolean scopedByReach = linked.settled() != null && previousEnded && !relinking && !scoring.readsEveryEvent();
            try (RefreshPause eventsRefresh = RefreshPause.of(connection, connection.alias("events"), !scopedByReach)) {
                // the events the run writes, for the kept assignment (the batch stages see every one)
                Set<String> shown = kept == null ? null : ConcurrentHashMap.newKeySet();
                EventsWritten events = new EventStage(connection, settings, textAnalyzer, concepts,
                        shown == null ? stages : withShown(stages, shown), clock, job, times)
                        .write(gathered, linked, relinking || scoring.readsEveryEvent(), previousEnded);
                start = System.nanoTime();
                PersonsWritten persons = new PersonsStage(connection, nicknames, scoring, clock, job, times)
                        .write(events, linked, eventsRefresh);
                times.since("persons", start);
                start = System.nanoTime();
                Futures.await(stored, "writing the feed store");   // before anything is withdrawn
                times.since("feed store", start);
                spills.close();   // the records are indexed and stored: their copies go now, not at the end of the run
                start = System.nanoTime();
                List<WithdrawalPolicy.Decision> withdrawals = new WithdrawStage(connection, settings, plan.store(), clock, job, jobId)
                        .withdraw(gathered, plan.feed(), events, persons);
                job.count("events", events.producedEvents().size());
                times.since("stale", start);
                start = System.nanoTime();
                new RescoreStage(connection, scoring, job).rescore(events, persons, new Changed(jobId, job.count("withdrawn_events"), relinking));
                times.since("rescore", start);
                if (kept != null) {
                    start = System.nanoTime();
                    keptAssignment = job.count("withdrawn_events") == 0 && kept.follow(connection, shown, events.written().written())
                            ? kept : null;
                    job.count("stored_assignment_followed", keptAssignment == null ? 0 : 1);
                    times.since("stored assignment/follow", start);
                }
                return finish(run, plan, gathered, linked.linkage(), events, withdrawals);
            }
        } catch (IOException e) {
            job.fail(e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            job.fail(e.getMessage());
            throw e;
        }
    }

    /**
     * Ends a run whose day the linkage's reach refused ({@link FeedStore.ReachTooLarge}, ADR 0053): it wrote nothing but its job (a
     * run by reach writes the feed store after its link), so it ends as a refused delivery does: the job says why, the feed ledger
     * is not written (the day is applied in full when sent again), and the name of the last ingest to write goes back to the run
     * before, so the next run keeps the path by reach that run left it (ADR 0057).
     */
    private IngestReport refuseReach(IngestRun run, FeedGateStage.Plan plan, LastIngest.Named named, FeedStore.ReachTooLarge refusal) {
        named.withdraw(connection);
        JobRecorder job = run.job();
        job.count("reach_refused", 1);
        job.refuse("day refused by the linkage's reach, nothing applied: " + refusal.getMessage());
        log.warn("Ingest {}: day in {} refused by the linkage's reach, nothing applied: {}", run.jobId(), run.folder(), refusal.getMessage());
        return new IngestReport(run.jobId(), job.counts(), job.quarantined(), null, run.elapsed(), run.times().snapshot(), List.of(),
                plan.unclaimed(), job.warned(), plan.feed().decisions(), refusal.getMessage());
    }

    /** The run's batch stages and, last, one noting the id of every event document they see (as it goes to the index). */
    private static List<EventBatchStage> withShown(List<EventBatchStage> stages, Set<String> shown) {
        List<EventBatchStage> all = new ArrayList<>(stages);
        all.add(new EventBatchStage() {
            @Override
            public String name() {
                return "shown";
            }

            @Override
            public boolean readsStamped() {
                return true;
            }

            @Override
            public void apply(List<ObjectNode> documents) {
                for (ObjectNode document : documents) {
                    String id = Event.idOf(document);
                    shown.add(id == null ? StoredAssignment.Kept.UNNAMED : id);
                }
            }
        });
        return all;
    }

    /** Ends an applied run: the summary on the job, and the feed ledger last (a run killed before it is applied again in full). */
    private IngestReport finish(IngestRun run, FeedGateStage.Plan plan, Gathered gathered, LinkageResult linkage, EventsWritten events,
                                List<WithdrawalPolicy.Decision> withdrawals) {
        JobRecorder job = run.job();
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%d events, %d persons, %d quarantined",
                events.producedEvents().size(), events.profiles().size(), job.quarantined().size()));
        for (WithdrawalPolicy.Decision decision : withdrawals) {
            if (!decision.withdraw()) {
                summary.append(". Nothing withdrawn from ").append(decision.source())
                        .append(": records stored before and not in this delivery were kept, because ").append(decision.reason());
            }
        }
        FeedRun feed = plan.feed();
        feed.record(plan.ledger(), run.jobId(), run.folder().toString(), gathered.deliveredPerSource());
        for (FeedGate.Decision decision : feed.decisions()) {
            job.count("feeds_" + (decision.outcome() == FeedGate.Outcome.SKIP ? "skipped" : "applied"), 1);
            if (decision.outcome() == FeedGate.Outcome.SKIP) {
                summary.append(". ").append(decision.source()).append(" skipped: ").append(decision.reason());
            }
        }
        // where the time went, per stage, in the job's counts (milliseconds): what an arrival's answer and `bench feed` print
        run.times().snapshot().forEach((stage, nanos) -> job.count(STAGE_MILLIS + stage.replaceAll("[^A-Za-z0-9]+", "_"), nanos / 1_000_000));
        job.finish(summary + FolderDiscovery.unclaimedNote(plan.unclaimed()));
        Duration elapsed = run.elapsed();
        log.info("Ingest {} finished in {} s", run.jobId(), elapsed.toSeconds());
        if (log.isInfoEnabled()) {
            // where the time went, per stage (busy time of the stages beside the critical path included): profiling an arrival
            StringBuilder stages = new StringBuilder();
            run.times().snapshot().forEach((stage, nanos) -> stages.append(stages.isEmpty() ? "" : ", ")
                    .append(stage).append(' ').append(String.format(Locale.ROOT, "%.1f s", nanos / 1e9)));
            log.info("Ingest {} stages: {}; events kept as stored {}, built {}", run.jobId(), stages,
                    job.count("events_kept"), job.count("events_built"));
        }
        return new IngestReport(run.jobId(), job.counts(), job.quarantined(), linkage.stats(), elapsed, run.times().snapshot(),
                withdrawals, plan.unclaimed(), job.warned(), feed.decisions(), null);
    }

    /**
     * What a full re-link changed: pairwise precision and recall of the clustering before it (as
     * incremental runs left it) against the one after, and occurrences whose person changed.
     */
    public record Relink(IngestReport report, double precision, double recall, long occurrencesMoved, long occurrences) {
    }

    /**
     * Writes the feed store's blocking keys of every stored record whose keys are stale (written
     * before the keys were, by other key functions, or dropped by a reindex), from the stored record
     * itself, and links nothing: what a full run or {@link #relink()} does before it ends (ADR 0043).
     * Returns the records written; none on a store whose mapping predates the keys.
     */
    public long rewriteStoredBlockingKeys() {
        return new FeedStore(connection).rewriteKeys();
    }

    /**
     * Links every stored occurrence again with a freshly fitted model (the nightly or on-demand
     * full re-link) and rebuilds what that changes; reports how far the incremental state had drifted.
     */
    public Relink relink() {
        Map<String, String> before = LinkStage.storedAssignment(connection);
        Path empty;
        try {
            empty = Files.createTempDirectory("tessera-relink-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            IngestReport report;
            relinking = true;
            try {
                report = ingest(empty);
            } finally {
                relinking = false;
            }
            Map<String, String> after = LinkStage.storedAssignment(connection);
            double[] pr = IncrementalLinking.pairwise(before, after);
            long moved = IncrementalLinking.moved(before, after);
            return new Relink(report, pr[0], pr[1], moved, after.size());
        } finally {
            try {
                Files.deleteIfExists(empty);
            } catch (IOException e) {
                log.warn("could not delete {}", empty);
            }
        }
    }
}

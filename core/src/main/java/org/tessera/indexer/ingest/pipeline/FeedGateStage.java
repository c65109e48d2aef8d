package org.tessera.indexer.ingest.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.FolderDiscovery.InputFile;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Stage 0, the feed gate: what the folder holds ({@link FolderDiscovery}) against each feed's
 * ledger ({@link FeedRun}): a replayed delivery is skipped, a bad one refused whole before
 * anything is written, and the run ends here when nothing is left to apply. Files no mapping
 * claims are listed on the job as warnings. One run at a time.
 */
record FeedGateStage(OpenSearchConnection connection, SourceMappings mappings, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(FeedGateStage.class);

    /**
     * What the feed gate made of the folder: the files to read, each feed's decision, and the
     * feed store's and ledger's state; {@code ended} when the run ends here (refused, or nothing to apply).
     */
    record Plan(List<InputFile> files, List<String> unclaimed, FeedRun feed, FeedLedger ledger, FeedStore store,
                Map<String, Long> storedRecords, IngestReport ended) {

        Plan {
            files = List.copyOf(files);
            unclaimed = List.copyOf(unclaimed);
            storedRecords = Map.copyOf(storedRecords);
        }
    }

    /** Stage 0, the feed gate: replays skipped, bad deliveries refused whole before anything is written. */
    Plan plan(IngestRun run) throws IOException {
        List<String> unclaimed = new ArrayList<>();
        Map<String, List<Path>> tombstoneFiles = new LinkedHashMap<>();
        List<InputFile> discovered = FolderDiscovery.discover(run.folder(), mappings, unclaimed, tombstoneFiles);
        FeedStore store = new FeedStore(connection);
        FeedLedger ledger = new FeedLedger(connection, clock);
        Map<String, Long> storedRecords = store.countPerSource();
        Map<String, Long> indexedEvents = connection.count("events") == 0 ? Map.of() : EventStage.storedPerSource(connection);
        Map<String, List<Path>> extractsBySource = new TreeMap<>();
        discovered.stream().filter(f -> !f.document())
                .forEach(f -> extractsBySource.computeIfAbsent(f.mapping().source(), k -> new ArrayList<>()).add(f.path()));
        FeedRun feed = FeedRun.plan(run.folder(), mappings, extractsBySource, tombstoneFiles, ledger.histories(), indexedEvents,
                storedRecords);
        List<InputFile> files = discovered.stream().filter(f -> f.document() || !feed.skipped(f.mapping().source())).toList();
        Plan plan = new Plan(files, unclaimed, feed, ledger, store, storedRecords, null);
        if (feed.refusal() != null) {
            return withEnd(plan, refuse(run, plan));
        }
        JobRecorder job = run.job();
        if (feed.anySkipped() && files.isEmpty() && tombstoneFiles.keySet().stream().allMatch(feed::skipped)) {
            feed.record(ledger, run.jobId(), run.folder().toString(), Map.of());
            job.count("feeds_skipped", feed.decisions().size());
            String message = "nothing applied: " + feed.decisions().stream().map(d -> d.source() + ": " + d.reason()).toList();
            job.finish(message);
            log.info("Ingest {}: {}", run.jobId(), message);
            return withEnd(plan, new IngestReport(run.jobId(), job.counts(), job.quarantined(), null, run.elapsed(),
                    run.times().snapshot(), List.of(), unclaimed, job.warned(), feed.decisions(), null));
        }
        if (!unclaimed.isEmpty()) {
            // Not guessed at, not quarantined (nothing in them was judged bad): listed, and the run goes on.
            log.warn("{} file(s) in {} claimed by no source mapping and not read: {}", unclaimed.size(), run.folder(),
                    String.join(", ", unclaimed));
            unclaimed.forEach(f -> job.warning());
            job.count("files_unclaimed", unclaimed.size());
        }
        log.info("Ingest {}: {} extracts and {} documents in {}", run.jobId(),
                files.stream().filter(f -> !f.document()).count(), files.stream().filter(InputFile::document).count(), run.folder());
        return plan;
    }

    private static Plan withEnd(Plan plan, IngestReport ended) {
        return new Plan(plan.files(), plan.unclaimed(), plan.feed(), plan.ledger(), plan.store(), plan.storedRecords(), ended);
    }

    /** Ends a run whose delivery is refused whole: the ledger and the job say why; nothing else was written. */
    IngestReport refuse(IngestRun run, Plan plan) {
        FeedRun feed = plan.feed();
        feed.record(plan.ledger(), run.jobId(), run.folder().toString(), Map.of());
        String reason = feed.refusal();
        run.job().count("feeds_refused", 1);
        run.job().refuse("delivery refused, nothing applied: " + reason);
        log.warn("Ingest {}: delivery in {} refused, nothing applied: {}", run.jobId(), run.folder(), reason);
        return new IngestReport(run.jobId(), run.job().counts(), run.job().quarantined(), null, run.elapsed(),
                run.times().snapshot(), List.of(), plan.unclaimed(), run.job().warned(), feed.decisions(), reason);
    }
}

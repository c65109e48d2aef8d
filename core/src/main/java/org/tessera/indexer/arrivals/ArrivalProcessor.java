package org.tessera.indexer.arrivals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.opensearch.EngineMeter;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ChildHistories;
import org.tessera.indexer.scoring.RescoredChildren;
import org.tessera.indexer.watchlist.WatchlistEntry;

/**
 * Applies arrivals one at a time through the ordinary ingest entry point (an ingest job over a
 * folder holding just the arrival), each as a job of kind {@code arrival} with progress and a
 * result: content seen before is recorded as a replay and not applied again; content no source
 * mapping claims, or of which nothing could be read, is refused with the reason and kept in
 * quarantine. After an applied arrival the watchlist entries of the children its ingest rescored
 * are compared before and after it (never the whole list), an alert is stored for each child who
 * entered or rose, and the {@link AlertListener}s are told.
 *
 * <p>Thread-safe: {@link #submit} queues on one worker thread (ingest runs are not concurrent);
 * {@link #process} runs on the caller's thread under the same lock.
 */
public final class ArrivalProcessor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArrivalProcessor.class);
    /** Document types the ingest reads through Tika when no extract mapping claims the file. */
    private static final Set<String> DOCUMENT_EXTENSIONS = Set.of("pdf", "docx", "doc", "eml", "msg", "txt", "rtf", "odt", "html",
            "htm", "tif", "tiff", "png", "jpg", "jpeg");

    /**
     * Runs one ingest over a folder (the {@code tessera ingest DIR} entry point), telling
     * {@code rescored}, during its rescore, which children it rescored with their histories before
     * and after ({@link org.tessera.indexer.ingest.pipeline.IngestPipelines#standard(OpenSearchConnection,
     * Path, org.tessera.indexer.extraction.TextExtractor, org.tessera.indexer.ingest.pipeline.IngestSettings,
     * Clock, Consumer)}); a run that rescored nothing need not call it.
     */
    @FunctionalInterface
    public interface Ingest {
        IngestReport ingest(Path folder, Consumer<RescoredChildren> rescored);
    }

    /** The watchlist's entries of some children (for the before/after comparison). */
    public interface WatchlistLook {
        /** The entries (listed children only) {@code children} have with the histories {@code histories} gives. */
        List<WatchlistEntry> entries(ChildHistories histories, Collection<String> children);

        /** The score rise that counts as rising ({@code watchlist.min_rise}). */
        double minRise();
    }

    /** A queued arrival: its job id at once, its result when applied. */
    public record Submitted(String jobId, CompletableFuture<ArrivalResult> result) {
    }

    private final OpenSearchConnection connection;
    private final SourceMappings mappings;
    private final Ingest ingest;
    private final WatchlistLook watchlist;
    private final Path workDir;
    private final Path quarantineDir;
    private final Clock clock;
    private final ArrivalLedger ledger;
    private final AlertStore alerts;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService worker = DaemonThreads.single("arrivals");
    private final Object lock = new Object();

    public ArrivalProcessor(OpenSearchConnection connection, SourceMappings mappings, Ingest ingest, WatchlistLook watchlist,
                            Path workDir, Path quarantineDir, Clock clock) {
        this.connection = connection;
        this.mappings = mappings;
        this.ingest = ingest;
        this.watchlist = watchlist;
        this.workDir = workDir;
        this.quarantineDir = quarantineDir;
        this.clock = clock;
        this.ledger = new ArrivalLedger(connection);
        this.alerts = new AlertStore(connection, clock);
    }

    public void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    public void removeListener(AlertListener listener) {
        listeners.remove(listener);
    }

    /** The source mappings arrivals are judged by. */
    public SourceMappings mappings() {
        return mappings;
    }

    /** Queues the arrival; its job is visible at once (status running, progress 0). */
    public Submitted submit(Arrival arrival) {
        String jobId = newJobId();
        Instant received = clock.instant();
        JobRecorder job = new JobRecorder(connection, clock, jobId, "arrival", describe(arrival), 500);
        CompletableFuture<ArrivalResult> result = CompletableFuture.supplyAsync(() -> run(arrival, job, received), worker);
        return new Submitted(jobId, result);
    }

    /** Applies the arrival now, on this thread, and returns its result. */
    public ArrivalResult process(Arrival arrival) {
        Instant received = clock.instant();
        return run(arrival, new JobRecorder(connection, clock, newJobId(), "arrival", describe(arrival), 500), received);
    }

    private ArrivalResult run(Arrival arrival, JobRecorder job, Instant received) {
        synchronized (lock) {
            try (job) {
                return apply(arrival, job, received);
            } catch (RuntimeException e) {
                log.error("Arrival {} failed: {}", job.jobId(), e.getMessage());
                job.fail("Failed: " + e.getMessage() + ". Sending the same content again is safe.");
                throw e;
            }
        }
    }

    private ArrivalResult apply(Arrival arrival, JobRecorder job, Instant received) {
        long start = System.nanoTime();
        long started = start;
        EngineMeter.Work engineBefore = connection.meter().total();
        String hash = sha256(arrival.file());
        job.count("bytes", size(arrival.file()));
        Optional<String> first = ledger.appliedBy(hash);
        if (first.isPresent()) {
            job.count("replayed", 1);
            job.finish("Replay: the same content was applied by " + first.get() + "; not applied again.");
            log.info("Arrival {} is a replay of {}", job.jobId(), first.get());
            return new ArrivalResult.Replayed(job.jobId(), hash, first.get());
        }
        millis(job, "arrival_ledger_read", start);
        Optional<String> refusal = refusal(arrival);
        if (refusal.isPresent()) {
            return refuse(arrival, job, hash, refusal.get());
        }
        job.progress(0.1);
        Path folder = workDir.resolve(job.jobId());
        try {
            Files.createDirectories(folder);
            Files.copy(arrival.file(), folder.resolve(arrival.fileName()), StandardCopyOption.REPLACE_EXISTING);
            job.progress(0.2);
            // The children the ingest rescored, before and after: compared while it still holds their histories.
            List<List<WatchlistChange>> compared = new ArrayList<>(1);
            IngestReport report = ingest.ingest(folder, rescored -> {
                long compareStart = System.nanoTime();
                compared.add(changes(rescored));
                millis(job, "arrival_compare", compareStart);
            });
            start = System.nanoTime();
            report.counts().forEach((name, value) -> job.count(name, value));
            job.progress(0.8);
            long applied = report.count("records_read") + report.count("documents_read");
            if (applied == 0) {
                String reason = report.quarantined().stream().findFirst()
                        .map(q -> q.file() + (q.line() > 0 ? " line " + q.line() : "") + (q.field() == null ? "" : " [" + q.field() + "]")
                                + ": " + q.reason())
                        .orElse("nothing in it could be read");
                return refuse(arrival, job, hash, "nothing applied (" + report.jobId() + "): " + reason);
            }
            report.quarantined().forEach(job::quarantine);
            List<WatchlistChange> changes = compared.isEmpty() ? List.of() : compared.getLast();
            List<Alert> created = alerts.create(job.jobId(), changes);
            start = millis(job, "arrival_alerts", start);
            ledger.applied(hash, job.jobId(), report.jobId(), arrival, sourceOf(arrival).orElse(null), received, clock.instant());
            millis(job, "arrival_ledger_write", start);
            job.count("watchlist_entered", changes.stream().filter(c -> c.kind() == WatchlistChange.Kind.ENTERED).count());
            job.count("watchlist_rose", changes.stream().filter(c -> c.kind() == WatchlistChange.Kind.ROSE).count());
            job.count("alerts", created.size());
            // where an applied arrival's time and engine work went, its ingest's stages included (what `bench feed` prints);
            // the meter counts every thread of the connection: the portal's other requests meanwhile too
            millis(job, "arrival", started);
            EngineMeter.Work engine = connection.meter().total().minus(engineBefore);
            job.count("engine_requests", engine.requests());
            job.count("engine_took_ms", engine.tookMillis());
            job.finish(String.format(Locale.ROOT, "Applied by %s: %d records, %d documents, %d quarantined; watchlist: %d entered, %d rose",
                    report.jobId(), report.count("records_read"), report.count("documents_read"), report.quarantined().size(),
                    job.count("watchlist_entered"), job.count("watchlist_rose")));
            log.info("Arrival {} applied by {}: {} alerts", job.jobId(), report.jobId(), created.size());
            for (AlertListener listener : listeners) {
                try {
                    listener.alerted(created);
                } catch (RuntimeException e) {
                    log.warn("An alert listener failed: {}", e.getMessage());
                }
            }
            return new ArrivalResult.Applied(job.jobId(), hash, report.jobId(), job.counts(), changes, created);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
    }

    /** Counts the milliseconds since {@code start} as the arrival's step {@code step} ({@code ms_...}); returns now. */
    private static long millis(JobRecorder job, String step, long start) {
        long now = System.nanoTime();
        job.count(IngestPipeline.STAGE_MILLIS + step, (now - start) / 1_000_000);
        return now;
    }

    /** Who entered or rose among the rescored children: their entries before and after, in the ranking's order. */
    private List<WatchlistChange> changes(RescoredChildren rescored) {
        List<WatchlistEntry> before = watchlist.entries(rescored.before(), rescored.children());
        List<WatchlistEntry> after = watchlist.entries(rescored.after(), rescored.children());
        return WatchlistSnapshot.of(before).changesTo(WatchlistSnapshot.of(after), after.stream().map(WatchlistEntry::personId).toList(),
                watchlist.minRise());
    }

    /** Why the arrival cannot be applied at all, before reading it; empty when it may go in. */
    private Optional<String> refusal(Arrival arrival) {
        if (size(arrival.file()) == 0) {
            return Optional.of("the file is empty");
        }
        Optional<SourceMapping> claimant = mappings.claimant(Path.of(arrival.fileName()));
        if (arrival.source() != null) {
            if (mappings.bySource(arrival.source()).isEmpty()) {
                return Optional.of("no source named '" + arrival.source() + "'");
            }
            if (claimant.isEmpty() || !claimant.get().source().equals(arrival.source())) {
                return Optional.of("the name " + arrival.fileName() + " is not one source '" + arrival.source() + "' delivers");
            }
            return Optional.empty();
        }
        if (claimant.isEmpty() && !DOCUMENT_EXTENSIONS.contains(extension(arrival.fileName()))) {
            return Optional.of("no source mapping claims the name " + arrival.fileName()
                    + " and it is not a document type (pdf, docx, eml, txt ...)");
        }
        return Optional.empty();
    }

    private Optional<String> sourceOf(Arrival arrival) {
        return Optional.ofNullable(arrival.source())
                .or(() -> mappings.claimant(Path.of(arrival.fileName())).map(SourceMapping::source));
    }

    private ArrivalResult refuse(Arrival arrival, JobRecorder job, String hash, String reason) {
        Path kept = quarantineDir.resolve("arrivals").resolve(job.jobId() + "-" + arrival.fileName());
        try {
            Files.createDirectories(kept.getParent());
            Files.copy(arrival.file(), kept, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(kept.resolveSibling(kept.getFileName() + ".reason.txt"), reason + System.lineSeparator());
        } catch (IOException e) {
            log.warn("Refused arrival {} could not be kept in quarantine: {}", job.jobId(), e.getMessage());
        }
        job.quarantine(new QuarantineEntry(arrival.fileName(), 0, null, reason, kept.toString()));
        job.count("refused", 1);
        job.finish("Refused: " + reason);
        log.info("Arrival {} refused: {}", job.jobId(), reason);
        return new ArrivalResult.Refused(job.jobId(), hash, reason);
    }

    private String newJobId() {
        return "arrival-" + LocalDate.now(clock) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String describe(Arrival arrival) {
        return arrival.fileName() + " (" + arrival.via() + (arrival.source() == null ? "" : ", source " + arrival.source()) + ")";
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void deleteQuietly(Path folder) {
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("work folder {} left behind: {}", folder, e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdown();
    }
}

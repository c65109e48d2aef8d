package org.tessera.indexer.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Keeps one job document in the {@code jobs} index up to date: counts, progress, errors and the
 * quarantined rows and files with their reasons. Updates are written at most every
 * {@code minInterval} so a fast job does not spend its time on bookkeeping. While it runs, the job
 * document is also written every {@link #HEARTBEAT} (its {@code updated_at} is the heartbeat), so a
 * job whose process was killed can be told apart from one still running: see
 * {@link #markInterrupted}. Thread-safe.
 */
public final class JobRecorder implements AutoCloseable {

    /** How often a running job's document is written even without progress. */
    public static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(30);
    /** A running job without a heartbeat for this long has lost its process. */
    public static final java.time.Duration SILENT_AFTER = HEARTBEAT.multipliedBy(4);

    /** Quarantine entries kept on the job document itself; the full list is on disk in the quarantine folder. */
    static final int MAX_QUARANTINE_ON_JOB = 1000;
    private static final ObjectMapper JSON = EngineJson.MAPPER;

    private final OpenSearchConnection connection;
    private final Clock clock;
    private final String jobId;
    private final String kind;
    private final String input;
    private final Instant startedAt;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final List<QuarantineEntry> quarantined = new ArrayList<>();
    private final List<QuarantineEntry> warned = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong warnings = new AtomicLong();
    private final long minIntervalMillis;
    private volatile long lastWrite;
    private volatile double progress;
    private volatile boolean ended;
    private final java.util.concurrent.ScheduledExecutorService heartbeat;

    public JobRecorder(OpenSearchConnection connection, Clock clock, String jobId, String kind, String input, long minIntervalMillis) {
        this.connection = connection;
        this.clock = clock;
        this.jobId = jobId;
        this.kind = kind;
        this.input = input;
        this.startedAt = clock.instant();
        this.minIntervalMillis = minIntervalMillis;
        write("running", null);
        this.heartbeat = DaemonThreads.scheduled("job-heartbeat-" + jobId);
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            synchronized (this) {
                if (!ended) {
                    write("running", null);
                }
            }
        } catch (RuntimeException e) {
            // a missed heartbeat is harmless; the next one or the job's end writes again
        }
    }

    /**
     * Marks every job of {@code kind} still "running" whose heartbeat stopped more than
     * {@link #SILENT_AFTER} ago as "interrupted": its process was killed or lost. Returns how many.
     */
    public static long markInterrupted(OpenSearchConnection connection, Clock clock, String kind) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("status", "running");
        filter.addObject().putObject("term").put("kind", kind);
        filter.addObject().putObject("range").putObject("updated_at").put("lt", clock.instant().minus(SILENT_AFTER).toString());
        // almost always none: a count, not an update-by-query and a refresh of the jobs on every run
        if (connection.call("POST", "/" + connection.alias("jobs") + "/_count", body).path("count").asLong(1) == 0) {
            return 0;
        }
        ObjectNode script = body.putObject("script");
        script.put("lang", "painless");
        script.put("source", "ctx._source.status = 'interrupted'; ctx._source.finished_at = ctx._source.updated_at; "
                + "ctx._source.message = 'The process stopped without finishing (no heartbeat since ' + ctx._source.updated_at "
                + "+ '). Re-running the same input is safe.'");
        return connection.call("POST", "/" + connection.alias("jobs") + "/_update_by_query", body,
                Map.of("refresh", "true", "conflicts", "proceed")).path("updated").asLong();
    }

    public String jobId() {
        return jobId;
    }

    public void count(String name, long delta) {
        counts.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(delta);
    }

    public long count(String name) {
        AtomicLong value = counts.get(name);
        return value == null ? 0 : value.get();
    }

    public void warning() {
        warnings.incrementAndGet();
    }

    /**
     * A problem that did not stop the input from being indexed (a document's text cut at the
     * character limit, a sidecar ignored, a text analysed in part): counted on the job document
     * ({@code warnings}) and kept with its reason for the run's report.
     */
    public synchronized void warn(QuarantineEntry entry) {
        warnings.incrementAndGet();
        if (warned.size() < MAX_QUARANTINE_ON_JOB) {
            warned.add(entry);
        }
    }

    public synchronized List<QuarantineEntry> warned() {
        return List.copyOf(warned);
    }

    public synchronized void quarantine(QuarantineEntry entry) {
        errors.incrementAndGet();
        if (quarantined.size() < MAX_QUARANTINE_ON_JOB) {
            quarantined.add(entry);
        }
    }

    /** Records progress in [0,1] and writes the job document if the last write is old enough. */
    public void progress(double fraction) {
        this.progress = Math.max(0, Math.min(1, fraction));
        long now = clock.millis();
        if (now - lastWrite >= minIntervalMillis) {
            write("running", null);
        }
    }

    public synchronized void finish(String message) {
        progress = 1;
        end();
        write(errors.get() > 0 ? "finished_with_errors" : "finished", message);
    }

    /** A run that refused its input whole (a bad feed delivery): nothing was applied, the message says why. */
    public synchronized void refuse(String message) {
        end();
        write("refused", message);
    }

    public synchronized void fail(String message) {
        end();
        write("failed", message);
    }

    private void end() {
        ended = true;
        heartbeat.shutdownNow();
    }

    /** Stops the heartbeat; a job neither finished nor failed by then is left as it was last written. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
    }

    public synchronized Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public synchronized List<QuarantineEntry> quarantined() {
        return List.copyOf(quarantined);
    }

    private synchronized void write(String status, String message) {
        Instant now = clock.instant();
        lastWrite = now.toEpochMilli();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("job_id", jobId).put("kind", kind).put("status", status).put("input", input)
                .put("started_at", startedAt.toString()).put("updated_at", now.toString())
                .put("progress", progress).put("errors", errors.get()).put("warnings", warnings.get());
        if (!"running".equals(status)) {
            doc.put("finished_at", now.toString());
        }
        if (message != null) {
            doc.put("message", message);
        }
        ObjectNode countNode = doc.putObject("counts");
        counts().forEach(countNode::put);
        ArrayNode q = doc.putArray("quarantined");
        for (QuarantineEntry entry : quarantined) {
            ObjectNode node = q.addObject().put("file", entry.file()).put("line", entry.line()).put("reason", entry.reason());
            if (entry.field() != null) {
                node.put("field", entry.field());
            }
            if (entry.quarantinePath() != null) {
                node.put("quarantine_path", entry.quarantinePath());
            }
        }
        connection.index(connection.alias("jobs"), jobId, doc, Map.of("refresh", "false"));
    }
}

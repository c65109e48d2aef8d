package org.tessera.indexer.ingest.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import org.tessera.indexer.jobs.JobRecorder;

/**
 * One ingest run, as every stage that reports on it sees it: its job (counts, quarantine,
 * warnings), the folder it reads, its stage times and when it started ({@link System#nanoTime()}).
 */
record IngestRun(String jobId, Path folder, JobRecorder job, StageTimes times, long started) {

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}

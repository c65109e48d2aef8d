package org.tessera.indexer.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.linkage.LinkageResult;

/**
 * What an ingest run did: counts by kind, what was quarantined and why, what was indexed with a
 * warning and why, linkage figures, time in total and per stage (nanoseconds, in pipeline order).
 */
public record IngestReport(String jobId, Map<String, Long> counts, List<QuarantineEntry> quarantined,
                           LinkageResult.Stats linkage, Duration elapsed, Map<String, Long> stageNanos,
                           List<QuarantineEntry> warned) {

    public IngestReport {
        counts = Map.copyOf(counts);
        quarantined = List.copyOf(quarantined);
        warned = List.copyOf(warned);
        stageNanos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageNanos));
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}

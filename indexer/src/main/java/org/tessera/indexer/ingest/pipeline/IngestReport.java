package org.tessera.indexer.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.linkage.LinkageResult;

/** What an ingest run did: counts by kind, what was quarantined and why, linkage figures, time. */
public record IngestReport(String jobId, Map<String, Long> counts, List<QuarantineEntry> quarantined,
                           LinkageResult.Stats linkage, Duration elapsed) {

    public IngestReport {
        counts = Map.copyOf(counts);
        quarantined = List.copyOf(quarantined);
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}

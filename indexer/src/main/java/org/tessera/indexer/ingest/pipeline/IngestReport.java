package org.tessera.indexer.ingest.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.linkage.LinkageResult;

/**
 * What an ingest run did: counts by kind, what was quarantined and why, linkage figures, time in
 * total and per stage (nanoseconds, in pipeline order).
 */
public record IngestReport(String jobId, Map<String, Long> counts, List<QuarantineEntry> quarantined,
                           LinkageResult.Stats linkage, Duration elapsed, Map<String, Long> stageNanos,
                           List<WithdrawalPolicy.Decision> withdrawals) {

    public IngestReport {
        counts = Map.copyOf(counts);
        quarantined = List.copyOf(quarantined);
        withdrawals = List.copyOf(withdrawals);
        stageNanos = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stageNanos));
    }

    /** The sources whose absent records this run kept, each with its reason. */
    public List<WithdrawalPolicy.Decision> heldBack() {
        return withdrawals.stream().filter(d -> !d.withdraw()).toList();
    }

    public long count(String name) {
        return counts.getOrDefault(name, 0L);
    }
}

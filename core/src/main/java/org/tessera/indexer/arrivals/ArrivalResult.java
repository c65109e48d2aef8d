package org.tessera.indexer.arrivals;

import java.util.List;
import java.util.Map;

/** What became of one arrival; each outcome is also the status of its job on the Jobs page. */
public sealed interface ArrivalResult {

    /** The arrival's job in the {@code jobs} index. */
    String jobId();

    /** SHA-256 of the arrival's bytes. */
    String contentHash();

    /**
     * Ingested: the ingest job that applied it, its counts, and what entered or rose on the watchlist.
     *
     * @param changes the watchlist changes this arrival caused (empty when none)
     */
    record Applied(String jobId, String contentHash, String ingestJobId, Map<String, Long> counts, List<WatchlistChange> changes,
                   List<Alert> alerts) implements ArrivalResult {
        public Applied {
            counts = Map.copyOf(counts);
            changes = List.copyOf(changes);
            alerts = List.copyOf(alerts);
        }
    }

    /** The same content was applied before (by {@code firstJobId}): recorded, not applied again. */
    record Replayed(String jobId, String contentHash, String firstJobId) implements ArrivalResult {
    }

    /** Refused whole, with the reason; the file is kept in quarantine. */
    record Refused(String jobId, String contentHash, String reason) implements ArrivalResult {
    }
}

package org.tessera.portal.risk;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.RiskAssessment;
import org.tessera.indexer.scoring.RiskTimeline;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.portal.common.IndexVersion;

/**
 * The children's histories the scorer reads, kept while the events and persons indices are
 * unchanged ({@link IndexVersion}): a profile or review page assesses the child, draws the trend
 * and explains the score from one history load instead of three, and the next user opening the
 * same child reuses it. Anything written and made visible since is a miss, so nothing stale is
 * shown. At most {@value #MAX} histories are kept (least recently used out). Thread-safe.
 */
@Component
public class RecentHistories {

    static final int MAX = 200;

    private final ScoreService scores;
    private final IndexVersion version;
    private final java.util.concurrent.ConcurrentMap<String, java.util.concurrent.CompletableFuture<ChildHistory>> loading =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ChildHistory> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChildHistory> eldest) {
            return size() > MAX;
        }
    };

    public RecentHistories(ScoreService scores, OpenSearchConnection connection) {
        this.scores = scores;
        this.version = new IndexVersion(connection, List.of("events", "persons"));
    }

    /** The child's history up to {@code asOf}, as {@link ScoreService#history} reads it now. */
    public ChildHistory history(String childId, LocalDate asOf) {
        String key = version.now() + "|" + asOf + "|" + childId;
        synchronized (kept) {
            ChildHistory history = kept.get(key);
            if (history != null) {
                return history;
            }
        }
        // Managers opening the same child at once wait for one load instead of each reading it.
        java.util.concurrent.CompletableFuture<ChildHistory> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<ChildHistory> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        try {
            ChildHistory history = scores.history(childId, asOf);
            synchronized (kept) {
                kept.put(key, history);
            }
            mine.complete(history);
            return history;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    /** The assessment as of {@code asOf} and the monthly timeline over {@code months} months to it, from one kept history. */
    public record Assessed(RiskAssessment assessment, RiskTimeline timeline) {
    }

    /** As {@link #assess} and {@link #timeline} together: one fingerprint read and one history for both. */
    public Assessed assessWithTimeline(String childId, LocalDate asOf, int months) {
        ChildHistory history = history(childId, asOf);
        return new Assessed(scores.scorer().assess(history, asOf), RiskTimeline.monthly(scores.scorer(), history, asOf, months));
    }

    /** As {@link ScoreService#assess}, from the kept history. */
    public RiskAssessment assess(String childId, LocalDate asOf) {
        return scores.scorer().assess(history(childId, asOf), asOf);
    }

    /** As {@link ScoreService#timeline}, from the kept history. */
    public RiskTimeline timeline(String childId, LocalDate end, int months) {
        return RiskTimeline.monthly(scores.scorer(), history(childId, end), end, months);
    }
}

package org.tessera.portal.risk;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.RiskAssessment;
import org.tessera.indexer.scoring.RiskTimeline;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.portal.common.IndexVersion;
import org.tessera.portal.common.Kept;

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
    /** The indices a history is read from: its fingerprint is theirs. */
    public static final List<String> INDICES = List.of("events", "persons");

    private final ScoreService scores;
    private final IndexVersion version;
    private final Kept<ChildHistory> kept = new Kept<>(MAX);

    public RecentHistories(ScoreService scores, OpenSearchConnection connection) {
        this.scores = scores;
        this.version = new IndexVersion(connection, INDICES);
    }

    /** The child's history up to {@code asOf}, as {@link ScoreService#history} reads it now. */
    public ChildHistory history(String childId, LocalDate asOf) {
        return history(childId, asOf, version.now());
    }

    /**
     * As {@link #history(String, LocalDate)}, under the fingerprint of {@link #INDICES} the caller has
     * just read ({@link IndexVersion#of}): a page that reads a fingerprint of its own anyway does not
     * read a second one. Managers opening the same child at once wait for one load.
     */
    private ChildHistory history(String childId, LocalDate asOf, String fingerprint) {
        return kept.get(fingerprint + "|" + asOf + "|" + childId, () -> scores.history(childId, asOf));
    }

    /** The assessment as of {@code asOf} and the monthly timeline over {@code months} months to it, from one kept history. */
    public record Assessed(RiskAssessment assessment, RiskTimeline timeline) {
    }

    /** As {@link #assess} and {@link #timeline} together: one fingerprint read and one history for both. */
    public Assessed assessWithTimeline(String childId, LocalDate asOf, int months) {
        return assessWithTimeline(childId, asOf, months, version.byIndex());
    }

    /** As {@link #assessWithTimeline(String, LocalDate, int)}, under the fingerprints the caller has just read (of {@link #INDICES} among others). */
    public Assessed assessWithTimeline(String childId, LocalDate asOf, int months, Map<String, String> versions) {
        ChildHistory history = history(childId, asOf, IndexVersion.of(versions, INDICES));
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

package org.tessera.indexer.watchlist;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tessera.indexer.scoring.ChildHistories;
import org.tessera.indexer.scoring.RiskScore;
import org.tessera.indexer.scoring.ScoreService;

/**
 * The duty managers' watchlist and its review workflow. Every action records the acting user,
 * the time, the reason and the evidence watermark (newest counting evidence at that moment), and
 * appends to the review's history. Actions are taken "now" (the clock's date) unless an as-of
 * date is given, for replays and demos of past data.
 *
 * <p>Thread-safe. Callers (the portal) check that the user may see the listed children.
 */
public record WatchlistService(ScoreService scores, ReviewStore reviews, Clock clock) {

    /** Children whose histories are held at once while the list is ranked (the history loader's slice). */
    private static final int RANK_BATCH = 500;

    /** The ranker over the scores' scorer (a record over it: cheap to make). */
    private WatchlistRanker ranker() {
        return new WatchlistRanker(scores.scorer());
    }

    /** The default period from configuration ({@code watchlist.period_days}). */
    public int defaultPeriodDays() {
        return scores.scorer().parameters().watchlist().periodDays();
    }

    /**
     * The watchlist at {@code asOf} (sections and order as {@link WatchlistRanker} decides), at most
     * {@code limit} entries; dismissed children only when new evidence brought them back.
     */
    public List<WatchlistEntry> watchlist(LocalDate asOf, int periodDays, int limit) {
        return watchlist(asOf, periodDays, limit, false);
    }

    /** As {@link #watchlist(LocalDate, int, int)}; {@code includeDismissed} also lists dismissed children, in their state. */
    public List<WatchlistEntry> watchlist(LocalDate asOf, int periodDays, int limit, boolean includeDismissed) {
        if (periodDays < 1 || limit < 1) {
            throw new IllegalArgumentException("period and limit must be positive");
        }
        // A listed child has new evidence within the period, so only children such hits reach can be listed.
        Set<String> candidates = scores.loader().childrenReachedBetween(asOf.minusDays(periodDays - 1L), asOf);
        // Ranked in batches (bounded memory at any county size): the same list as ranking every history at once.
        List<WatchlistEntry> ranked = ranker().rankInBatches(scores.loader(), candidates, RANK_BATCH, asOf, periodDays,
                reviews.findAll(candidates), includeDismissed, (entry, now) -> null).stream().map(WatchlistRanker.Ranked::entry).toList();
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    /**
     * The entries the watchlist at {@code asOf} gives the given children (as {@link #watchlist}
     * lists them, ranked among themselves), with their histories from {@code histories}: a child's
     * entry depends on its own history and review alone, so this is the full list's entry of each.
     */
    public List<WatchlistEntry> entriesOf(Collection<String> children, ChildHistories histories, LocalDate asOf, int periodDays) {
        if (children.isEmpty()) {
            return List.of();
        }
        return ranker().rank(histories.load(children, asOf), asOf, periodDays, reviews.findAll(children), false);
    }

    public Review review(String personId) {
        return reviews.find(personId).orElse(Review.none(personId));
    }

    public Review acknowledge(String personId, String user) {
        return act(personId, user, ReviewState.ACKNOWLEDGED, null, null, today());
    }

    public Review assign(String personId, String user, String assignee) {
        requireText(assignee, "assignee");
        return act(personId, user, ReviewState.ASSIGNED, assignee, "assigned to " + assignee, today());
    }

    public Review escalate(String personId, String user, String reason) {
        requireText(reason, "reason");
        return act(personId, user, ReviewState.ESCALATED, null, reason, today());
    }

    public Review dismiss(String personId, String user, String reason) {
        return dismiss(personId, user, reason, today());
    }

    /** Dismissal judged on the evidence up to {@code asOf} (for replays and demos of past data). */
    public Review dismiss(String personId, String user, String reason, LocalDate asOf) {
        requireText(reason, "a dismissal needs a reason");
        return act(personId, user, ReviewState.DISMISSED, null, reason, asOf);
    }

    private Review act(String personId, String user, ReviewState state, String assignee, String reason, LocalDate asOf) {
        requireText(personId, "personId");
        requireText(user, "user");
        RiskScore score = scores.assess(personId, asOf).now();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return reviews.update(personId, current -> current.next(state,
                // Acknowledging or escalating keeps the current assignee; only dismissal clears it.
                assignee != null ? assignee : state == ReviewState.DISMISSED ? null : current.assignedTo(),
                reason, score.latestEvidence(), score.score(), at, user));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(Objects.requireNonNullElse(what, "value") + " is required");
        }
    }
}

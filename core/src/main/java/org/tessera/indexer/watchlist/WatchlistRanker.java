package org.tessera.indexer.watchlist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.scoring.ChildHistories;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.Contribution;
import org.tessera.indexer.scoring.RiskAssessment;
import org.tessera.indexer.scoring.RiskScore;
import org.tessera.indexer.scoring.RiskScorer;
import org.tessera.indexer.scoring.WatchlistStanding;

/**
 * Decides who is on the watchlist and in which order, from loaded histories (pure; used by replay,
 * export, arrivals and the portal's children without a stored standing). Who is listed, in which
 * section, is {@link WatchlistStanding#decide} (the rule every rescore also stores with the child's
 * risk, from which the portal ranks: ADR 0049): amber and red children with counting evidence dated
 * within the period, in two sections (see {@link WatchlistSection}): first those whose picture
 * holds at least {@code watchlist.min_concerns} distinct live concerns (each still worth
 * {@code watchlist.min_concern_points}), then those with fewer concerns
 * who entered their band or rose by {@code watchlist.min_rise} within the period. Order within a
 * section: band now (red first), then rise over the period, then score. A dismissed child stays
 * off the list unless counting evidence dated after the review's watermark adds to its score.
 *
 * <p>Thread-safe.
 */
public record WatchlistRanker(RiskScorer scorer) {

    /**
     * The list's order: section (cumulative first), band now (red first), rise over the period,
     * score now (both highest first), then the child's id: a total order, so a list merged from
     * parts ranked apart is the list ranked at once.
     */
    public static final Comparator<WatchlistEntry> ORDER = Comparator.comparing(WatchlistEntry::section)
            .thenComparing(WatchlistEntry::band, Comparator.reverseOrder())
            .thenComparing(Comparator.comparingDouble(WatchlistEntry::rise).reversed())
            .thenComparing(Comparator.comparingDouble(WatchlistEntry::score).reversed())
            .thenComparing(WatchlistEntry::personId);

    /** The full ranked list (no limit) at {@code asOf}; {@code reviews} may be empty (replay, export). */
    public List<WatchlistEntry> rank(Map<String, ChildHistory> histories, LocalDate asOf, int periodDays, Map<String, Review> reviews) {
        return rank(histories, asOf, periodDays, reviews, false);
    }

    /**
     * As {@link #rank(Map, LocalDate, int, Map)}; {@code includeDismissed} keeps dismissed children
     * without new evidence, in their dismissed state, for a look back at past decisions.
     */
    public List<WatchlistEntry> rank(Map<String, ChildHistory> histories, LocalDate asOf, int periodDays, Map<String, Review> reviews,
                                     boolean includeDismissed) {
        List<Ranked<Void>> listed = new ArrayList<>();
        listInto(listed, histories, asOf, periodDays, reviews, includeDismissed, (entry, now) -> null);
        return numbered(listed).stream().map(Ranked::entry).toList();
    }

    /**
     * A listed child of a batched ranking: its entry and what the caller kept of it while its history
     * was loaded.
     */
    public record Ranked<T>(WatchlistEntry entry, T kept) {
    }

    /**
     * The same list as {@link #rank(Map, LocalDate, int, Map, boolean)} over the histories of
     * {@code candidates}, in bounded memory: the histories are loaded {@code batchSize} children at
     * a time from {@code histories}, each batch's children are decided and reduced to their entry
     * and what {@code keep} takes from it and the child's score now (which {@code keep} must not
     * hold: it holds the history's contributions), then the batch's histories are dropped. A child's entry depends on its own history and review alone, and {@link #ORDER} is
     * total, so the merged list (sorted by it and numbered from 1) is the one-shot list whatever the
     * batch size. Holds at once one batch's histories and the listed children's entries.
     */
    public <T> List<Ranked<T>> rankInBatches(ChildHistories histories, Collection<String> candidates, int batchSize, LocalDate asOf,
                                             int periodDays, Map<String, Review> reviews, boolean includeDismissed,
                                             BiFunction<WatchlistEntry, RiskScore, T> keep) {
        return rankInBatches(histories, candidates, batchSize, 1, asOf, periodDays, reviews, includeDismissed, keep);
    }

    /**
     * As {@link #rankInBatches(ChildHistories, Collection, int, LocalDate, int, Map, boolean, BiFunction)},
     * with up to {@code inFlight} batches loaded and decided at once (each on a thread of its own): while
     * the engine serves one batch's scrolls, another batch is read and scored. The same list whatever
     * {@code inFlight} (the merge's order is total); memory follows {@code inFlight} batches.
     * {@code histories} and {@code keep} must be thread-safe when {@code inFlight} is more than one.
     */
    public <T> List<Ranked<T>> rankInBatches(ChildHistories histories, Collection<String> candidates, int batchSize, int inFlight,
                                             LocalDate asOf, int periodDays, Map<String, Review> reviews, boolean includeDismissed,
                                             BiFunction<WatchlistEntry, RiskScore, T> keep) {
        if (batchSize < 1 || inFlight < 1) {
            throw new IllegalArgumentException("batch size and batches in flight must be positive: " + batchSize + ", " + inFlight);
        }
        List<String> ids = List.copyOf(new LinkedHashSet<>(candidates));
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += batchSize) {
            batches.add(ids.subList(from, Math.min(ids.size(), from + batchSize)));
        }
        List<Ranked<T>> listed = new ArrayList<>();
        if (inFlight == 1 || batches.size() < 2) {
            for (List<String> batch : batches) {
                listInto(listed, histories.load(batch, asOf), asOf, periodDays, reviews, includeDismissed, keep);
            }
            return numbered(listed);
        }
        ExecutorService pool = DaemonThreads.pool("watchlist-batch", Math.min(inFlight, batches.size()));
        try {
            List<Future<List<Ranked<T>>>> parts = new ArrayList<>();
            for (List<String> batch : batches) {
                parts.add(pool.submit(() -> {
                    List<Ranked<T>> part = new ArrayList<>();
                    listInto(part, histories.load(batch, asOf), asOf, periodDays, reviews, includeDismissed, keep);
                    return part;
                }));
            }
            for (Future<List<Ranked<T>>> part : parts) {
                listed.addAll(part.get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ranking interrupted", e);
        } finally {
            // After a failure the batches not started are not started.
            pool.shutdownNow();
        }
        return numbered(listed);
    }

    /**
     * {@code listed} (entries decided apart, e.g. from stored standings, in any order) sorted by
     * {@link #ORDER} and numbered from 1: the list {@link #rankInBatches} gives for the same entries.
     */
    public static <T> List<Ranked<T>> numbered(List<Ranked<T>> listed) {
        listed.sort(Comparator.comparing(Ranked::entry, ORDER));
        List<Ranked<T>> numbered = new ArrayList<>(listed.size());
        for (Ranked<T> r : listed) {
            numbered.add(new Ranked<>(r.entry().withRank(numbered.size() + 1), r.kept()));
        }
        return numbered;
    }

    /** Adds to {@code listed} the children of {@code histories} the list takes, unranked (rank 0), in no order. */
    private <T> void listInto(List<Ranked<T>> listed, Map<String, ChildHistory> histories, LocalDate asOf, int periodDays,
                              Map<String, Review> reviews, boolean includeDismissed, BiFunction<WatchlistEntry, RiskScore, T> keep) {
        LocalDate periodStart = asOf.minusDays(periodDays);
        for (var entry : histories.entrySet()) {
            ChildHistory history = entry.getValue();
            if (!hasHitsAfter(history, periodStart, asOf)) {
                // Without a hit in the period there is no new evidence (the standing needs some): skip the scoring.
                continue;
            }
            RiskAssessment now = scorer.assess(history, asOf);
            Optional<WatchlistStanding> standing = WatchlistStanding.decide(scorer, history, now, asOf, periodDays);
            if (standing.isEmpty()) {
                continue;
            }
            Review review = reviews.get(entry.getKey());
            boolean reopened = false;
            if (review != null && review.state() == ReviewState.DISMISSED) {
                if (hasNewEvidence(now.now(), review)) {
                    reopened = true;
                } else if (!includeDismissed) {
                    continue;
                }
            }
            ReviewState state = review == null || reopened ? ReviewState.NEW : review.state();
            String assignee = review == null || reopened ? null : review.assignedTo();
            WatchlistEntry listedEntry = WatchlistEntry.of(entry.getKey(), standing.get(), state, assignee, reopened);
            listed.add(new Ranked<>(listedEntry, keep.apply(listedEntry, now.now())));
        }
    }

    private static boolean hasHitsAfter(ChildHistory history, LocalDate start, LocalDate asOf) {
        for (var event : history.events()) {
            if (event.date().isAfter(start) && !event.date().isAfter(asOf) && !event.hits().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Counting evidence dated after the review's watermark that adds points now. */
    static boolean hasNewEvidence(RiskScore score, Review review) {
        if (review.evidenceWatermark() == null) {
            return true;
        }
        for (Contribution c : score.contributions()) {
            if (c.addsPoints() && c.date().isAfter(review.evidenceWatermark())) {
                return true;
            }
        }
        return false;
    }
}

package org.tessera.indexer.watchlist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.scoring.Band;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.Contribution;
import org.tessera.indexer.scoring.RiskAssessment;
import org.tessera.indexer.scoring.RiskScore;
import org.tessera.indexer.scoring.RiskScorer;

/**
 * Decides who is on the watchlist and in which order, from loaded histories (pure; used by the
 * live list and by replay). Only amber and red children with counting evidence dated within the
 * period are listed, in two sections (see {@link WatchlistSection}): first those whose picture
 * holds at least {@code watchlist.min_concerns} distinct live concerns (each still worth
 * {@code watchlist.min_concern_points}), then those with fewer concerns
 * who entered their band or rose by {@code watchlist.min_rise} within the period. Order within a
 * section: band now (red first), then rise over the period, then score. A dismissed child stays
 * off the list unless counting evidence dated after the review's watermark adds to its score.
 *
 * <p>Thread-safe.
 */
public record WatchlistRanker(RiskScorer scorer) {

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
        record Listed(WatchlistSection section, int concerns, String id, RiskAssessment now, RiskScore start, double rise, boolean entered,
                      Review review, boolean reopened) { }
        double minRise = scorer.parameters().watchlist().minRise();
        int minConcerns = scorer.parameters().watchlist().minConcerns();
        double minConcernPoints = scorer.parameters().watchlist().minConcernPoints();
        LocalDate periodStart = asOf.minusDays(periodDays);
        List<Listed> listed = new ArrayList<>();
        for (var entry : histories.entrySet()) {
            ChildHistory history = entry.getValue();
            if (!hasHitsAfter(history, periodStart, asOf)) {
                // Without a hit in the period there is no new evidence: skip the scoring.
                continue;
            }
            RiskAssessment now = scorer.assess(history, asOf);
            LocalDate latest = now.now().latestEvidence();
            if (now.band().compareTo(Band.AMBER) < 0 || latest == null || !latest.isAfter(periodStart)) {
                continue;
            }
            RiskScore start = scorer.score(history, periodStart);
            double rise = now.score() - start.score();
            boolean entered = now.band().above(start.band());
            WatchlistSection section;
            int concerns = now.now().liveConcerns(minConcernPoints);
            if (concerns >= minConcerns) {
                section = WatchlistSection.CUMULATIVE;
            } else if (entered || rise >= minRise) {
                section = WatchlistSection.SINGLE_CONCERN;
            } else {
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
            listed.add(new Listed(section, concerns, entry.getKey(), now, start, rise, entered, review, reopened));
        }
        listed.sort(Comparator.comparing(Listed::section)
                .thenComparing(Comparator.comparing((Listed l) -> l.now().band()).reversed())
                .thenComparing(Comparator.comparingDouble(Listed::rise).reversed())
                .thenComparing(Comparator.comparingDouble((Listed l) -> l.now().score()).reversed())
                .thenComparing(Listed::id));
        List<WatchlistEntry> entries = new ArrayList<>(listed.size());
        int rank = 1;
        for (Listed l : listed) {
            ReviewState state = l.review() == null || l.reopened() ? ReviewState.NEW : l.review().state();
            String assignee = l.review() == null || l.reopened() ? null : l.review().assignedTo();
            RiskScore score = l.now().now();
            String reason = ReasonLine.of(score, l.concerns(), periodDays, scorer.parameters().breadth().windowDays());
            entries.add(new WatchlistEntry(rank++, l.section(), l.id(), l.concerns(), score.score(), score.band(), l.start().band(),
                    l.entered(), l.rise(), l.now().velocity(), reason, score.topIndicators(5), state, assignee, l.reopened(),
                    score.latestEvidence()));
        }
        return entries;
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
            if (c.counts() && c.contribution() > 0 && c.date().isAfter(review.evidenceWatermark())) {
                return true;
            }
        }
        return false;
    }
}

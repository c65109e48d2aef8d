package org.tessera.indexer.watchlist;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.tessera.indexer.scoring.Band;
import org.tessera.indexer.scoring.WatchlistStanding;

/**
 * One child on the watchlist.
 *
 * @param rank           1 for the most urgent (the cumulative section first)
 * @param section        which part of the watchlist the child is in
 * @param concerns       distinct concerns in the child's picture (the breadth window)
 * @param bandAtStart    the band at the start of the period
 * @param enteredBand    whether the child crossed into amber or red within the period
 * @param rise           score now minus score at the start of the period
 * @param velocity       points per 30 days over the velocity window
 * @param state          review state; NEW for a child never reviewed or back after a dismissal
 * @param reopened       true when a dismissed child is back on new evidence
 * @param latestEvidence date of the newest counting evidence in the child's picture
 */
public record WatchlistEntry(int rank, WatchlistSection section, String personId, int concerns, double score, Band band, Band bandAtStart, boolean enteredBand,
                             double rise, double velocity, String reason, List<String> topIndicators,
                             ReviewState state, String assignedTo, boolean reopened, LocalDate latestEvidence) {

    public WatchlistEntry {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(personId, "personId");
        topIndicators = List.copyOf(topIndicators);
    }

    /** The unranked (rank 0) entry of a child standing so on the list, with its review state applied. */
    public static WatchlistEntry of(String personId, WatchlistStanding standing, ReviewState state, String assignedTo, boolean reopened) {
        return new WatchlistEntry(0, standing.cumulative() ? WatchlistSection.CUMULATIVE : WatchlistSection.SINGLE_CONCERN, personId,
                standing.concerns(), standing.score(), standing.band(), standing.bandAtStart(), standing.enteredBand(), standing.rise(),
                standing.velocity(), standing.reason(), standing.topIndicators(), state, assignedTo, reopened, standing.latestEvidence());
    }

    /** This entry at another rank (a ranking merged from batches numbers its list at the end). */
    public WatchlistEntry withRank(int newRank) {
        return new WatchlistEntry(newRank, section, personId, concerns, score, band, bandAtStart, enteredBand, rise, velocity, reason,
                topIndicators, state, assignedTo, reopened, latestEvidence);
    }
}

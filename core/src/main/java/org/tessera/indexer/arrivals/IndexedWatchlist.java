package org.tessera.indexer.arrivals;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.tessera.indexer.scoring.ChildHistories;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistService;

/**
 * The watchlist the duty managers see (the indexer's ranking, dismissed children left out), as of
 * the day {@code asOf} gives, for the arrivals' before/after comparison of the children an arrival
 * rescored.
 * Thread-safe.
 */
public final class IndexedWatchlist implements ArrivalProcessor.WatchlistLook {

    private final WatchlistService watchlist;
    private final ScoreService scores;
    private final Supplier<LocalDate> asOf;

    public IndexedWatchlist(ScoreService scores, ReviewStore reviews, Clock clock, Supplier<LocalDate> asOf) {
        this.scores = scores;
        this.watchlist = new WatchlistService(scores, reviews, clock);
        this.asOf = asOf;
    }

    @Override
    public List<WatchlistEntry> entries(ChildHistories histories, Collection<String> children) {
        return watchlist.entriesOf(children, histories, asOf.get(), watchlist.defaultPeriodDays());
    }

    @Override
    public double minRise() {
        return scores.scorer().parameters().watchlist().minRise();
    }
}

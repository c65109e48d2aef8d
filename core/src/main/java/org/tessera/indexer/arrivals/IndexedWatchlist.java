package org.tessera.indexer.arrivals;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistService;

/**
 * The watchlist the duty managers see (the indexer's ranking over the indexed events, dismissed
 * children left out), as of the day {@code asOf} gives, for the arrivals' before/after comparison.
 * Thread-safe.
 */
public final class IndexedWatchlist implements ArrivalProcessor.WatchlistLook {

    /** More than any county's watchlist holds: the comparison needs every listed child. */
    private static final int ALL = 100_000;

    private final WatchlistService watchlist;
    private final ScoreService scores;
    private final Supplier<LocalDate> asOf;

    public IndexedWatchlist(ScoreService scores, ReviewStore reviews, Clock clock, Supplier<LocalDate> asOf) {
        this.scores = scores;
        this.watchlist = new WatchlistService(scores, reviews, clock);
        this.asOf = asOf;
    }

    @Override
    public List<WatchlistEntry> now() {
        return watchlist.watchlist(asOf.get(), watchlist.defaultPeriodDays(), ALL);
    }

    @Override
    public double minRise() {
        return scores.scorer().parameters().watchlist().minRise();
    }
}

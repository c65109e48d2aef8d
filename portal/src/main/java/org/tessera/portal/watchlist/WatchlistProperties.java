package org.tessera.portal.watchlist;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.watchlist.*}: how the duty watchlist's ranking is kept up to date (ADR 0022).
 *
 * @param freshWait    how long a view waits for the ranking of what the engine shows now when the
 *                     indices changed since the kept ranking; after it, the view shows the kept
 *                     ranking, saying when it was ranked and that a newer one is being computed
 *                     (never when no ranking of the day exists: then it waits). Zero: never wait.
 * @param refreshEvery how often the portal looks for a change of the events, persons or reviews
 *                     indices (one {@code _stats}) and ranks again, off any view: so the first view
 *                     after an ingest finds the ranking done
 * @param rankBatch    how many candidates' histories a ranking holds at once: it loads, decides and
 *                     drops them a batch at a time and merges the listed entries into the one order
 *                     (the list does not depend on it; memory follows it, not the county)
 * @param rankInFlight how many batches a ranking loads and decides at once, each on a thread of its
 *                     own: while the engine serves one batch's scrolls, the portal scores another (the
 *                     list does not depend on it; memory follows {@code rankBatch} times it)
 */
@ConfigurationProperties("tessera.watchlist")
public record WatchlistProperties(@DefaultValue("500ms") Duration freshWait, @DefaultValue("10s") Duration refreshEvery,
                                  @DefaultValue("500") int rankBatch, @DefaultValue("2") int rankInFlight) {

    public WatchlistProperties {
        if (rankBatch < 1) {
            throw new IllegalArgumentException("tessera.watchlist.rank-batch must be positive: " + rankBatch);
        }
        if (rankInFlight < 1) {
            throw new IllegalArgumentException("tessera.watchlist.rank-in-flight must be positive: " + rankInFlight);
        }
    }
}

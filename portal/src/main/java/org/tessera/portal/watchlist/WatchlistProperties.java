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
 */
@ConfigurationProperties("tessera.watchlist")
public record WatchlistProperties(@DefaultValue("500ms") Duration freshWait, @DefaultValue("10s") Duration refreshEvery) {
}

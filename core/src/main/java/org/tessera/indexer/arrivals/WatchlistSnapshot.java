package org.tessera.indexer.arrivals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistSection;

/**
 * The watchlist entries of some children at one moment, by child, and what changed between two of
 * them. Pure; thread-safe. An arrival compares only the children its ingest rescored (every child
 * whose history it may have changed): the others' entries are the same before and after.
 */
public record WatchlistSnapshot(Map<String, WatchlistEntry> entries) {

    public WatchlistSnapshot {
        entries = Map.copyOf(entries);
    }

    public static WatchlistSnapshot of(List<WatchlistEntry> listed) {
        Map<String, WatchlistEntry> byChild = new LinkedHashMap<>();
        listed.forEach(e -> byChild.put(e.personId(), e));
        return new WatchlistSnapshot(byChild);
    }

    /**
     * Children listed in {@code after} who were not listed here (entered), or who are listed higher:
     * a higher band, moved into the cumulative section, or a score up by at least {@code minRise}.
     * In the order of {@code after}'s ranking.
     */
    public List<WatchlistChange> changesTo(WatchlistSnapshot after, List<String> order, double minRise) {
        List<WatchlistChange> changes = new ArrayList<>();
        for (String personId : order) {
            WatchlistEntry now = after.entries.get(personId);
            if (now == null) {
                continue;
            }
            WatchlistEntry was = entries.get(personId);
            if (was == null) {
                changes.add(new WatchlistChange(personId, WatchlistChange.Kind.ENTERED, now.section().label(), null,
                        now.band().label(), null, now.score(), 0, now.reason()));
                continue;
            }
            boolean higherBand = now.band().compareTo(was.band()) > 0;
            boolean intoCumulative = now.section() == WatchlistSection.CUMULATIVE && was.section() != WatchlistSection.CUMULATIVE;
            boolean scoreRose = now.score() - was.score() >= minRise;
            if (higherBand || intoCumulative || scoreRose) {
                changes.add(new WatchlistChange(personId, WatchlistChange.Kind.ROSE, now.section().label(), was.section().label(),
                        now.band().label(), was.band().label(), now.score(), was.score(), now.reason()));
            }
        }
        return changes;
    }
}

package org.tessera.indexer.watchlist;

import java.util.Locale;

/** Where a duty manager's review of a listed child stands. */
public enum ReviewState {
    /** Listed and not yet looked at (also: a dismissed child back on new evidence). */
    NEW,
    ACKNOWLEDGED,
    ASSIGNED,
    ESCALATED,
    /** Looked at and judged not to need action; hidden until new evidence raises the score. */
    DISMISSED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReviewState parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}

package org.tessera.indexer.watchlist;

/**
 * The two parts of the watchlist. The product exists for the first: children whose picture is
 * built from several concerns, none of which would cross a threshold on its own. The second keeps
 * the children one serious concern put in amber or red in view; today's thresholds already route
 * most of them to the front door.
 */
public enum WatchlistSection {
    /** Amber or red with at least {@code watchlist.min_concerns} distinct concerns, and new evidence in the period. */
    CUMULATIVE("Cumulative concern"),
    /** Amber or red from fewer concerns, having entered the band or risen by {@code min_rise} in the period. */
    SINGLE_CONCERN("Serious single concern");

    private final String title;

    WatchlistSection(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

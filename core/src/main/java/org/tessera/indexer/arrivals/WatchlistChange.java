package org.tessera.indexer.arrivals;

import java.util.Objects;

/**
 * A child who entered the watchlist or rose on it between two looks (before and after an arrival).
 *
 * @param kind          {@link Kind#ENTERED} (not listed before) or {@link Kind#ROSE} (a higher band, into the
 *                      cumulative section, or a score up by at least the watchlist's {@code min_rise})
 * @param sectionBefore null when the child entered
 * @param bandBefore    null when the child entered
 */
public record WatchlistChange(String personId, Kind kind, String section, String sectionBefore, String band, String bandBefore,
                              double score, double scoreBefore, String reason) {

    public enum Kind {
        ENTERED, ROSE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public WatchlistChange {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(band, "band");
    }
}

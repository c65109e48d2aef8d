package org.tessera.indexer.scoring;

/**
 * What the scorer needs from the indicator catalogue beyond what a hit carries: a display title
 * for explanations and watchlist reasons, and the indicator's own half-life when it has one.
 *
 * @param title        short human title, e.g. "DA incident"; null falls back to the indicator id
 * @param halfLifeDays days after which a hit counts half; null uses the severity default
 */
public record IndicatorWeighting(String title, Double halfLifeDays) {

    public IndicatorWeighting {
        if (halfLifeDays != null && !(halfLifeDays > 0)) {
            throw new IllegalArgumentException("half-life must be positive, was " + halfLifeDays);
        }
        title = title == null || title.isBlank() ? null : title.strip();
    }
}

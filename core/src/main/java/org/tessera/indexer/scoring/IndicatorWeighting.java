package org.tessera.indexer.scoring;

/**
 * What the scorer needs from the indicator catalogue beyond what a hit carries: a display title
 * for explanations and watchlist reasons, the indicator's own half-life when it has one, and the
 * concern it reports.
 *
 * @param title        short human title, e.g. "DA incident"; null falls back to the indicator id
 * @param halfLifeDays days after which a hit counts half; null uses the severity default
 * @param concern      the concern the indicator reports (indicators of one concern share their
 *                     diminishing returns and count once for the watchlist's breadth of concerns);
 *                     null means the indicator is a concern of its own
 * @param reachesSiblings a hit about one child also reaches the other children of its household
 * @param ages         ages (years) at which the concern can be about a child; a hit reaching a child
 *                     that is not its subject counts only when that child's age is inside; null: any
 */
public record IndicatorWeighting(String title, Double halfLifeDays, String concern, boolean reachesSiblings,
                                 org.tessera.indexer.indicators.Indicator.Ages ages) {

    public IndicatorWeighting {
        if (halfLifeDays != null && !(halfLifeDays > 0)) {
            throw new IllegalArgumentException("half-life must be positive, was " + halfLifeDays);
        }
        title = title == null || title.isBlank() ? null : title.strip();
        concern = concern == null || concern.isBlank() ? null : concern.strip();
    }

    public IndicatorWeighting(String title, Double halfLifeDays, String concern, boolean reachesSiblings) {
        this(title, halfLifeDays, concern, reachesSiblings, null);
    }

    public IndicatorWeighting(String title, Double halfLifeDays) {
        this(title, halfLifeDays, null, false, null);
    }
}

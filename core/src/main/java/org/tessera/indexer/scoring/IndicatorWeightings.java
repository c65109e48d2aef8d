package org.tessera.indexer.scoring;

import java.util.HashMap;
import java.util.Map;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorCatalogue;

/**
 * Each indicator's title, half-life and concern, from the catalogue the pipeline percolates with
 * (query and rule indicators alike: rules are not stored in the percolator index).
 */
public final class IndicatorWeightings {

    private IndicatorWeightings() {
    }

    public static Map<String, IndicatorWeighting> of(IndicatorCatalogue catalogue) {
        Map<String, IndicatorWeighting> weightings = new HashMap<>();
        for (Indicator indicator : catalogue.all()) {
            weightings.put(indicator.id(), new IndicatorWeighting(indicator.title(), (double) indicator.halfLifeDays(),
                    indicator.concern(), indicator.reachesSiblings(), indicator.ages()));
        }
        return weightings;
    }
}

package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/** Reads each indicator's title and half-life from the stored catalogue (the {@code indicators} alias). */
public final class IndicatorWeightings {

    private IndicatorWeightings() {
    }

    /** Title and half-life by indicator id; an empty map when the catalogue is empty. */
    public static Map<String, IndicatorWeighting> fromIndex(OpenSearchConnection connection) {
        Map<String, IndicatorWeighting> weightings = new HashMap<>();
        new EventQueries(connection).scroll(connection.alias("indicators"), EventQueries.object().set("match_all", EventQueries.object()),
                List.of("indicator.id", "indicator.title", "indicator.half_life_days"), (id, source) -> {
                    JsonNode indicator = source.path("indicator");
                    String indicatorId = indicator.path("id").asText(id);
                    JsonNode halfLife = indicator.get("half_life_days");
                    weightings.put(indicatorId, new IndicatorWeighting(indicator.path("title").asText(null),
                            halfLife != null && halfLife.isNumber() && halfLife.asDouble() > 0 ? halfLife.asDouble() : null));
                });
        return weightings;
    }
}

package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.tessera.indexer.indicators.EventFields;
import org.tessera.indexer.indicators.EventPercolator;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorBackfill;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.indicators.IndicatorHit;
import org.tessera.indexer.indicators.IndicatorStore;
import org.tessera.indexer.indicators.PredictedHits;

/**
 * Runs the indicators over a run's events. Normally batch by batch through the percolator (the
 * stream path: hits go onto each event before it is written). On a first load into empty indices,
 * percolating every event would parse each document a second time in the engine: there the hits
 * of the queries that read no text are predicted in this JVM, only the events a text query could
 * match ({@code TextQueryScreen}, ADR 0030) are percolated, and each event is written once with its
 * hits. Once all are searchable every stored query's events are checked by id (a query neither
 * predicted nor screened is searched) and any event whose hits that changes is rewritten (which
 * finds the same hits: {@code DemoCountyStreamBackfillIT}, {@code FirstLoadIT}, {@code PredictedHitsIT}).
 */
final class PercolationStage implements EventBatchStage {

    private final EventPercolator percolator;
    private final IndicatorBackfill backfill;
    private final IndicatorStore store;
    private final IndicatorCatalogue catalogue;
    private final EventFields fields;
    private final Consumer<JsonNode> hitEvents;
    private boolean firstLoad;
    /** On a first load: the enabled stored queries, and the hits predicted of those that read no text. */
    private List<Indicator> firstLoadQueries = List.of();
    private PredictedHits predicted;

    /** @param hitEvents receives, on a first load, every event the backfill rewrote (as stored) */
    PercolationStage(EventPercolator percolator, IndicatorBackfill backfill, IndicatorStore store, IndicatorCatalogue catalogue,
                     EventFields fields, Consumer<JsonNode> hitEvents) {
        this.percolator = percolator;
        this.backfill = backfill;
        this.store = store;
        this.catalogue = catalogue;
        this.fields = fields;
        this.hitEvents = hitEvents;
    }

    @Override
    public String name() {
        return "percolate";
    }

    @Override
    public void begin(boolean firstLoad) {
        this.firstLoad = firstLoad;
        firstLoadQueries = firstLoad ? enabledStoredQueries() : List.of();
        predicted = firstLoad ? backfill.predict(firstLoadQueries, fields) : null;
    }

    @Override
    public void apply(List<ObjectNode> events) {
        if (firstLoad) {
            // Only the events a text query could match are percolated (ADR 0030); the others are
            // written with the predicted hits alone, and nothing is rewritten unless the check finds it wrong.
            List<ObjectNode> screened = new ArrayList<>();
            for (ObjectNode event : events) {
                if (predicted.mayMatchText(event)) {
                    screened.add(event);
                } else {
                    IndicatorHit.attach(event, predicted.hitsOf(event));
                }
            }
            if (!screened.isEmpty()) {
                List<List<IndicatorHit>> found = percolator.percolate(screened);
                for (int i = 0; i < screened.size(); i++) {
                    IndicatorHit.attach(screened.get(i), found.get(i));
                    predicted.percolated(screened.get(i), found.get(i));
                }
            }
        } else {
            percolator.percolateAndAttach(events);
        }
    }

    @Override
    public void afterEvents() {
        if (firstLoad) {
            backfill.attachAll(firstLoadQueries, predicted, hitEvents::accept);
            predicted = null;
        }
    }

    /** The queries the percolator would have run: stored in the indicators index and not disabled there. */
    private List<Indicator> enabledStoredQueries() {
        List<Indicator> enabled = new ArrayList<>();
        store.storedDocuments().forEach((id, doc) -> {
            if (doc.path("indicator").path("enabled").asBoolean(true)) {
                catalogue.find(id).filter(Indicator::isQuery).ifPresent(enabled::add);
            }
        });
        enabled.sort(Comparator.comparing(Indicator::id));
        return enabled;
    }
}

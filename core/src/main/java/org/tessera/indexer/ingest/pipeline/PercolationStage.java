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
 * of the queries that read no text are predicted in this JVM and written with the events, and once
 * all are searchable each stored query runs once as a search over them (a predicted one only to
 * check its predictions) and the events whose hits that changes are rewritten (the backfill path,
 * which finds the same hits: {@code DemoCountyStreamBackfillIT}, {@code FirstLoadIT}).
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
            events.forEach(event -> IndicatorHit.attach(event, predicted.hitsOf(event)));
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

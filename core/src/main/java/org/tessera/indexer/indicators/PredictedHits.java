package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.tessera.indexer.events.Event;

/**
 * A first load's hits of the queries that read no note text, predicted in this JVM as each event
 * is written ({@link StructuredQueryEvaluator}). On a county four in five of the events any
 * indicator matches are matched by such queries alone (every A&amp;E attendance, every week of
 * poor attendance): predicted, they are written once with their hits instead of written bare and
 * rewritten after the searches. {@link IndicatorBackfill#attachAll} then checks every prediction
 * against the engine's own answer and rewrites any event it got wrong, so a prediction decides
 * only how much is rewritten, never what is stored.
 *
 * <p>One thread records ({@link #hitsOf}); the record is read once recording is over.
 */
public final class PredictedHits {

    /** A predicted indicator with its query compiled. */
    private record Predicted(Indicator indicator, Predicate<JsonNode> query) {
    }

    private final List<Predicted> predicted = new ArrayList<>();
    private final HitFactory hits;
    private final Map<String, Set<String>> eventsByIndicator = new HashMap<>();

    PredictedHits(List<Indicator> candidates, StructuredQueryEvaluator evaluator, HitFactory hits) {
        for (Indicator indicator : candidates) {
            Predicate<JsonNode> query = indicator.isQuery() && !indicator.readsText() ? evaluator.compile(indicator.query()) : null;
            if (query != null) {
                predicted.add(new Predicted(indicator, query));
                eventsByIndicator.put(indicator.id(), new HashSet<>());
            }
        }
        this.hits = hits;
    }

    /** The indicators predicted: the candidates' queries that read no text and that the evaluator supports. */
    public Set<String> indicatorIds() {
        return new TreeSet<>(eventsByIndicator.keySet());
    }

    /** The predicted hits of one event document (as the stream path would build them), noted for the check. */
    public List<IndicatorHit> hitsOf(JsonNode event) {
        List<IndicatorHit> found = new ArrayList<>(1);
        Event typed = null;
        for (Predicted candidate : predicted) {
            if (candidate.query().test(event)) {
                Indicator indicator = candidate.indicator();
                if (typed == null) {
                    typed = Event.fromDocument(event);
                }
                found.add(hits.hit(indicator.meta(), indicator.query(), typed, List.of()));
                eventsByIndicator.get(indicator.id()).add(typed.eventId() == null ? "" : typed.eventId());
            }
        }
        return found;
    }

    /** The ids of the events predicted to match the indicator (empty for one not predicted). */
    Set<String> eventsHitBy(String indicatorId) {
        return eventsByIndicator.getOrDefault(indicatorId, Set.of());
    }
}

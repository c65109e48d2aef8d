package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventIndexFields;

/**
 * A first load's hits of the queries that read no note text, predicted in this JVM as each event
 * is written ({@link StructuredQueryEvaluator}). On a county four in five of the events any
 * indicator matches are matched by such queries alone (every A&amp;E attendance, every week of
 * poor attendance): predicted, they are written once with their hits instead of written bare and
 * rewritten after the searches. {@link IndicatorBackfill#attachAll} then checks every prediction
 * against the engine's own answer and rewrites any event it got wrong, so a prediction decides
 * only how much is rewritten, never what is stored.
 *
 * <p>The queries that read the text are screened ({@link TextQueryScreen}, ADR 0030): an event one
 * of them could match is percolated before it is written ({@link #mayMatchText}) and its hits are
 * noted here too ({@link #percolated}); every other event gets the predicted hits alone. The check
 * after the load compares every query's events, predicted, percolated or both, with the engine's.
 *
 * <p>One thread records ({@link #hitsOf}); the record is read once recording is over.
 */
public final class PredictedHits {

    /** A predicted indicator with its query compiled. */
    private record Predicted(Indicator indicator, Predicate<JsonNode> query) {
    }

    private final List<Predicted> predicted = new ArrayList<>();
    private final HitFactory hits;
    private final Set<String> predictedIds = new TreeSet<>();
    private final Set<String> screenedIds = new TreeSet<>();
    private final TextQueryScreen screen;
    /** Per indicator, the events written with its hit (predicted or percolated). */
    private final Map<String, Set<String>> eventsByIndicator = new HashMap<>();
    private long percolated;

    PredictedHits(List<Indicator> candidates, StructuredQueryEvaluator evaluator, HitFactory hits) {
        List<Indicator> textQueries = new ArrayList<>();
        for (Indicator indicator : candidates) {
            Predicate<JsonNode> query = indicator.isQuery() && !indicator.readsText() ? evaluator.compile(indicator.query()) : null;
            if (query != null) {
                predicted.add(new Predicted(indicator, query));
                predictedIds.add(indicator.id());
            } else if (indicator.isQuery() && indicator.readsText()) {
                textQueries.add(indicator);
                screenedIds.add(indicator.id());
            }
        }
        this.screen = new TextQueryScreen(textQueries, evaluator);
        this.hits = hits;
    }

    /** The indicators screened: the candidates' queries that read the text (their hits come from percolating the events that pass). */
    public Set<String> screenedIds() {
        return Collections.unmodifiableSet(screenedIds);
    }

    /** Whether a query that reads the text could match the event: then it is percolated before it is written, not predicted. */
    public boolean mayMatchText(JsonNode event) {
        return !screenedIds.isEmpty() && screen.mayMatch(event);
    }

    /** Notes the hits the percolator attached to an event that passed the screen (all of them: text and structured). */
    public void percolated(JsonNode event, List<IndicatorHit> found) {
        percolated++;
        String eventId = event.path(EventIndexFields.EVENT_ID).asText("");
        for (IndicatorHit hit : found) {
            eventsByIndicator.computeIfAbsent(hit.indicatorId(), k -> new HashSet<>()).add(eventId);
        }
    }

    /** How many events were percolated (passed the screen). */
    public long percolatedEvents() {
        return percolated;
    }

    /** The indicators predicted: the candidates' queries that read no text and that the evaluator supports. */
    public Set<String> indicatorIds() {
        return Collections.unmodifiableSet(predictedIds);
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
                eventsByIndicator.computeIfAbsent(indicator.id(), k -> new HashSet<>()).add(typed.eventId() == null ? "" : typed.eventId());
            }
        }
        return found;
    }

    /** The ids of the events written with the indicator's hit, predicted or percolated (empty for one neither predicted nor screened). */
    Set<String> eventsHitBy(String indicatorId) {
        return eventsByIndicator.getOrDefault(indicatorId, Set.of());
    }
}

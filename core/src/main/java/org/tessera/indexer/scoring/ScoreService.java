package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.opensearch.EngineException;

/**
 * Scores children from what OpenSearch holds and keeps {@code risk.*} on their person documents
 * current: incrementally for the children new events reach, or for every child any hit reaches.
 * Thread-safe; concurrent rescoring of the same child is harmless (last write wins, same value
 * for the same as-of date).
 *
 * @param refresh whether writes wait until they are searchable (tests, interactive rescoring);
 *                false for bulk loads
 */
public record ScoreService(EventQueries queries, RiskScorer scorer, boolean refresh) {

    private static final Logger log = LoggerFactory.getLogger(ScoreService.class);
    private static final int WRITE_BATCH = 500;
    private static final int SLICES_IN_FLIGHT = 2;
    private static final int TOP_INDICATORS = 5;

    /** A service over the indexed events, with indicator titles, half-lives and concerns from the default catalogue. */
    public static ScoreService fromIndex(org.tessera.indexer.opensearch.OpenSearchConnection connection, ScoringParameters parameters,
                                         boolean refresh) {
        return of(connection, parameters, IndicatorCatalogue.loadDefault(), refresh);
    }

    /** As {@link #fromIndex}, with a catalogue the caller has loaded already. */
    public static ScoreService of(org.tessera.indexer.opensearch.OpenSearchConnection connection, ScoringParameters parameters,
                                  IndicatorCatalogue catalogue, boolean refresh) {
        return new ScoreService(new EventQueries(connection), new RiskScorer(parameters, IndicatorWeightings.of(catalogue)), refresh);
    }

    /** The loader of children's histories with this service's scoring parameters (a record over the two: cheap to make). */
    public ChildHistoryLoader loader() {
        return new ChildHistoryLoader(queries, scorer.parameters());
    }

    /** The physical name of the {@code persons} alias. */
    private String persons() {
        return queries.connection().alias("persons");
    }

    /** The child's history up to {@code asOf} (empty when the engine knows no event of it). */
    public ChildHistory history(String childId, LocalDate asOf) {
        return loader().load(List.of(childId), asOf).get(childId);
    }

    /** Score, explanation and velocity of one child at {@code asOf}, without writing anything. */
    public RiskAssessment assess(String childId, LocalDate asOf) {
        return scorer.assess(history(childId, asOf), asOf);
    }

    /** Month-end scores over {@code months} months up to {@code end}, for the trend chart. */
    public RiskTimeline timeline(String childId, LocalDate end, int months) {
        return RiskTimeline.monthly(scorer, history(childId, end), end, months);
    }

    /** Rescores the given children (those touched by new events or hits) and writes {@code risk.*}. */
    public RescoreResult rescore(Collection<String> childIds, LocalDate asOf) {
        return rescore(childIds, asOf, loader());
    }

    /** As {@link #rescore(Collection, LocalDate)}, with the histories read from {@code histories}. */
    public RescoreResult rescore(Collection<String> childIds, LocalDate asOf, ChildHistories histories) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(childIds));
        AtomicInteger written = new AtomicInteger();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        boolean standings = storesStandings();
        inSlices(ids, slice -> written.addAndGet(rescoreSlice(slice, asOf, histories, standings, failures)));
        return new RescoreResult(ids.size(), written.get(), List.copyOf(failures));
    }

    /**
     * Runs {@code work} over slices of {@value #WRITE_BATCH} ids, {@value #SLICES_IN_FLIGHT} at once:
     * while the engine serves one slice's scrolls or writes, another is scored.
     */
    private static void inSlices(List<String> ids, Consumer<List<String>> work) {
        try (ExecutorService pool = Executors.newFixedThreadPool(SLICES_IN_FLIGHT)) {
            List<Future<?>> slices = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += WRITE_BATCH) {
                List<String> slice = ids.subList(i, Math.min(ids.size(), i + WRITE_BATCH));
                slices.add(pool.submit(() -> work.accept(slice)));
            }
            for (var slice : slices) {
                try {
                    slice.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("scoring interrupted", e);
                }
            }
        }
    }

    private int rescoreSlice(List<String> slice, LocalDate asOf, ChildHistories histories, boolean standings, List<String> failures) {
        Map<String, ObjectNode> risks = new LinkedHashMap<>();
        Set<String> withoutEvents = new java.util.HashSet<>();
        histories.load(slice, asOf).forEach((child, history) -> {
            risks.put(child, riskDocument(history, asOf, standings));
            if (history.events().isEmpty()) {
                withoutEvents.add(child);
            }
        });
        return write(risks, withoutEvents, failures);
    }

    /**
     * Rescores the children that new or changed events reach (on them, or through a household
     * adult on them): what ingest calls after writing a batch of events.
     */
    public RescoreResult rescoreEvents(Collection<String> eventIds, LocalDate asOf) {
        return rescore(loader().childrenReachedByEvents(eventIds, asOf), asOf);
    }

    /**
     * Rescores every child a hit up to {@code asOf} may reach, and every child with a stored
     * non-zero score (whose hits may have aged out or been withdrawn).
     */
    public RescoreResult rescoreAll(LocalDate asOf) {
        return rescoreAll(asOf, loader());
    }

    /**
     * As {@link #rescoreAll(LocalDate)}, with the histories and reach read from {@code histories}
     * (an ingest's {@link EventLedger} when the index holds exactly its events).
     */
    public RescoreResult rescoreAll(LocalDate asOf, ChildHistories histories) {
        return rescoreAll(asOf, histories, Set.of());
    }

    /**
     * As {@link #rescoreAll(LocalDate, ChildHistories)}, leaving out the children whose {@code risk}
     * as of {@code asOf} was already written (with their person documents, {@link #riskOfReached}).
     */
    public RescoreResult rescoreAll(LocalDate asOf, ChildHistories histories, Set<String> alreadyScored) {
        return rescoreEveryChild(asOf, histories, alreadyScored).result();
    }

    /**
     * As {@link #rescoreAll(LocalDate, ChildHistories, Set)}, returning the children it covers
     * ({@code alreadyScored} among them).
     */
    public Scoped rescoreEveryChild(LocalDate asOf, ChildHistories histories, Set<String> alreadyScored) {
        Set<String> children = everyChildToRescore(asOf, histories);
        Set<String> toScore = new LinkedHashSet<>(children);
        toScore.removeAll(alreadyScored);
        children.addAll(alreadyScored);
        log.info("Rescoring {} children as of {} ({} scored with their person documents)", toScore.size(), asOf,
                alreadyScored.size());
        RescoreResult result = rescore(toScore, asOf, histories);
        log.info("Rescored {} children, wrote {}, {} failures", result.scored(), result.written(), result.failures().size());
        return new Scoped(children, result);
    }

    /**
     * The children a full rescore as of {@code asOf} scores: every child a hit up to {@code asOf}
     * may reach, and every child with a stored non-zero score.
     */
    public Set<String> everyChildToRescore(LocalDate asOf, ChildHistories histories) {
        Set<String> children = new LinkedHashSet<>(histories.childrenReachedBetween(oldestCounted(asOf), asOf));
        ObjectNode scored = EventQueries.object();
        scored.putObject("range").putObject("risk.score").put("gt", 0);
        queries.scroll(persons(), scored, List.of("person_id"), (id, source) -> children.add(source.path("person_id").asText(id)));
        return children;
    }

    /**
     * Rescores only the children an ingest's changes reach ({@link EventChanges#childrenReached}),
     * with their histories from {@code histories}: for each of them the same {@code risk} as a
     * full rescore as of {@code asOf} writes (ScopedRescoreIT). Children it does not reach keep
     * their stored {@code risk}, which stays right until the as-of day moves (the nightly rescore).
     *
     * @return the children rescored, and what was written
     */
    public Scoped rescoreChanged(EventChanges changes, LocalDate asOf, ChildHistories histories) {
        return rescoreChanged(changes, asOf, histories, Set.of());
    }

    /**
     * As {@link #rescoreChanged(EventChanges, LocalDate, ChildHistories)}, and also {@code rewritten}:
     * children whose person document the run replaced (the persons stage reports them:
     * {@code IngestPipeline.Written.rewrittenChildren}), which lost the {@code risk} a rescore had
     * put on it even when none of their events changed.
     */
    public Scoped rescoreChanged(EventChanges changes, LocalDate asOf, ChildHistories histories, Set<String> rewritten) {
        Set<String> children = new LinkedHashSet<>(changes.childrenReached(asOf, histories));
        children.addAll(rewritten);
        log.info("Rescoring the {} children {} changed events reach as of {} ({} events unchanged)", children.size(),
                changes.changedEvents().size(), asOf, changes.unchanged());
        RescoreResult result = rescore(children, asOf, histories);
        log.info("Rescored {} children, wrote {}, {} failures", result.scored(), result.written(), result.failures().size());
        return new Scoped(Set.copyOf(children), result);
    }

    /** What {@link #rescoreChanged} did: the children it rescored, and the result. */
    public record Scoped(Set<String> children, RescoreResult result) {
        public Scoped {
            children = Set.copyOf(children);
        }
    }

    /**
     * The {@code risk} objects, as {@link #rescoreAll} would write them, of the children among
     * {@code among} that hits up to {@code asOf} may reach: computed, not written. A first load
     * writes them with the person documents, instead of updating every scored child after them.
     */
    public Map<String, ObjectNode> riskOfReached(Set<String> among, LocalDate asOf, ChildHistories histories) {
        List<String> ids = histories.childrenReachedBetween(oldestCounted(asOf), asOf).stream()
                .filter(among::contains).sorted().toList();
        Map<String, ObjectNode> risks = new ConcurrentHashMap<>();
        boolean standings = storesStandings();
        inSlices(ids, slice -> histories.load(slice, asOf).forEach((child, history) ->
                risks.put(child, riskDocument(history, asOf, standings))));
        return risks;
    }

    private LocalDate oldestCounted(LocalDate asOf) {
        return asOf.minusDays(scorer.parameters().maxAgeDays());
    }

    /** Bulk partial updates; children without any event are only updated (an old score zeroed), never created. */
    private int write(Map<String, ObjectNode> risks, Set<String> withoutEvents, List<String> failures) {
        if (risks.isEmpty()) {
            return 0;
        }
        StringBuilder bulk = new StringBuilder();
        for (var entry : risks.entrySet()) {
            ObjectNode action = EventQueries.object();
            action.putObject("update").put("_index", persons()).put("_id", entry.getKey()).put("retry_on_conflict", 3);
            ObjectNode risk = entry.getValue();
            ObjectNode update = EventQueries.object();
            update.putObject("doc").set("risk", risk);
            if (!withoutEvents.contains(entry.getKey())) {
                // A child known only from events gets a minimal person document rather than no score.
                ObjectNode upsert = update.putObject("upsert");
                upsert.put("person_id", entry.getKey()).put("is_child", true).set("risk", risk);
            }
            bulk.append(action).append('\n').append(update).append('\n');
        }
        List<String> refused = queries.bulk(bulk.toString(), refresh);
        for (String failure : refused) {
            // An unknown id with no event has nothing to score and no document to update: not a failure.
            if (!failure.contains("document_missing_exception")) {
                failures.add(failure);
            }
        }
        return risks.size() - refused.size();
    }

    /**
     * Whether the live {@code persons} index maps {@code risk.watchlist} (mapping v2 or later): an
     * index of an older mapping refuses it (strict), and keeps serving until migrated
     * (docs/operations.md); its children's standings are then decided from their histories.
     */
    private boolean storesStandings() {
        try {
            JsonNode answer = queries.connection().call("GET",
                    "/" + persons() + "/_mapping/field/risk." + WatchlistStanding.FIELD + ".listed", (JsonNode) null);
            for (JsonNode index : answer) {
                if (!index.path("mappings").isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (EngineException e) {
            return false;
        }
    }

    /**
     * The {@code risk} object of a child's person document as of {@code asOf}: score, band,
     * velocity, evidence dates, top indicators, and with {@code standing} the child's watchlist
     * standing for the configured period ({@link WatchlistStanding#write}).
     */
    public ObjectNode riskDocument(ChildHistory history, LocalDate asOf, boolean standing) {
        RiskAssessment assessment = scorer.assess(history, asOf);
        ObjectNode risk = riskDocument(assessment, asOf);
        if (standing) {
            int periodDays = scorer.parameters().watchlist().periodDays();
            WatchlistStanding.write(risk, WatchlistStanding.decide(scorer, history, assessment, asOf, periodDays), periodDays);
        }
        return risk;
    }

    static ObjectNode riskDocument(RiskAssessment assessment, LocalDate asOf) {
        ObjectNode risk = EventQueries.object();
        risk.put("score", round(assessment.score()));
        risk.put("band", assessment.band().label());
        risk.put("velocity", round(assessment.velocity()));
        risk.put("as_of", asOf.toString());
        // The date of the newest evidence that adds to the score: a review covers the evidence up
        // to its watermark, and only evidence after it reopens a dismissed child.
        assessment.now().contributions().stream()
                .filter(c -> c.counts() && c.rawWeight() > 0 && c.date() != null)
                .map(Contribution::date).max(LocalDate::compareTo)
                .ifPresent(last -> risk.put("last_evidence", last.toString()));
        var top = risk.putArray("top_indicators");
        assessment.now().topIndicators(TOP_INDICATORS).forEach(top::add);
        return risk;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}

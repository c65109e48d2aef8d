package org.tessera.indexer.watchlist;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tessera.indexer.scoring.Band;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.RiskScore;
import org.tessera.indexer.scoring.RiskScorer;
import org.tessera.indexer.scoring.RiskTimeline;
import org.tessera.indexer.scoring.ScoreService;

/**
 * As-of replay of the watchlist: month by month up to an end date, who was in the top K and when
 * each child first entered the top K, amber and red. Histories are loaded once (as of the end
 * date) and every step is computed from them, ignoring events after the step's date, so a replay
 * costs two scrolls per 500 children whatever the number of steps. Reviews are ignored: replay
 * measures the model, not the managers.
 *
 * <p>Thread-safe.
 */
public final class WatchlistReplay {

    /**
     * One month-end step: the top K of the cumulative section (person ids, ranked) that day, and
     * everyone in the single-concern section (not limited: it is reported beside, never measured as, the top K).
     */
    public record Step(LocalDate date, List<String> topK, List<String> singleConcern) {
        public Step {
            topK = List.copyOf(topK);
            singleConcern = List.copyOf(singleConcern);
        }

        public Step(LocalDate date, List<String> topK) {
            this(date, topK, List.of());
        }
    }

    /**
     * When a child first surfaced (null when it never did within the replay).
     *
     * @param bestRank best rank reached in any step's top K, 0 when never in it
     */
    public record Surfacing(String personId, LocalDate firstTopK, int bestRank, LocalDate firstAmber, LocalDate firstRed) {
        public Surfacing {
            Objects.requireNonNull(personId, "personId");
        }
    }

    public record Result(LocalDate end, int months, int topK, int periodDays, List<Step> steps, Map<String, Surfacing> surfacings) {
        public Result {
            steps = List.copyOf(steps);
            surfacings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(surfacings));
        }
    }

    private final RiskScorer scorer;
    private final WatchlistRanker ranker;

    public WatchlistReplay(RiskScorer scorer) {
        this.scorer = scorer;
        this.ranker = new WatchlistRanker(scorer);
    }

    /** Replays over the children any hit up to {@code end} reaches, loaded from OpenSearch. */
    public Result replay(ScoreService scores, LocalDate end, int months, int topK, int periodDays) {
        LocalDate from = RiskTimeline.monthEnds(end, months).getFirst().minusDays(scorer.parameters().maxAgeDays());
        var children = scores.loader().childrenReachedBetween(from, end);
        return replay(scores.loader().load(children, end), end, months, topK, periodDays);
    }

    /** Replays over already loaded histories (pure). */
    public Result replay(Map<String, ChildHistory> histories, LocalDate end, int months, int topK, int periodDays) {
        if (topK < 1 || periodDays < 1) {
            throw new IllegalArgumentException("topK and period must be positive");
        }
        Map<String, LocalDate> firstTop = new TreeMap<>();
        Map<String, Integer> bestRank = new TreeMap<>();
        Map<String, LocalDate> firstAmber = new TreeMap<>();
        Map<String, LocalDate> firstRed = new TreeMap<>();
        List<Step> steps = new ArrayList<>();
        for (LocalDate date : RiskTimeline.monthEnds(end, months)) {
            List<WatchlistEntry> ranked = ranker.rank(histories, date, periodDays, Map.of());
            List<String> top = new ArrayList<>();
            List<String> single = new ArrayList<>();
            for (WatchlistEntry entry : ranked) {
                if (entry.section() != WatchlistSection.CUMULATIVE) {
                    single.add(entry.personId());
                    continue;
                }
                if (top.size() == topK) {
                    continue;
                }
                top.add(entry.personId());
                firstTop.putIfAbsent(entry.personId(), date);
                bestRank.merge(entry.personId(), entry.rank(), Math::min);
            }
            steps.add(new Step(date, top, single));
            for (var history : histories.entrySet()) {
                String id = history.getKey();
                if (firstRed.containsKey(id)) {
                    continue;
                }
                RiskScore score = scorer.score(history.getValue(), date);
                if (score.band().compareTo(Band.AMBER) >= 0) {
                    firstAmber.putIfAbsent(id, date);
                }
                if (score.band() == Band.RED) {
                    firstRed.put(id, date);
                }
            }
        }
        Map<String, Surfacing> surfacings = new LinkedHashMap<>();
        for (String id : new java.util.TreeSet<>(histories.keySet())) {
            if (firstTop.containsKey(id) || firstAmber.containsKey(id)) {
                surfacings.put(id, new Surfacing(id, firstTop.get(id), bestRank.getOrDefault(id, 0), firstAmber.get(id), firstRed.get(id)));
            }
        }
        return new Result(end, months, topK, periodDays, steps, surfacings);
    }
}

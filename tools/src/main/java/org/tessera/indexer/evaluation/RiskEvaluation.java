package org.tessera.indexer.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.evaluation.GroundTruth.Category;
import org.tessera.indexer.evaluation.GroundTruth.PlantedTrajectory;
import org.tessera.indexer.ingest.pipeline.PersonLinkExport;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.Contribution;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.scoring.ExportFormat;
import org.tessera.indexer.scoring.RiskTimeline;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;
import org.tessera.indexer.indicators.Severity;
import org.tessera.indexer.watchlist.WatchlistReplay;

/**
 * Measures the cumulative-risk model against a generated county's planted trajectories: the
 * watchlist is replayed month by month (as of each month end, later events ignored), Tessera's
 * persons are mapped to true persons through {@code export persons} (majority vote of each Tessera
 * person's occurrences), and the result is compared with what a single-threshold rule ("any one
 * high-severity hit reaching the child") would have found. See docs/evaluation.md.
 *
 * <p>Not thread-safe (one evaluation per instance call is cheap to repeat).
 */
public record RiskEvaluation(OpenSearchConnection connection, ScoringParameters parameters) {

    private static final ObjectMapper JSON = EngineJson.MAPPER;

    /**
     * @param end       replay end (the generator's end date)
     * @param months    monthly replay steps up to {@code end}
     * @param topFactor K = ceil(topFactor x planted cumulative children)
     */
    public EvaluationReport evaluate(GroundTruth truth, LocalDate end, int months, double topFactor) {
        return evaluate(truth, end, months, topFactor, Ranking.WATCHLIST);
    }

    /** Which list's top K is measured. */
    public enum Ranking {
        /** The watchlist: children who entered a band or rose within the period, red first, then by rise. */
        WATCHLIST,
        /** Every child with a positive score, highest score first (the persons index sorted by risk.score). */
        SCORE
    }

    public EvaluationReport evaluate(GroundTruth truth, LocalDate end, int months, double topFactor, Ranking ranking) {
        Map<String, String> toTruth = mapPersons(truth);
        Set<String> planted = new HashSet<>();
        for (String child : truth.children(Category.CUMULATIVE)) {
            if (!truth.trajectory(child).start().isAfter(end)) {
                planted.add(child);
            }
        }
        if (planted.isEmpty()) {
            throw new IllegalArgumentException("no cumulative trajectory planted up to " + end);
        }
        int k = (int) Math.ceil(topFactor * planted.size());
        int periodDays = parameters.watchlist().periodDays();

        ScoreService scores = ScoreService.fromIndex(connection, parameters, false);
        List<LocalDate> monthEnds = RiskTimeline.monthEnds(end, months);
        LocalDate from = monthEnds.getFirst().minusDays(parameters.maxAgeDays());
        Set<String> reached = scores.loader().childrenReachedBetween(from, end);
        Map<String, ChildHistory> histories = scores.loader().load(reached, end);
        List<WatchlistReplay.Step> steps = ranking == Ranking.WATCHLIST
                ? new WatchlistReplay(scores.scorer()).replay(histories, end, months, k, periodDays).steps()
                : scoreSteps(scores, histories, monthEnds, k);

        // Per true child: first top-K month end and first high-severity hit (min over its Tessera ids).
        Map<String, LocalDate> firstTop = new HashMap<>();
        Map<String, java.util.TreeSet<LocalDate>> topDates = new HashMap<>();
        for (WatchlistReplay.Step step : steps) {
            for (String id : step.topK()) {
                firstTop.merge(trueId(toTruth, id), step.date(), RiskEvaluation::min);
                topDates.computeIfAbsent(trueId(toTruth, id), x -> new java.util.TreeSet<>()).add(step.date());
            }
        }
        // Every counting high-severity hit reaching each true child: date -> indicator (the earliest per date).
        Map<String, java.util.TreeMap<LocalDate, String>> highs = new HashMap<>();
        histories.forEach((id, history) -> {
            for (Contribution c : scores.scorer().score(history, end).contributions()) {
                if (c.counts() && c.severity() == Severity.HIGH && !c.date().isAfter(end)) {
                    highs.computeIfAbsent(trueId(toTruth, id), x -> new java.util.TreeMap<>()).putIfAbsent(c.date(), c.indicatorId());
                }
            }
        });
        Map<String, LocalDate> firstHigh = new HashMap<>();
        highs.forEach((id, dates) -> firstHigh.put(id, dates.firstKey()));

        // (1) recall of planted cumulative children by the end of their trajectory.
        int byEnd = 0;
        int byStepAfterEnd = 0;
        int ever = 0;
        List<Long> daysFromStartTessera = new ArrayList<>();
        List<Long> daysFromStartThreshold = new ArrayList<>();
        int thresholdByEnd = 0;
        List<Long> leads = new ArrayList<>();
        int withHigh = 0;
        int highOnlyBeforeStart = 0;
        int surfacedBeforeHigh = 0;
        List<String> leadLines = new ArrayList<>();
        for (String child : planted) {
            PlantedTrajectory t = truth.trajectory(child);
            // Surfacing counts from the trajectory's start: a child listed earlier for something else was not found for this pattern.
            java.util.TreeSet<LocalDate> dates = topDates.getOrDefault(child, new java.util.TreeSet<>());
            LocalDate top = dates.ceiling(t.start());
            LocalDate stepAfterEnd = monthEnds.stream().filter(d -> !d.isBefore(t.end())).findFirst().orElse(end);
            if (top != null) {
                ever++;
                if (!top.isAfter(t.end())) {
                    byEnd++;
                }
                if (!top.isAfter(stepAfterEnd)) {
                    byStepAfterEnd++;
                    daysFromStartTessera.add(ChronoUnit.DAYS.between(t.start(), top));
                }
            }
            LocalDate flaggedOn = firstHigh.get(child);
            if (flaggedOn != null && !flaggedOn.isAfter(t.end())) {
                thresholdByEnd++;
                daysFromStartThreshold.add(Math.max(0, ChronoUnit.DAYS.between(t.start(), flaggedOn)));
            }
            // The lead is measured within the pattern: a high hit before the trajectory started is
            // an earlier story (counted apart), and surfacing is counted from the start.
            var childHighs = highs.get(child);
            LocalDate high = childHighs == null ? null : childHighs.ceilingKey(t.start());
            if (high == null && childHighs != null) {
                highOnlyBeforeStart++;
            }
            if (high != null) {
                withHigh++;
                // Never surfaced before the end: as late as the replay allows (a lead of at most the gap to the end).
                long lead = top == null ? ChronoUnit.DAYS.between(end, high) : ChronoUnit.DAYS.between(top, high);
                leads.add(lead);
                leadLines.add(String.format(java.util.Locale.ROOT, "%s %s trajectory %s..%s, first high %s %s, first top K %s, lead %d days",
                        t.theme(), t.id(), t.start(), t.end(), childHighs.get(high), high, top, lead));
                if (top != null && top.isBefore(high)) {
                    surfacedBeforeHigh++;
                }
            }
        }

        // (3) composition of the top K, pooled over every month end, and at the end.
        Map<Category, Integer> pooled = new EnumMap<>(Category.class);
        Map<Category, Integer> atEnd = new EnumMap<>(Category.class);
        int pooledEntries = 0;
        double worstNoiseShare = 0;
        LocalDate worstNoiseStep = null;
        for (WatchlistReplay.Step step : steps) {
            int noise = 0;
            for (String id : step.topK()) {
                Category c = truth.category(toTruth.get(id));
                pooled.merge(c, 1, Integer::sum);
                pooledEntries++;
                if (c == Category.NOISE) {
                    noise++;
                }
                if (step.date().equals(end)) {
                    atEnd.merge(c, 1, Integer::sum);
                }
            }
            double share = step.topK().isEmpty() ? 0 : (double) noise / step.topK().size();
            if (share > worstNoiseShare) {
                worstNoiseShare = share;
                worstNoiseStep = step.date();
            }
        }
        Map<Category, Integer> singleConcern = new EnumMap<>(Category.class);
        for (WatchlistReplay.Step step : steps) {
            step.singleConcern().forEach(id -> singleConcern.merge(truth.category(toTruth.get(id)), 1, Integer::sum));
        }
        // Why children are in the top K: points by indicator per category, over every month end.
        Map<Category, Map<String, Double>> pointsByIndicator = new EnumMap<>(Category.class);
        for (WatchlistReplay.Step step : steps) {
            for (String id : step.topK()) {
                Category c = truth.category(toTruth.get(id));
                for (Contribution contribution : scores.scorer().score(histories.get(id), step.date()).contributions()) {
                    if (contribution.counts()) {
                        pointsByIndicator.computeIfAbsent(c, x -> new HashMap<>())
                                .merge(contribution.indicatorId(), contribution.contribution(), Double::sum);
                    }
                }
            }
        }
        List<String> endList = new ArrayList<>();
        if (ranking == Ranking.SCORE) {
            int rank = 1;
            for (String id : steps.getLast().topK()) {
                var score = scores.scorer().score(histories.get(id), end);
                endList.add(String.format(java.util.Locale.ROOT, "%3d %-17s %-6s %6.1f  %s", rank++,
                        truth.category(toTruth.get(id)), score.band(), score.score(), score.topIndicators(5)));
            }
        }
        for (var entry : new org.tessera.indexer.watchlist.WatchlistRanker(scores.scorer()).rank(histories, end, periodDays, Map.of())) {
            if (ranking == Ranking.SCORE) {
                break;
            }
            if (entry.section() == org.tessera.indexer.watchlist.WatchlistSection.CUMULATIVE && entry.rank() > k) {
                continue;
            }
            endList.add(String.format(java.util.Locale.ROOT, "%3d %-14s %-17s %-6s %6.1f rise %5.1f  %s", entry.rank(),
                    entry.section().label(), truth.category(toTruth.get(entry.personId())), entry.band(), entry.score(), entry.rise(),
                    entry.reason()));
        }
        Set<String> everTopNoise = new HashSet<>();
        Set<String> everTop = new HashSet<>();
        firstTop.keySet().forEach(id -> {
            everTop.add(id);
            if (truth.category(id) == Category.NOISE) {
                everTopNoise.add(id);
            }
        });
        Set<String> flagged = firstHigh.keySet();
        long flaggedNoise = flagged.stream().filter(id -> truth.category(id) == Category.NOISE).count();
        Map<Category, Integer> flaggedByCategory = new EnumMap<>(Category.class);
        flagged.forEach(id -> flaggedByCategory.merge(truth.category(id), 1, Integer::sum));
        Map<Category, Integer> childrenByCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            if (c != Category.ADULT && c != Category.UNMAPPED) {
                childrenByCategory.put(c, truth.children(c).size());
            }
        }

        return new EvaluationReport(ranking, end, months, k, topFactor, periodDays, planted.size(), childrenByCategory,
                toTruth.size(), histories.size(),
                byEnd, byStepAfterEnd, ever, median(daysFromStartTessera),
                withHigh, highOnlyBeforeStart, surfacedBeforeHigh, median(leads),
                pooledEntries, pooled, atEnd, worstNoiseShare, worstNoiseStep, everTop.size(), everTopNoise.size(),
                thresholdByEnd, median(daysFromStartThreshold), flagged.size(), (int) flaggedNoise, flaggedByCategory,
                pointsByIndicator, endList, leadLines, singleConcern);
    }

    /** Top K by score at each month end (children with a positive score; ties by id). */
    private static List<WatchlistReplay.Step> scoreSteps(ScoreService scores, Map<String, ChildHistory> histories,
                                                         List<LocalDate> monthEnds, int k) {
        List<WatchlistReplay.Step> steps = new ArrayList<>();
        for (LocalDate date : monthEnds) {
            record Scored(String id, double score) { }
            List<Scored> scored = new ArrayList<>();
            histories.forEach((id, history) -> {
                double score = scores.scorer().score(history, date).score();
                if (score > 0) {
                    scored.add(new Scored(id, score));
                }
            });
            scored.sort(java.util.Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::id));
            steps.add(new WatchlistReplay.Step(date, scored.stream().limit(k).map(Scored::id).toList()));
        }
        return steps;
    }

    /** Tessera person id -> true person id, by majority over the person's occurrences (ties: smaller id). */
    Map<String, String> mapPersons(GroundTruth truth) {
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        Writer sink = new LineSink(line -> {
            try {
                JsonNode row = JSON.readTree(line);
                String trueId = truth.personAt(row.path("source").asText(), row.path("record_id").asText(),
                        row.path("slot").asInt());
                if (trueId != null) {
                    votes.computeIfAbsent(row.path("person_id").asText(), x -> new HashMap<>()).merge(trueId, 1, Integer::sum);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        new PersonLinkExport(new EventQueries(connection)).write(ExportFormat.JSONL, sink);
        try {
            sink.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> mapping = new HashMap<>();
        votes.forEach((tessera, counts) -> mapping.put(tessera, counts.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder()))
                .orElseThrow().getKey()));
        return mapping;
    }

    private static String trueId(Map<String, String> toTruth, String tesseraId) {
        // An unmapped Tessera person stays its own (unknown) identity.
        return toTruth.getOrDefault(tesseraId, "tessera:" + tesseraId);
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** Lower median (the conservative middle for an even count); null when empty. */
    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** A writer that hands every complete line to a consumer (the export is streamed, not held). */
    private static final class LineSink extends Writer {
        private final java.util.function.Consumer<String> each;
        private final StringBuilder line = new StringBuilder();

        LineSink(java.util.function.Consumer<String> each) {
            this.each = each;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    flushLine();
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        private void flushLine() {
            if (!line.isEmpty()) {
                each.accept(line.toString());
            }
            line.setLength(0);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            flushLine();
        }
    }
}

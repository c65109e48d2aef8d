package org.tessera.indexer.evaluation;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tessera.indexer.evaluation.GroundTruth.Category;

/**
 * Figures of one evaluation run (see docs/evaluation.md for their definitions).
 *
 * @param plantedCumulative       children of cumulative trajectories started by the end date
 * @param recalledByEnd           of those, in the top K at a month end between their trajectory's start and end
 * @param recalledByStepAfterEnd  ... at the first month end on or after their trajectory's end (the first step that sees it all)
 * @param recalledEver            ... at any month end from the trajectory's start to the replay end
 * @param medianDaysFromStart     median days from trajectory start to first top K (children recalled by the step after end)
 * @param cumulativeWithHigh      planted cumulative children with a counting high-severity hit reaching them on or
 *                                after their trajectory's start
 * @param highOnlyBeforeStart     planted cumulative children whose only high-severity hits came before their trajectory
 * @param surfacedBeforeHigh      of those, in the top K before that hit
 * @param medianLeadDays          median (lower) of first-high date minus first top-K date on or after the trajectory start;
 *                                never surfaced counts as surfacing at the replay end
 * @param topKEntries             top-K entries summed over every month end
 * @param topKByCategory          those entries by true category
 * @param topKAtEndByCategory     the end date's top K by true category
 * @param thresholdByEnd          planted cumulative children a high hit reached by their trajectory's end
 * @param thresholdMedianDaysFromStart median days from trajectory start to that hit
 * @param thresholdFlagged        distinct true persons any high hit reached during the history
 * @param thresholdFlaggedNoise   of those, ordinary-noise children
 * @param singleConcernByCategory the watchlist's second section (serious single concern), entries summed over
 *                                every month end, by true category; reported beside the top K, never part of it
 */
public record EvaluationReport(
        RiskEvaluation.Ranking ranking, LocalDate end, int months, int topK, double topFactor, int periodDays, int plantedCumulative,
        Map<Category, Integer> childrenByCategory, int tesseraPersonsMapped, int childrenScored,
        int recalledByEnd, int recalledByStepAfterEnd, int recalledEver, Long medianDaysFromStart,
        int cumulativeWithHigh, int highOnlyBeforeStart, int surfacedBeforeHigh, Long medianLeadDays,
        int topKEntries, Map<Category, Integer> topKByCategory, Map<Category, Integer> topKAtEndByCategory,
        double worstStepNoiseShare, LocalDate worstNoiseStep, int everInTopK, int everInTopKNoise,
        int thresholdByEnd, Long thresholdMedianDaysFromStart, int thresholdFlagged, int thresholdFlaggedNoise,
        Map<Category, Integer> thresholdFlaggedByCategory,
        Map<Category, Map<String, Double>> topKPointsByIndicator, List<String> topKAtEnd, List<String> leadDetails,
        Map<Category, Integer> singleConcernByCategory) {

    public EvaluationReport {
        childrenByCategory = copy(childrenByCategory);
        topKByCategory = copy(topKByCategory);
        topKAtEndByCategory = copy(topKAtEndByCategory);
        thresholdFlaggedByCategory = copy(thresholdFlaggedByCategory);
        topKPointsByIndicator = Map.copyOf(topKPointsByIndicator);
        topKAtEnd = List.copyOf(topKAtEnd);
        leadDetails = List.copyOf(leadDetails);
        singleConcernByCategory = copy(singleConcernByCategory);
    }

    private static Map<Category, Integer> copy(Map<Category, Integer> m) {
        return java.util.Collections.unmodifiableMap(m.isEmpty() ? new EnumMap<>(Category.class) : new EnumMap<>(m));
    }

    /** Target 1, as measured at the first month end that sees the whole trajectory. */
    public double recall() {
        return (double) recalledByStepAfterEnd / plantedCumulative;
    }

    /** Target 1, strictly: in the top K at a month end not after the trajectory's end. */
    public double strictRecall() {
        return (double) recalledByEnd / plantedCumulative;
    }

    /** Target 3: ordinary-noise share of the top K, pooled over every month end. */
    public double noiseShare() {
        return topKEntries == 0 ? 0 : (double) topKByCategory.getOrDefault(Category.NOISE, 0) / topKEntries;
    }

    public double noiseShareAtEnd() {
        int n = topKAtEndByCategory.values().stream().mapToInt(Integer::intValue).sum();
        return n == 0 ? 0 : (double) topKAtEndByCategory.getOrDefault(Category.NOISE, 0) / n;
    }

    public double thresholdRecall() {
        return (double) thresholdByEnd / plantedCumulative;
    }

    /** A plain-text summary (the command prints it; docs/evaluation.md quotes it). */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append("Ranking measured: ").append(ranking == RiskEvaluation.Ranking.WATCHLIST
                ? "watchlist, cumulative section (amber/red, several concerns, new evidence in the period; red first, then rise)"
                : "risk score (highest first)").append('\n');
        s.append(String.format(Locale.ROOT, "Replay: %d month ends to %s, K = %d (%.2f x %d planted cumulative children), watchlist period %d days%n",
                months, end, topK, topFactor, plantedCumulative, periodDays));
        s.append("Children in the ground truth by category: ").append(childrenByCategory).append('\n');
        s.append(String.format(Locale.ROOT, "Tessera persons mapped to true persons: %d; children with a scored history: %d%n",
                tesseraPersonsMapped, childrenScored));
        s.append(String.format(Locale.ROOT, "%n%-62s %-18s %-18s%n", "", "Tessera top K", "any one high hit"));
        s.append(row("(1) cumulative children found by the step after trajectory end",
                pct(recalledByStepAfterEnd, plantedCumulative), pct(thresholdByEnd, plantedCumulative)));
        s.append(row("    ... strictly by the trajectory end date", pct(recalledByEnd, plantedCumulative),
                pct(thresholdByEnd, plantedCumulative)));
        s.append(row("    ... at any point of the replay", pct(recalledEver, plantedCumulative), "-"));
        s.append(row("    median days from trajectory start to surfacing", str(medianDaysFromStart),
                str(thresholdMedianDaysFromStart)));
        s.append(row("(2) cumulative children with a high-severity hit in the pattern", String.valueOf(cumulativeWithHigh),
                String.valueOf(cumulativeWithHigh)));
        s.append(row("    (left out: high hits only before the pattern started)", String.valueOf(highOnlyBeforeStart), "-"));
        s.append(row("    surfaced before it", pct(surfacedBeforeHigh, cumulativeWithHigh), "0 (by definition)"));
        s.append(row("    median lead before the first high hit (days)", str(medianLeadDays), "0"));
        s.append(row("(3) ordinary-noise share of the top K (all month ends)",
                String.format(Locale.ROOT, "%.1f%%", 100 * noiseShare()), "-"));
        s.append(row("    ... at the end date", String.format(Locale.ROOT, "%.1f%%", 100 * noiseShareAtEnd()), "-"));
        s.append(row("    ... worst month end", String.format(Locale.ROOT, "%.1f%% (%s)", 100 * worstStepNoiseShare, worstNoiseStep), "-"));
        s.append(row("(4) distinct children ever flagged", String.valueOf(everInTopK), String.valueOf(thresholdFlagged)));
        s.append(row("    of which ordinary noise (false positives)", pct(everInTopKNoise, everInTopK),
                pct(thresholdFlaggedNoise, thresholdFlagged)));
        s.append("\nTop K entries over all month ends by category: ").append(topKByCategory).append('\n');
        s.append("Top K at the end date by category: ").append(topKAtEndByCategory).append('\n');
        if (ranking == RiskEvaluation.Ranking.WATCHLIST) {
            int single = singleConcernByCategory.values().stream().mapToInt(Integer::intValue).sum();
            s.append(String.format(Locale.ROOT, "Second section (serious single concern), all month ends: %d entries, %s ordinary noise: %s%n",
                    single, pct(singleConcernByCategory.getOrDefault(Category.NOISE, 0), single), singleConcernByCategory));
        }
        s.append("Flagged by the single-threshold rule by category: ").append(thresholdFlaggedByCategory).append('\n');
        for (Category c : Category.values()) {
            Map<String, Double> points = topKPointsByIndicator.get(c);
            if (points != null) {
                s.append("Top K points by indicator, ").append(c).append(": ");
                points.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(12)
                        .forEach(e -> s.append(String.format(Locale.ROOT, "%s %.0f, ", e.getKey(), e.getValue())));
                s.append('\n');
            }
        }
        s.append("Cumulative children with a high-severity hit:\n");
        leadDetails.forEach(line -> s.append("  ").append(line).append('\n'));
        s.append("Watchlist at the end date: top K of the cumulative section, then the single-concern section (rank, section, true category, band, score, rise over the period, reason):\n");
        topKAtEnd.forEach(line -> s.append(line).append('\n'));
        return s.toString();
    }

    private static String row(String label, String tessera, String threshold) {
        return String.format(Locale.ROOT, "%-62s %-18s %-18s%n", label, tessera, threshold);
    }

    private static String pct(int n, int of) {
        return of == 0 ? n + "/0" : String.format(Locale.ROOT, "%d/%d (%.1f%%)", n, of, 100.0 * n / of);
    }

    private static String str(Long v) {
        return v == null ? "-" : v.toString();
    }
}

package org.tessera.indexer.watchlist;

import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.scoring.ChildHistory;
import org.tessera.indexer.scoring.ExportFormat;
import org.tessera.indexer.scoring.RiskScorer;
import org.tessera.indexer.scoring.ScoreService;

/**
 * {@code tessera export watchlist --as-of DATE}: the model's watchlist at the as-of date together
 * with the replay up to it, one row per child that was listed at the as-of date or ever surfaced
 * (top K or amber) during the replay. Reviews are not applied: the export states what the model
 * concluded, for comparison with the planted trajectories.
 */
public final class WatchlistExport {

    public static final List<String> COLUMNS = List.of("person_id", "rank", "section", "concerns", "score", "band", "band_at_period_start",
            "entered_band", "rise", "velocity", "first_top_k", "best_rank", "first_amber", "first_red", "top_indicators", "reason");

    private final RiskScorer scorer;

    public WatchlistExport(RiskScorer scorer) {
        this.scorer = scorer;
    }

    /** Loads every child a hit reaches, replays and writes; returns the number of rows. */
    public int write(ScoreService scores, LocalDate asOf, int months, int topK, int periodDays, ExportFormat format, Writer out) {
        LocalDate from = org.tessera.indexer.scoring.RiskTimeline.monthEnds(asOf, months).getFirst()
                .minusDays(scorer.parameters().maxAgeDays());
        Map<String, ChildHistory> histories = scores.loader().load(scores.loader().childrenReachedBetween(from, asOf), asOf);
        return write(histories, asOf, months, topK, periodDays, format, out);
    }

    /** Pure part: from loaded histories. */
    public int write(Map<String, ChildHistory> histories, LocalDate asOf, int months, int topK, int periodDays,
                     ExportFormat format, Writer out) {
        WatchlistReplay.Result result = new WatchlistReplay(scorer).replay(histories, asOf, months, topK, periodDays);
        List<WatchlistEntry> listed = new WatchlistRanker(scorer).rank(histories, asOf, periodDays, Map.of());
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        for (WatchlistEntry e : listed) {
            Map<String, Object> row = row(e.personId());
            row.put("rank", e.rank());
            row.put("section", e.section().label());
            row.put("concerns", e.concerns());
            row.put("score", round(e.score()));
            row.put("band", e.band().label());
            row.put("band_at_period_start", e.bandAtStart().label());
            row.put("entered_band", e.enteredBand());
            row.put("rise", round(e.rise()));
            row.put("velocity", round(e.velocity()));
            row.put("top_indicators", e.topIndicators());
            row.put("reason", e.reason());
            rows.put(e.personId(), row);
        }
        for (WatchlistReplay.Surfacing s : result.surfacings().values()) {
            Map<String, Object> row = rows.computeIfAbsent(s.personId(), id -> {
                Map<String, Object> fresh = row(id);
                var assessment = scorer.assess(histories.get(id), asOf);
                fresh.put("score", round(assessment.score()));
                fresh.put("band", assessment.band().label());
                fresh.put("velocity", round(assessment.velocity()));
                fresh.put("top_indicators", assessment.now().topIndicators(5));
                return fresh;
            });
            row.put("first_top_k", s.firstTopK() == null ? null : s.firstTopK().toString());
            row.put("best_rank", s.bestRank() == 0 ? null : s.bestRank());
            row.put("first_amber", s.firstAmber() == null ? null : s.firstAmber().toString());
            row.put("first_red", s.firstRed() == null ? null : s.firstRed().toString());
        }
        List<Map<String, Object>> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparing((Map<String, Object> r) -> r.get("rank") == null ? Integer.MAX_VALUE : (Integer) r.get("rank"))
                .thenComparing(r -> r.get("first_top_k") == null ? "9999" : (String) r.get("first_top_k"))
                .thenComparing(r -> (String) r.get("person_id")));
        ExportFormat.RowWriter writer = format.open(out, COLUMNS);
        ordered.forEach(writer::write);
        return ordered.size();
    }

    private static Map<String, Object> row(String personId) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("person_id", personId);
        return row;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}

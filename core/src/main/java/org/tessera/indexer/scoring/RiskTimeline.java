package org.tessera.indexer.scoring;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A child's score month by month: one point at the end of each month (the last point at the
 * end date itself), for the profile's trend chart and for as-of replay. Computed from one loaded
 * history, so a timeline costs no further queries.
 */
public record RiskTimeline(String childId, List<Point> points) {

    /** The score and band at the end of {@code date}, and the strongest indicators then. */
    public record Point(LocalDate date, double score, Band band, List<String> topIndicators) {
        public Point {
            Objects.requireNonNull(date, "date");
            topIndicators = List.copyOf(topIndicators);
        }
    }

    public RiskTimeline {
        Objects.requireNonNull(childId, "childId");
        points = List.copyOf(points);
    }

    /** Month-end points from {@code months - 1} months before {@code end}'s month up to {@code end}. */
    public static RiskTimeline monthly(RiskScorer scorer, ChildHistory history, LocalDate end, int months) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be at least 1");
        }
        List<Point> points = new ArrayList<>(months);
        for (LocalDate date : monthEnds(end, months)) {
            RiskScore score = scorer.score(history, date);
            points.add(new Point(date, score.score(), score.band(), score.topIndicators(3)));
        }
        return new RiskTimeline(history.childId(), points);
    }

    /** Month-end dates from {@code months - 1} months before {@code end} up to {@code end} itself, oldest first. */
    public static List<LocalDate> monthEnds(LocalDate end, int months) {
        List<LocalDate> dates = new ArrayList<>(months);
        YearMonth last = YearMonth.from(end);
        for (int i = months - 1; i >= 1; i--) {
            dates.add(last.minusMonths(i).atEndOfMonth());
        }
        dates.add(end);
        return dates;
    }

    /** First point in the band or above, if any. */
    public Point firstAtOrAbove(Band band) {
        return points.stream().filter(p -> p.band().compareTo(band) >= 0).findFirst().orElse(null);
    }
}

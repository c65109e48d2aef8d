package org.tessera.indexer.scoring;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A child's score at an as-of date with its explanation: {@code score} is exactly the sum of
 * {@link Contribution#contribution()} over {@code contributions} (strongest first; non-counting
 * hits last, with 0 points).
 *
 * @param agencies          agencies with counting hits inside the breadth window
 * @param concernPoints     points of the counting hits inside the breadth window, by concern: the
 *                          breadth of the picture, as the watchlist's cumulative section reads it
 * @param breadthMultiplier the multiplier those agencies earned
 */
public record RiskScore(String childId, LocalDate asOf, double score, Band band,
                        List<Contribution> contributions, Set<String> agencies, Map<String, Double> concernPoints,
                        double breadthMultiplier) {

    public RiskScore {
        Objects.requireNonNull(childId, "childId");
        Objects.requireNonNull(asOf, "asOf");
        contributions = List.copyOf(contributions);
        agencies = Set.copyOf(agencies);
        concernPoints = Collections.unmodifiableMap(new TreeMap<>(concernPoints));
    }

    /** Concerns inside the breadth window still worth at least {@code minPoints} points now. */
    public int liveConcerns(double minPoints) {
        int live = 0;
        for (double points : concernPoints.values()) {
            if (points >= minPoints) {
                live++;
            }
        }
        return live;
    }

    /** Distinct indicator ids of the counting contributions, strongest first. */
    public List<String> topIndicators(int limit) {
        Set<String> ids = new LinkedHashSet<>();
        for (Contribution c : contributions) {
            if (c.addsPoints()) {
                ids.add(c.indicatorId());
            }
        }
        return ids.stream().limit(limit).toList();
    }

    /** Latest date of a counting hit in the explanation, or null when there is none. */
    public LocalDate latestEvidence() {
        return contributions.stream().filter(Contribution::counts).map(Contribution::date)
                .max(LocalDate::compareTo).orElse(null);
    }

    /** Latest date of a contribution that adds points ({@link Contribution#addsPoints}), or null when there is none. */
    public LocalDate latestAddingEvidence() {
        return contributions.stream().filter(Contribution::addsPoints).map(Contribution::date)
                .max(LocalDate::compareTo).orElse(null);
    }
}

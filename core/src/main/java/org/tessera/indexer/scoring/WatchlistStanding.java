package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a child stands on the watchlist at an as-of day, decided from its history alone (reviews are
 * applied later, by the list): the entry's section, ranking keys and reason when the watchlist lists
 * it. The one rule of who is listed (docs/scoring.md "Watchlist"): amber or red, counting evidence
 * dated within the period, and either at least {@code watchlist.min_concerns} live concerns
 * (cumulative) or, with fewer, having entered its band or risen by {@code watchlist.min_rise} within
 * the period (single concern). Every rescore writes it with the child's risk ({@code risk.watchlist},
 * {@link #write}), so that the portal ranks from the stored standings (ADR 0049); the ranking of
 * loaded histories ({@code WatchlistRanker}) decides through {@link #decide} too.
 *
 * <p>Scores are kept exact (not rounded as {@code risk.score} is): the list's order compares them.
 * Immutable.
 *
 * @param cumulative           the cumulative section (else the single-concern one)
 * @param concerns             live concerns of the picture
 * @param bandAtStart          the band at the start of the period
 * @param enteredBand          whether the child crossed into amber or red within the period
 * @param rise                 score now minus score at the start of the period
 * @param velocity             points per 30 days over the velocity window
 * @param reason               the entry's one-line reason ({@link ReasonLine}; no personal details)
 * @param topIndicators        the five strongest indicators
 * @param latestEvidence       date of the newest counting evidence
 * @param latestAddingEvidence date of the newest evidence that adds points (a dismissal's watermark is compared with it)
 */
public record WatchlistStanding(boolean cumulative, int concerns, double score, Band band, Band bandAtStart, boolean enteredBand,
                                double rise, double velocity, String reason, List<String> topIndicators, LocalDate latestEvidence,
                                LocalDate latestAddingEvidence) {

    /** The field of {@code risk} that holds it on a person document. */
    public static final String FIELD = "watchlist";
    private static final int TOP_INDICATORS = 5;

    public WatchlistStanding {
        Objects.requireNonNull(band, "band");
        Objects.requireNonNull(bandAtStart, "bandAtStart");
        topIndicators = List.copyOf(topIndicators);
    }

    /**
     * The child's standing at {@code asOf} over a period of {@code periodDays}, empty when the
     * watchlist does not list it.
     *
     * @param now the child's assessment at {@code asOf} ({@link RiskScorer#assess})
     */
    public static Optional<WatchlistStanding> decide(RiskScorer scorer, ChildHistory history, RiskAssessment now, LocalDate asOf,
                                                     int periodDays) {
        LocalDate periodStart = asOf.minusDays(periodDays);
        LocalDate latest = now.now().latestEvidence();
        if (now.band().compareTo(Band.AMBER) < 0 || latest == null || !latest.isAfter(periodStart)) {
            return Optional.empty();
        }
        ScoringParameters.Watchlist rules = scorer.parameters().watchlist();
        RiskScore start = scorer.score(history, periodStart);
        double rise = now.score() - start.score();
        boolean entered = now.band().above(start.band());
        int concerns = now.now().liveConcerns(rules.minConcernPoints());
        boolean cumulative = concerns >= rules.minConcerns();
        if (!cumulative && !entered && rise < rules.minRise()) {
            return Optional.empty();
        }
        RiskScore score = now.now();
        String reason = ReasonLine.of(score, concerns, periodDays, scorer.parameters().breadth().windowDays());
        return Optional.of(new WatchlistStanding(cumulative, concerns, score.score(), score.band(), start.band(), entered, rise,
                now.velocity(), reason, score.topIndicators(TOP_INDICATORS), score.latestEvidence(), score.latestAddingEvidence()));
    }

    /**
     * Writes into {@code risk} (a person document's {@code risk} object) the standing decided for
     * {@code asOf} and {@code periodDays}: {@code watchlist.period_days} and {@code watchlist.listed}
     * always, and the entry's fields when listed. A reader trusts it only for the same as-of day
     * ({@code risk.as_of}) and period ({@link #stored}).
     */
    public static void write(ObjectNode risk, Optional<WatchlistStanding> standing, int periodDays) {
        ObjectNode node = risk.putObject(FIELD);
        node.put("period_days", periodDays);
        node.put("listed", standing.isPresent());
        standing.ifPresent(s -> {
            node.put("cumulative", s.cumulative());
            node.put("concerns", s.concerns());
            node.put("score", s.score());
            node.put("band_at_start", s.bandAtStart().label());
            node.put("entered_band", s.enteredBand());
            node.put("rise", s.rise());
            node.put("velocity", s.velocity());
            node.put("reason", s.reason());
            if (s.latestEvidence() != null) {
                node.put("latest_evidence", s.latestEvidence().toString());
            }
            if (s.latestAddingEvidence() != null) {
                node.put("latest_adding_evidence", s.latestAddingEvidence().toString());
            }
        });
    }

    /** What a person document's {@code risk} says of the child's standing. */
    public sealed interface Stored {
        /** No standing stored for {@code asOf} and the period (older code wrote it, another day, another period): decide from the history. */
        record Unknown() implements Stored {
        }

        /** Decided for the day and period: not listed. */
        record NotListed() implements Stored {
        }

        /** Decided for the day and period: listed so. */
        record Listed(WatchlistStanding standing) implements Stored {
        }
    }

    /**
     * The standing stored in {@code risk} (a person document's {@code risk} object, as {@link #write}
     * and {@code ScoreService} wrote it) when it was decided for {@code asOf} and {@code periodDays}.
     */
    public static Stored stored(JsonNode risk, LocalDate asOf, int periodDays) {
        JsonNode node = risk.path(FIELD);
        if (!asOf.toString().equals(risk.path("as_of").asText(null)) || node.path("period_days").asInt(-1) != periodDays
                || !node.path("listed").isBoolean()) {
            return new Stored.Unknown();
        }
        if (!node.path("listed").asBoolean()) {
            return new Stored.NotListed();
        }
        List<String> top = new ArrayList<>();
        risk.path("top_indicators").forEach(t -> top.add(t.asText()));
        return new Stored.Listed(new WatchlistStanding(node.path("cumulative").asBoolean(), node.path("concerns").asInt(),
                node.path("score").asDouble(), Band.parse(risk.path("band").asText()), Band.parse(node.path("band_at_start").asText()),
                node.path("entered_band").asBoolean(), node.path("rise").asDouble(), node.path("velocity").asDouble(),
                node.path("reason").asText(), top, date(node.path("latest_evidence")), date(node.path("latest_adding_evidence"))));
    }

    private static LocalDate date(JsonNode node) {
        return node.isTextual() ? LocalDate.parse(node.asText()) : null;
    }
}

package org.tessera.indexer.scoring;

/**
 * A score now and how fast it moves: {@code velocity = (now - earlier) * 30 / windowDays}, points per 30 days.
 *
 * @param earlier the score {@code velocity_window_days} before the as-of date
 */
public record RiskAssessment(RiskScore now, double earlier, double velocity) {

    public double score() {
        return now.score();
    }

    public Band band() {
        return now.band();
    }
}

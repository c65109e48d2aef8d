package org.tessera.indexer.scoring;

import org.tessera.indexer.indicators.Severity;
import java.time.LocalDate;

/**
 * One line of a score's explanation: a hit and every factor that turned it into points.
 * {@code contribution = rawWeight * decay * repeatFactor * householdFactor * contextFactor * breadthFactor} for a
 * counting hit and 0 for one kept only for display ({@code counts == false}).
 *
 * {@code contextFactor} is below 1 for a historical or uncertain hit ({@code context_weights} in scoring.yaml).
 *
 * @param concern the concern the indicator reports (its id when the catalogue names none)
 */
public record Contribution(
        String eventId,
        String indicatorId,
        String concern,
        Integer indicatorVersion,
        String title,
        LocalDate date,
        String agency,
        String recordType,
        Severity severity,
        Reach reach,
        boolean counts,
        String context,
        String evidence,
        String field,
        double rawWeight,
        double ageDays,
        double halfLifeDays,
        double decay,
        double repeatFactor,
        double householdFactor,
        double contextFactor,
        double breadthFactor,
        double contribution) {

    /** Whether this line adds points to the score: a counting hit whose contribution is above zero. */
    public boolean addsPoints() {
        return counts && contribution > 0;
    }
}

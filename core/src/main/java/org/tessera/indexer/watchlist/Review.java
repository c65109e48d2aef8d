package org.tessera.indexer.watchlist;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The review state of one child (document {@code person_id} in the {@code reviews} index) with
 * every step that led to it.
 *
 * @param evidenceWatermark date of the newest counting evidence when the last action was taken:
 *                          a dismissed child comes back only on evidence dated after it
 * @param scoreAtReview     the score when the last action was taken, for the record
 */
public record Review(String personId, ReviewState state, String assignedTo, String reason, LocalDate evidenceWatermark,
                     double scoreAtReview, Instant updatedAt, String updatedBy, List<Step> history) {

    /** One action: who moved the review to which state, when and why. */
    public record Step(ReviewState state, String by, Instant at, String reason) {
        public Step {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
        }
    }

    public Review {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(state, "state");
        history = List.copyOf(history);
    }

    /** This review after one more action. */
    Review next(ReviewState newState, String assignee, String why, LocalDate watermark, double score, Instant at, String by) {
        List<Step> steps = new ArrayList<>(history);
        steps.add(new Step(newState, by, at, why));
        return new Review(personId, newState, assignee, why, watermark, score, at, by, steps);
    }

    static Review none(String personId) {
        return new Review(personId, ReviewState.NEW, null, null, null, 0, null, null, List.of());
    }
}

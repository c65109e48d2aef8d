package org.tessera.portal.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * What the MASH decided on a referral review: the RAG rating, the outcome, the rationale, consent,
 * the next review date, who decided and when. Stored append-only in the {@code decisions} index.
 */
public record MashDecision(String personId, Rag rag, Outcome outcome, String rationale, Consent consent, LocalDate nextReview,
                           Instant decidedAt, String decidedBy, double scoreAtDecision, String bandAtDecision) {

    /** Red, amber, green or blue: sets the clock for the agencies' replies. */
    public enum Rag {
        RED, AMBER, GREEN, BLUE;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /** The next step for the child. */
    public enum Outcome {
        NFA("No further action"), EARLY_HELP("Early help"), REFERRAL("Referral to children's social care (s17 assessment)"),
        STRATEGY_DISCUSSION("Section 47 strategy discussion");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether the parents know and consent; not seeking consent needs recorded reasons (in the rationale). */
    public enum Consent {
        GIVEN("Parents informed, consent given"), REFUSED("Parents informed, consent refused"),
        NOT_SOUGHT_RISK("Not sought: seeking it would increase the risk to the child"), NOT_YET("Not yet asked");

        private final String label;

        Consent(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public MashDecision {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(rag, "a RAG rating is required");
        Objects.requireNonNull(outcome, "an outcome is required");
        Objects.requireNonNull(consent, "the consent position is required");
        if (rationale == null || rationale.isBlank()) {
            throw new IllegalArgumentException("a rationale is required");
        }
        rationale = rationale.trim();
        if (nextReview == null && outcome != Outcome.NFA) {
            throw new IllegalArgumentException("a next review date is required unless the outcome is no further action");
        }
    }

    /** "Amber · Early help · 2026-12-06 by duty" */
    public String summary() {
        return rag.label() + " · " + outcome.label() + " · " + decidedAt.toString().substring(0, 10) + " by " + decidedBy;
    }
}

package org.tessera.indexer.nlp.context;

import java.util.List;
import java.util.Objects;

/**
 * The context of one mention: which modifiers apply, who experiences it and which trigger
 * phrases decided it (for the "why" shown beside an indicator hit).
 */
public record MentionContext(boolean negated, boolean uncertain, boolean historical, boolean hypothetical,
                             Experiencer experiencer, List<String> triggers) {

    public static final MentionContext AFFIRMED =
            new MentionContext(false, false, false, false, Experiencer.UNSTATED, List.of());

    public MentionContext {
        Objects.requireNonNull(experiencer, "experiencer");
        triggers = List.copyOf(triggers);
    }

    /** The summary label; see {@link ContextLabel} for the order of precedence. */
    public ContextLabel label() {
        if (hypothetical) {
            return ContextLabel.HYPOTHETICAL;
        }
        if (negated) {
            return ContextLabel.NEGATED;
        }
        if (uncertain) {
            return ContextLabel.UNCERTAIN;
        }
        if (historical) {
            return ContextLabel.HISTORICAL;
        }
        return ContextLabel.AFFIRMED;
    }

    /**
     * Whether a default indicator counts this mention: negated and hypothetical mentions do not;
     * uncertain and historical ones do (an allegation or a past concern is still evidence), and
     * the indicator may weigh them down.
     */
    public boolean countsByDefault() {
        return !negated && !hypothetical;
    }
}

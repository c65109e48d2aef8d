package org.tessera.indexer.synthetic.notes;

/** How an indicator phrase is asserted in text. Only AFFIRMED is meant to trigger an indicator. */
public enum Cue {
    AFFIRMED(""), NEGATED(".negated"), HYPOTHETICAL(".hypothetical"), HISTORICAL(".historical"), HEDGED(".hedged");

    private final String suffix;

    Cue(String suffix) {
        this.suffix = suffix;
    }

    public String section(String indicatorId) {
        return indicatorId + suffix;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.tessera.indexer.scoring;

import java.util.Locale;

/** The RAG band of a score; order matters (a higher ordinal is a more serious band). */
public enum Band {
    GREEN, AMBER, RED;

    public static Band of(double score, ScoringParameters.Bands thresholds) {
        if (score >= thresholds.red()) {
            return RED;
        }
        return score >= thresholds.amber() ? AMBER : GREEN;
    }

    public static Band parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public boolean above(Band other) {
        return compareTo(other) > 0;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

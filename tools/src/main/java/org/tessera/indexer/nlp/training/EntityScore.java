package org.tessera.indexer.nlp.training;

import java.util.Locale;
import org.tessera.indexer.nlp.EntityType;

/** Exact-span match counts for one entity type, and the figures derived from them. */
public record EntityScore(EntityType type, int truePositives, int falsePositives, int falseNegatives) {

    public MatchCounts counts() {
        return new MatchCounts(truePositives, falsePositives, falseNegatives);
    }

    public double precision() {
        return counts().precision();
    }

    public double recall() {
        return counts().recall();
    }

    public double f1() {
        return counts().f1();
    }

    public int support() {
        return truePositives + falseNegatives;
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |",
                type, support(), truePositives, falsePositives, falseNegatives, precision(), recall(), f1());
    }
}

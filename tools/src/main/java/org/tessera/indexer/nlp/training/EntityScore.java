package org.tessera.indexer.nlp.training;

import java.util.Locale;
import org.tessera.indexer.nlp.EntityType;

/** Exact-span match counts for one entity type, and the figures derived from them. */
public record EntityScore(EntityType type, int truePositives, int falsePositives, int falseNegatives) {

    public double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    public double recall() {
        int gold = truePositives + falseNegatives;
        return gold == 0 ? 0 : (double) truePositives / gold;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public int support() {
        return truePositives + falseNegatives;
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |",
                type, support(), truePositives, falsePositives, falseNegatives, precision(), recall(), f1());
    }
}

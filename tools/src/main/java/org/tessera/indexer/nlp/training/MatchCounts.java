package org.tessera.indexer.nlp.training;

/**
 * True positives, false positives and false negatives of one measure, and the precision, recall
 * and F1 derived from them (0 where a denominator is 0): the one definition the entity and name
 * evaluations share.
 */
public record MatchCounts(int truePositives, int falsePositives, int falseNegatives) {

    public static final MatchCounts NONE = new MatchCounts(0, 0, 0);

    public MatchCounts plus(MatchCounts o) {
        return new MatchCounts(truePositives + o.truePositives, falsePositives + o.falsePositives, falseNegatives + o.falseNegatives);
    }

    public double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : (double) truePositives / predicted;
    }

    public double recall() {
        int gold = truePositives + falseNegatives;
        return gold == 0 ? 0 : (double) truePositives / gold;
    }

    public double f1() {
        return f1(precision(), recall());
    }

    /** The harmonic mean of a precision and a recall, 0 when both are 0. */
    public static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}

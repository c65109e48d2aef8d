package org.tessera.indexer.linkage;

import java.util.Collection;

/**
 * Match weight of a pair of units: the model's weight of its comparison pattern plus the
 * term-frequency adjustment, the same doubles as {@code model.weight(pattern) +
 * tf.adjustment(...)} computed pair by pair. Candidate pairs share a few thousand patterns, so
 * each pattern's weight (seven logarithms) is computed once, not once per pair (tens of millions).
 * Immutable and thread-safe.
 */
final class PairWeights {
    private static final int EMPTY = -1; // patterns are non-negative (seven 4-bit levels)

    private final MatchModel model;
    private final TermFrequencies tf;
    private final double logUGivenExact, logUFamilyExact;
    /** Open-addressing table of the known patterns and their weights. */
    private final int[] patterns;
    private final double[] weights;
    private final int mask;

    PairWeights(MatchModel model, TermFrequencies tf, Collection<Integer> knownPatterns) {
        this.model = model;
        this.tf = tf;
        this.logUGivenExact = TermFrequencies.logUExact(model, MatchModel.GIVEN);
        this.logUFamilyExact = TermFrequencies.logUExact(model, MatchModel.FAMILY);
        int capacity = Integer.highestOneBit(Math.max(4, knownPatterns.size() * 2)) << 1;
        patterns = new int[capacity];
        weights = new double[capacity];
        mask = capacity - 1;
        java.util.Arrays.fill(patterns, EMPTY);
        for (int p : knownPatterns) {
            int at = slot(p);
            patterns[at] = p;
            weights[at] = model.weight(p);
        }
    }

    /** Weight of units {@code a} and {@code b} compared with this pattern. */
    double weight(int pattern, int a, int b) {
        return patternWeight(pattern) + tf.adjustment(pattern, a, b, logUGivenExact, logUFamilyExact);
    }

    private double patternWeight(int pattern) {
        int at = slot(pattern);
        return patterns[at] == pattern ? weights[at] : model.weight(pattern);
    }

    private int slot(int pattern) {
        int at = (pattern * 0x9E3779B9) >>> 7 & mask;
        while (patterns[at] != EMPTY && patterns[at] != pattern) at = (at + 1) & mask;
        return at;
    }
}

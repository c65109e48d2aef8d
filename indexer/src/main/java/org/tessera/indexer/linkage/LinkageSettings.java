package org.tessera.indexer.linkage;

/**
 * Tuning of the linker. Defaults favour precision: merging two different children is the worst
 * error, so a pair is merged automatically only when the model is very sure.
 *
 * @param autoMatchProbability pairs at or above are merged (subject to the guards)
 * @param reviewProbability    pairs at or above (and below auto) go to clerical review
 * @param maxBlockSize         blocks larger than this are skipped (counted in the stats) to keep cost near-linear
 * @param uSampleSize          random pairs drawn to initialise u probabilities
 * @param emIterations         maximum EM iterations
 * @param termFrequencyAdjustment exact name agreement weighs more for rare names and less for common ones (Splink's TF adjustment)
 * @param seed                 random seed (sampling), so runs are reproducible
 */
public record LinkageSettings(double autoMatchProbability, double reviewProbability, int maxBlockSize, int uSampleSize,
                              int emIterations, boolean termFrequencyAdjustment, long seed) {
    public LinkageSettings {
        if (!(reviewProbability > 0 && reviewProbability <= autoMatchProbability && autoMatchProbability < 1)) {
            throw new IllegalArgumentException("need 0 < review <= auto < 1");
        }
        if (maxBlockSize < 2 || uSampleSize < 1000 || emIterations < 1) throw new IllegalArgumentException("bad sizes");
    }

    public static LinkageSettings defaults() {
        return new LinkageSettings(0.995, 0.5, 1000, 200_000, 60, true, 20260601L);
    }
}

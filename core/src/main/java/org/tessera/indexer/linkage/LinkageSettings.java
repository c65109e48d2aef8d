package org.tessera.indexer.linkage;

/**
 * Tuning of the linker. Defaults favour precision: merging two different children is the worst
 * error, so a pair is merged automatically only when the model is very sure.
 *
 * @param autoMatchProbability pairs at or above are merged (subject to the guards)
 * @param reviewProbability    pairs at or above (and below auto) go to clerical review
 * @param refineBlockSize      a blocking key shared by more units than this is blocked again on the rule's
 *                             refinement (see {@link Blocking}); demonstration-scale blocks stay below it
 * @param maxBlockSize         blocks still larger than this after refinement are skipped (counted in the stats)
 * @param uSampleSize          random pairs drawn to initialise u probabilities
 * @param emIterations         maximum EM iterations
 * @param termFrequencyAdjustment exact name agreement weighs more for rare names and less for common ones (Splink's TF adjustment)
 * @param seed                 random seed (sampling), so runs are reproducible
 * @param wideBlocking         also compare the pairs of the wide blocking rules (postcode + family initial, house
 *                             number + name sound; see {@link Blocking#FIRST_WIDE_RULE}); false gives the candidates of
 *                             the six rules alone, as before issue #18's wide blocking
 * @param consistentMatchProbability a <em>consistent</em> pair (at most one field disagrees, two of date of birth,
 *                             postcode, address and identifier shown; {@code FellegiSunterLinker.consistent}) is merged
 *                             from this probability instead of the auto-match one when uncontested (ADR 0028, 0036,
 *                             0042); equal to
 *                             {@code autoMatchProbability} turns that off (the linker of before)
 * @param autoMatchWithoutHouseholds the auto-match probability where the candidate pairs show the data has no households
 *                             ({@link MatchModel#withoutHouseholds()}: records of independent people, as FEBRL and issue
 *                             #18's sets "C" and "F"; ADR 0052); equal to {@code autoMatchProbability} applies that everywhere
 */
public record LinkageSettings(double autoMatchProbability, double reviewProbability, int refineBlockSize, int maxBlockSize, int uSampleSize,
                              int emIterations, boolean termFrequencyAdjustment, long seed, boolean wideBlocking,
                              double consistentMatchProbability, double autoMatchWithoutHouseholds) {
    public LinkageSettings {
        if (!(reviewProbability > 0 && reviewProbability <= autoMatchProbability && autoMatchProbability < 1)) {
            throw new IllegalArgumentException("need 0 < review <= auto < 1");
        }
        if (!(consistentMatchProbability >= reviewProbability && consistentMatchProbability <= autoMatchProbability)) {
            throw new IllegalArgumentException("need review <= consistent <= auto");
        }
        if (!(autoMatchWithoutHouseholds >= reviewProbability && autoMatchWithoutHouseholds <= autoMatchProbability)) {
            throw new IllegalArgumentException("need review <= auto without households <= auto");
        }
        if (refineBlockSize < 2 || maxBlockSize < refineBlockSize || uSampleSize < 1000 || emIterations < 1) throw new IllegalArgumentException("bad sizes");
    }

    public static LinkageSettings defaults() {
        return new LinkageSettings(0.995, 0.5, 100, 1000, 200_000, 60, true, 20260601L, true, 0.9, 0.9);
    }

    /** These settings with the wide blocking rules on or off. */
    public LinkageSettings withWideBlocking(boolean on) {
        return new LinkageSettings(autoMatchProbability, reviewProbability, refineBlockSize, maxBlockSize, uSampleSize, emIterations,
                termFrequencyAdjustment, seed, on, consistentMatchProbability, autoMatchWithoutHouseholds);
    }

    /** These settings with consistent pairs merged from {@code probability} (the auto-match probability: off). */
    public LinkageSettings withConsistentMatchProbability(double probability) {
        return new LinkageSettings(autoMatchProbability, reviewProbability, refineBlockSize, maxBlockSize, uSampleSize, emIterations,
                termFrequencyAdjustment, seed, wideBlocking, probability, autoMatchWithoutHouseholds);
    }

    /** The auto-match probability of data shown to have no households, or of any other (see {@code autoMatchWithoutHouseholds}). */
    public double autoMatchProbability(boolean withoutHouseholds) {
        return withoutHouseholds ? autoMatchWithoutHouseholds : autoMatchProbability;
    }
}

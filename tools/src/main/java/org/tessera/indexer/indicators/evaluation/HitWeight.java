package org.tessera.indexer.indicators.evaluation;

import org.tessera.indexer.indicators.IndicatorHit;

/** The factor a hit's context puts on its weight: 0 when it does not count, 1 at full weight, in between when reduced. */
@FunctionalInterface
public interface HitWeight {

    /** Counting hits at full weight, the others not at all (no reduced weights). */
    HitWeight DEFAULT = hit -> hit.counts() ? 1.0 : 0.0;

    double factor(IndicatorHit hit);

    /** The scorer's weighting: a counting hit at its context's factor from scoring.yaml ({@code context_weights}). */
    static HitWeight of(org.tessera.indexer.scoring.ScoringParameters.ContextWeights weights) {
        return hit -> hit.counts() ? weights.factor(String.join(",", hit.context().labels())) : 0.0;
    }
}

package org.tessera.indexer.linkage;

import java.util.List;
import java.util.Map;

/**
 * What linkage concluded.
 *
 * @param personIds   occurrence id to person id, for every input occurrence; person id is
 *                    {@code pe-} + hash of the smallest occurrence id in the cluster (stable across
 *                    re-runs while that occurrence stays in the cluster)
 * @param reviewPairs clerical review queue, ordered by descending probability
 * @param model       the fitted model (m/u per level), for reports
 */
public record LinkageResult(Map<String, String> personIds, List<ReviewPair> reviewPairs, MatchModel model, Stats stats) {
    public LinkageResult {
        personIds = Map.copyOf(personIds);
        reviewPairs = List.copyOf(reviewPairs);
    }

    /**
     * @param occurrences    occurrences linked
     * @param distinct       units actually compared: identical occurrences sharing a valid strong identifier count once
     * @param candidatePairs pairs compared after blocking
     * @param skippedBlocks  blocks over the size cap (their pairs not generated)
     * @param strongLinks    merges made on a shared valid strong identifier
     * @param modelLinks     merges made by the probabilistic model
     * @param guardedPairs   auto-match pairs refused by a guard (same record, conflicting identifiers, split decision)
     */
    public record Stats(int occurrences, int distinct, int persons, long candidatePairs, int skippedBlocks, int strongLinks,
                        int modelLinks, int guardedPairs, long millis) {}
}

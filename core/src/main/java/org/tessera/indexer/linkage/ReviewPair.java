package org.tessera.indexer.linkage;

import java.util.Map;

/**
 * A pair the model could not settle: a person must decide (merge or split). Output for the
 * clerical review queue.
 *
 * @param matchWeight  log2 Bayes factor including the prior
 * @param levels       comparison name to the level that applied (why the model scored it so)
 * @param reason       why the pair is in review
 */
public record ReviewPair(OccurrencePair pair, double matchWeight, double matchProbability, Map<String, String> levels,
                         String reason) {
    public ReviewPair {
        levels = Map.copyOf(levels);
    }
}

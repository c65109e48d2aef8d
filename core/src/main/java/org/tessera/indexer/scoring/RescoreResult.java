package org.tessera.indexer.scoring;

import java.util.List;

/**
 * What a rescore did: children scored, person documents written, and the ones the engine
 * refused, each with its reason (the rest of the batch is still written).
 */
public record RescoreResult(int scored, int written, List<String> failures) {
    public RescoreResult {
        failures = List.copyOf(failures);
    }
}

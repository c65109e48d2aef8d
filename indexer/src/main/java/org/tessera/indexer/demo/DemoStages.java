package org.tessera.indexer.demo;

import org.tessera.indexer.opensearch.OpenSearchConnection;

/** Steps the demo needs beyond ingest. */
final class DemoStages {

    private DemoStages() {
    }

    /** Stores the shipped indicator catalogue in the percolator index (idempotent). */
    static void loadIndicators(OpenSearchConnection connection) {
        // wired to the indicator store when the catalogue lands
    }
}

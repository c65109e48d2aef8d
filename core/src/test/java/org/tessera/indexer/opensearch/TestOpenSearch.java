package org.tessera.indexer.opensearch;

import org.tessera.indexer.opensearch.index.IndexManager;

/**
 * What {@link OpenSearchExtension} hands a test class: a connection whose index prefix is unique
 * to the class (so every class starts with fresh, empty indices), the manager that created them,
 * and the properties to open further connections to the same server.
 */
public record TestOpenSearch(OpenSearchConnection connection, IndexManager indices, OpenSearchProperties properties) {

    public String alias(String logicalName) {
        return connection.alias(logicalName);
    }

    public void refresh() {
        indices.refreshAll();
    }
}

package org.tessera.indexer.opensearch;

import java.util.List;

/**
 * What is answering on the embedded server's port.
 *
 * @param running   a cluster answers on the port
 * @param pid       the server's process id, or -1 when unknown
 * @param version   the OpenSearch version reported, or null
 * @param health    cluster health colour, or null
 * @param modules   installed modules and plugins (e.g. percolator)
 * @param url       the HTTP address
 */
public record EngineStatus(boolean running, long pid, String version, String health, List<String> modules, String url) {

    public EngineStatus {
        modules = modules == null ? List.of() : List.copyOf(modules);
    }

    public static EngineStatus stopped(String url) {
        return new EngineStatus(false, -1, null, null, List.of(), url);
    }

    public boolean hasPercolator() {
        return modules.contains("percolator");
    }
}

package org.tessera.indexer.opensearch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the embedded single-node OpenSearch is laid out and started.
 *
 * @param home          working directory: the unpacked distribution, data, logs and pid file live here
 * @param httpPort      loopback HTTP port
 * @param transportPort loopback transport port
 * @param heap          JVM heap, e.g. {@code 1g}; start and max heap are both set to it
 * @param distribution  the OpenSearch zip; {@code null} means "find it" (beside the build, then in ~/.m2)
 * @param runAsUser     the unprivileged system user the server runs as when the launcher is root
 * @param startTimeout  how long to wait for a healthy cluster after starting
 * @param topology      single node (default) or this node's place in a loopback cluster
 */
public record EmbeddedProperties(
        Path home, int httpPort, int transportPort, String heap, Path distribution, String runAsUser,
        Duration startTimeout, NodeTopology topology) {

    public static final String OPENSEARCH_VERSION = "3.8.0";

    public EmbeddedProperties {
        Objects.requireNonNull(home, "home");
        if (httpPort <= 0 || transportPort <= 0) {
            throw new IllegalArgumentException("ports must be positive");
        }
        if (heap == null || !heap.matches("\\d+[mMgG]")) {
            throw new IllegalArgumentException("heap must look like 512m or 1g, was " + heap);
        }
        runAsUser = runAsUser == null || runAsUser.isBlank() ? "tessera" : runAsUser;
        startTimeout = startTimeout == null ? Duration.ofSeconds(180) : startTimeout;
        topology = topology == null ? NodeTopology.singleNode() : topology;
    }

    public EmbeddedProperties(Path home, int httpPort, int transportPort, String heap, Path distribution, String runAsUser,
            Duration startTimeout) {
        this(home, httpPort, transportPort, heap, distribution, runAsUser, startTimeout, NodeTopology.singleNode());
    }

    public EmbeddedProperties withHome(Path newHome) {
        return new EmbeddedProperties(newHome, httpPort, transportPort, heap, distribution, runAsUser, startTimeout, topology);
    }

    public EmbeddedProperties withPorts(int http, int transport) {
        return new EmbeddedProperties(home, http, transport, heap, distribution, runAsUser, startTimeout, topology);
    }
}

package org.tessera.indexer.opensearch;

import java.util.List;
import java.util.Objects;

/**
 * Where one embedded node stands in its cluster. The default is a single-node cluster; a
 * multi-node loopback cluster (for testing scale-out and failover) names its seed hosts, the
 * initial cluster-manager nodes and this node's roles.
 *
 * @param nodeName         unique per cluster
 * @param roles            e.g. {@code [cluster_manager, data, ingest]}; empty means all default roles
 * @param seedHosts        transport addresses of the other nodes, e.g. {@code 127.0.0.1:9511}; empty for single-node
 * @param initialManagers  node names that bootstrap the first election; empty for single-node
 */
public record NodeTopology(String nodeName, List<String> roles, List<String> seedHosts, List<String> initialManagers) {

    public NodeTopology {
        Objects.requireNonNull(nodeName, "nodeName");
        roles = roles == null ? List.of() : List.copyOf(roles);
        seedHosts = seedHosts == null ? List.of() : List.copyOf(seedHosts);
        initialManagers = initialManagers == null ? List.of() : List.copyOf(initialManagers);
    }

    public static NodeTopology singleNode() {
        return new NodeTopology("tessera-embedded", List.of(), List.of(), List.of());
    }

    public boolean single() {
        return seedHosts.isEmpty() && initialManagers.isEmpty();
    }

    /** Lines of opensearch.yml for this topology. */
    List<String> configuration() {
        if (single()) {
            return List.of("node.name: " + nodeName, "discovery.type: single-node");
        }
        List<String> lines = new java.util.ArrayList<>();
        lines.add("node.name: " + nodeName);
        lines.add("discovery.seed_hosts: [" + String.join(", ", seedHosts) + "]");
        lines.add("cluster.initial_cluster_manager_nodes: [" + String.join(", ", initialManagers) + "]");
        if (!roles.isEmpty()) {
            lines.add("node.roles: [" + String.join(", ", roles) + "]");
        }
        return lines;
    }
}

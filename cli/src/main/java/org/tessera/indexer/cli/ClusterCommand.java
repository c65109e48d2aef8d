package org.tessera.indexer.cli;

import org.tessera.indexer.cluster.ClusterCheck;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera cluster check}: the two-node failover check of docs/operations.md. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Scale-out checks on a loopback OpenSearch cluster.",
        subcommands = ClusterCommand.Check.class)
public final class ClusterCommand extends CommandGroup {

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Start two nodes (one replica), ingest, stop a node mid-ingest, recover, compare with a single-node run.")
    static final class Check implements Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        ClusterCommand parent;

        @Option(names = "--docs", defaultValue = "20000", description = "events to ingest (default ${DEFAULT-VALUE})")
        int documents;

        @Option(names = "--base-port", defaultValue = "9411", description = "HTTP port of node 1; node 2 uses the next one")
        int basePort;

        @Option(names = "--heap", defaultValue = "512m", description = "heap per node")
        String heap;

        @Override
        public Integer call() {
            var properties = OpenSearchSettings.from(parent.options.settings());
            Path root = properties.embedded().home().resolveSibling("cluster-check");
            try (OpenSearchConnection single = OpenSearchConnection.open(properties.withIndexPrefix("cluster-check-single"))) {
                ClusterCheck.Result result = new ClusterCheck(root, basePort, heap).run(documents, single);
                new org.tessera.indexer.opensearch.index.IndexManager(single,
                        org.tessera.indexer.opensearch.index.IndexDefinitions.loadDefault()).deleteAll();
                System.out.printf("documents ingested:        %,d%n", result.documents());
                System.out.printf("count on cluster:          %,d%n", result.clusterCount());
                System.out.printf("count on single node:      %,d%n", result.singleNodeCount());
                System.out.printf("sampled documents equal:   %d of %d%n", result.sampled() - result.sampleMismatches(), result.sampled());
                System.out.printf("search hits cluster/single: %d / %d%n", result.searchHitsCluster(), result.searchHitsSingle());
                System.out.printf("health after recovery:     %s%n", result.healthAfterRecovery());
                System.out.printf("bulk retries during outage: %d%n", result.retries());
                System.out.printf("elapsed:                   %d s%n", result.elapsed().toSeconds());
                System.out.println(result.passed() ? "PASSED: nothing lost" : "FAILED");
                return result.passed() ? 0 : 1;
            }
        }
    }
}

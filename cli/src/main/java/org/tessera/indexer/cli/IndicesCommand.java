package org.tessera.indexer.cli;

import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera indices create|migrate}: index definitions from mappings/indices/ into OpenSearch. */
@Command(name = "indices", mixinStandardHelpOptions = true,
        description = "Create Tessera's indices (versioned, behind aliases) or roll one forward to a new mapping version.")
final class IndicesCommand extends CommandGroup {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create every missing index and alias; report outdated ones.")
    int create() {
        try (OpenSearchConnection connection = options.openConnection()) {
            for (IndexManager.IndexState state : new IndexManager(connection, IndexDefinitions.loadDefault()).ensureAll()) {
                System.out.printf("%-24s -> %-32s %s%n", state.alias(), state.concreteIndex(),
                        state.created() ? "created" : state.outdated() ? "OUTDATED (file v" + state.fileVersion() + ")" : "ok");
            }
        }
        return 0;
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Reindex a logical index into its new mapping version and switch the alias.")
    int migrate(@Parameters(paramLabel = "NAME", description = "logical index, e.g. events") String name,
                @Option(names = "--delete-old", description = "Delete the previous version after the switch.") boolean deleteOld) {
        try (OpenSearchConnection connection = options.openConnection()) {
            IndexManager.IndexState state = new IndexManager(connection, IndexDefinitions.loadDefault()).migrate(name, deleteOld);
            System.out.println(state.alias() + " -> " + state.concreteIndex());
        }
        return 0;
    }
}

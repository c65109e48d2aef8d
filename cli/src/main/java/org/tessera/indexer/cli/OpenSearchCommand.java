package org.tessera.indexer.cli;

import org.tessera.indexer.opensearch.EmbeddedOpenSearch;
import org.tessera.indexer.opensearch.EngineStatus;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import picocli.CommandLine.Command;

/** {@code tessera opensearch start|stop|status}: the embedded single-node server. */
@Command(name = "opensearch", mixinStandardHelpOptions = true,
        description = "Manage the embedded OpenSearch server (ignored when tessera.opensearch.uris names a cluster).")
final class OpenSearchCommand extends CommandGroup {

    EmbeddedOpenSearch embedded() {
        OpenSearchProperties properties = OpenSearchSettings.from(options.settings());
        if (properties.external()) {
            throw new IllegalStateException("tessera.opensearch.uris is set (" + properties.uris()
                    + "): Tessera uses that cluster and runs no embedded server");
        }
        return new EmbeddedOpenSearch(properties.embedded());
    }

    static void print(EngineStatus status) {
        if (!status.running()) {
            System.out.println("OpenSearch: not running (" + status.url() + ")");
            return;
        }
        System.out.println("OpenSearch: running");
        System.out.println("  url:        " + status.url());
        System.out.println("  pid:        " + status.pid());
        System.out.println("  version:    " + status.version());
        System.out.println("  health:     " + status.health());
        System.out.println("  percolator: " + (status.hasPercolator() ? "present" : "MISSING"));
        System.out.println("  modules:    " + String.join(", ", status.modules()));
    }

    @Command(name = "start", mixinStandardHelpOptions = true, description = "Start the server, or reuse the one already running.")
    int start() {
        print(embedded().start());
        return 0;
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the server cleanly.")
    int stop() {
        System.out.println(embedded().stop() ? "OpenSearch: stopped" : "OpenSearch: was not running");
        return 0;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Say whether the server runs, its pid, version, health and modules. Exit 3 when it is not running.")
    int status() {
        EngineStatus status = embedded().status();
        print(status);
        return status.running() ? 0 : 3;
    }
}

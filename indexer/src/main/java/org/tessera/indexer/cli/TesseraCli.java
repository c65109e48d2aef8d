package org.tessera.indexer.cli;

import java.nio.file.Path;
import org.tessera.indexer.config.SettingsSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ./tessera} command line: one entry point whose subcommands each own one job. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "Tessera 0.1.0",
        description = "Multi-agency child-protection search and risk analytics.",
        subcommands = {
                OpenSearchCommand.class,
                IndicesCommand.class,
                org.tessera.indexer.synthetic.GenerateCommand.class,
                org.tessera.indexer.indicators.IndicatorsCommand.class,
                org.tessera.indexer.ingest.SourcesCommand.class,
                org.tessera.indexer.ingest.pipeline.IngestCommand.class,
                org.tessera.indexer.ingest.pipeline.WithdrawalsCommand.class,
                org.tessera.indexer.ingest.pipeline.FeedsCommand.class,
                org.tessera.indexer.ingest.pipeline.RelinkCommand.class,
                org.tessera.indexer.scoring.RescoreCommand.class,
                org.tessera.indexer.watchlist.ExportCommand.class,
                org.tessera.indexer.audit.AuditCommand.class,
                org.tessera.indexer.demo.DemoCommand.class,
                org.tessera.indexer.cluster.ClusterCommand.class,
                org.tessera.indexer.bench.BenchCommand.class,
                org.tessera.indexer.evaluation.EvaluateCommand.class,
                CommandLine.HelpCommand.class})
public final class TesseraCli implements Runnable {

    @Option(names = "--config", description = "Settings file (Java properties, tessera.* keys). Default: ./tessera.properties if present.",
            defaultValue = "tessera.properties", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Settings for subcommands: system properties, then environment, then the config file. */
    public SettingsSource settings() {
        return SettingsSource.standard(config);
    }

    /** A connection to the configured OpenSearch (starting or reusing the embedded server unless uris are set). */
    public org.tessera.indexer.opensearch.OpenSearchConnection openConnection() {
        return org.tessera.indexer.opensearch.OpenSearchConnection.open(
                org.tessera.indexer.opensearch.OpenSearchSettings.from(settings()));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new TesseraCli())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("tessera: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
                    if (System.getenv("TESSERA_DEBUG") != null) {
                        e.printStackTrace(commandLine.getErr());
                    }
                    return 1;
                })
                .execute(args);
        System.exit(exit);
    }
}

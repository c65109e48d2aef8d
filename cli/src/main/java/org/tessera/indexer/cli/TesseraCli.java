package org.tessera.indexer.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ./tessera} command line: one entry point whose subcommands each own one job. */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "Tessera 0.1.0",
        description = "Multi-agency child-protection search and risk analytics.",
        subcommands = {
                OpenSearchCommand.class,
                IndicesCommand.class,
                GenerateCommand.class,
                IndicatorsCommand.class,
                SourcesCommand.class,
                IngestCommand.class,
                WithdrawalsCommand.class,
                RescoreCommand.class,
                ExportCommand.class,
                AuditCommand.class,
                DemoCommand.class,
                ClusterCommand.class,
                BenchCommand.class,
                EvaluateCommand.class,
                CommandLine.HelpCommand.class})
public final class TesseraCli implements Runnable {

    @Option(names = "--config", description = "Settings file (Java properties, tessera.* keys). Default: ./tessera.properties if present.",
            defaultValue = "tessera.properties", scope = CommandLine.ScopeType.INHERIT)
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

package org.tessera.indexer.ingest;

import picocli.CommandLine.Command;

/** {@code tessera sources ...}: tools for source mapping files. Register under the top-level command. */
@Command(name = "sources", mixinStandardHelpOptions = true, subcommands = SourcesCheckCommand.class,
        description = "Source mapping tools (see docs/source-mappings.md).")
public final class SourcesCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

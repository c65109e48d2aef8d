package org.tessera.indexer.cli;

import picocli.CommandLine.Command;

/** {@code tessera sources ...}: tools for source mapping files. Register under the top-level command. */
@Command(name = "sources", mixinStandardHelpOptions = true, subcommands = SourcesCheckCommand.class,
        description = "Source mapping tools (see docs/source-mappings.md).")
public final class SourcesCommand extends CommandGroup {
}

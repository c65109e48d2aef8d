package org.tessera.indexer.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose work is in its subcommands ({@code tessera indices create}): run alone it prints
 * its usage. Its subcommands reach the shared options through it ({@code parent.options}).
 */
abstract class CommandGroup implements Runnable {

    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

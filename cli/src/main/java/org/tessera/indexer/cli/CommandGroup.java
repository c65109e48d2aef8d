package org.tessera.indexer.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command whose work is in its subcommands ({@code tessera indices create}): run alone it prints
 * its usage. A subcommand is a {@code @Command} method of its group, its options and parameters the
 * method's (picocli's method subcommands: {@code tessera indices create}, {@code opensearch start});
 * one with many options or state of its own is a nested class that reaches the shared options
 * through the group ({@code @ParentCommand}, {@code parent.options}).
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

package org.tessera.indexer.cli;

import picocli.CommandLine.Option;

/**
 * The load of the benchmarks that simulate users ({@code bench search}, {@code bench portal}), as a
 * mixin ({@code @Mixin LoadOptions load}) so that the two options' names and defaults are written
 * once: {@code --users} concurrent users for {@code --seconds} seconds. Not thread-safe; picocli
 * fills one instance per invocation.
 */
public final class LoadOptions {

    @Option(names = "--users", defaultValue = "20")
    int users;

    @Option(names = "--seconds", defaultValue = "60")
    int seconds;
}

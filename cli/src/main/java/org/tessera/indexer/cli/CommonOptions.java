package org.tessera.indexer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The one options mixin every command shares ({@code @Mixin CommonOptions options}): the settings
 * (hence the OpenSearch connection) and the output format. The settings file is {@code --config}, an
 * option of the root command inherited by every subcommand; a command run on its own (a test's
 * {@code new CommandLine(new XCommand())}) reads {@code ./tessera.properties}. Not thread-safe;
 * picocli fills one instance per command invocation.
 */
public final class CommonOptions {

    static final Path DEFAULT_CONFIG = Path.of("tessera.properties");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Output format of a command that writes data (export: csv or jsonl; indicators test: text, json or jsonl).")
    String format;

    /** Settings: system properties, then environment, then the {@code --config} file. */
    public SettingsSource settings() {
        return SettingsSource.standard(config());
    }

    /** A connection to the configured OpenSearch (starting or reusing the embedded server unless uris are set). */
    public OpenSearchConnection openConnection() {
        return OpenSearchConnection.open(OpenSearchSettings.from(settings()));
    }

    /**
     * The {@code --format} given, lower-cased, or {@code fallback}; a value outside {@code accepted}
     * is a usage error naming the accepted ones.
     */
    public String format(String fallback, String... accepted) {
        String chosen = format == null ? fallback : format.toLowerCase(Locale.ROOT);
        if (!List.of(accepted).contains(chosen)) {
            throw new CommandLine.ParameterException(command.commandLine(),
                    "--format must be " + String.join(", ", accepted) + " (was " + format + ")");
        }
        return chosen;
    }

    /**
     * The settings file: the root's {@code --config}. A file named on the command line that does not
     * exist is a usage error (a mistyped path must not fall back to the default embedded server and
     * its data); the default {@code ./tessera.properties} is read only if present.
     */
    private Path config() {
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            if (spec.userObject() instanceof TesseraCli root) {
                if (root.config != null && !root.config.equals(DEFAULT_CONFIG) && !Files.isRegularFile(root.config)) {
                    throw new CommandLine.ParameterException(command.commandLine(),
                            "--config " + root.config + ": no such settings file");
                }
                return root.config;
            }
        }
        return DEFAULT_CONFIG;
    }
}

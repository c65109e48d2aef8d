package org.tessera.indexer.cli;

import java.nio.file.Path;
import org.tessera.indexer.scoring.ScoringParameters;
import picocli.CommandLine.Option;

/**
 * The {@code --scoring FILE} option of the commands that score ({@code rescore}, {@code export},
 * {@code evaluate}), as a mixin ({@code @Mixin ScoringOption scoring}) so that its name, help and
 * default are written once. Not thread-safe; picocli fills one instance per invocation.
 */
public final class ScoringOption {

    @Option(names = "--scoring", paramLabel = "FILE", description = "Scoring parameters file. Default: the shipped mappings/scoring.yaml.")
    Path file;

    /** The given file's parameters, else the shipped defaults. */
    public ScoringParameters parameters() {
        return file == null ? ScoringParameters.loadDefault() : ScoringParameters.load(file);
    }
}

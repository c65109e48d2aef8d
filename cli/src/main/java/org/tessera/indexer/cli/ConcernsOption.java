package org.tessera.indexer.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.indicators.evaluation.ConcernMap;
import picocli.CommandLine.Option;

/**
 * The {@code --concerns FILE} option of the commands that measure or train on the concern corpus
 * ({@code indicators evaluate-concerns}, {@code calibrate}, {@code train-classifier}), as a mixin
 * ({@code @Mixin ConcernsOption concerns}): its name, default and reading written once. Not
 * thread-safe; picocli fills one instance per invocation.
 */
public final class ConcernsOption {

    @Option(names = "--concerns", defaultValue = "nlp-models/eval/concerns.yaml",
            description = "which indicators recognise each concern (default: ${DEFAULT-VALUE})")
    Path file;

    /** The concern map, its indicators checked against the catalogue's. */
    public ConcernMap read(IndicatorCatalogue catalogue) {
        Set<String> ids = new HashSet<>();
        catalogue.all().forEach(i -> ids.add(i.id()));
        return ConcernMap.read(file, ids);
    }
}

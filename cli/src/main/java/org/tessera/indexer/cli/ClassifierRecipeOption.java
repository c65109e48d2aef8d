package org.tessera.indexer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import picocli.CommandLine.Option;

/**
 * The options of the classifier's training recipe that {@code indicators train-classifier} and {@code indicators evaluate
 * --cross-validate} share ({@code --features}, {@code --negatives}, {@code --distractor-cost}, {@code --routine-ceiling}, {@code --l1},
 * {@code --hold-out-writers}), as a
 * mixin: written once, applied to the trainer's options by {@link #apply}. Not thread-safe; picocli fills one instance per
 * invocation.
 */
public final class ClassifierRecipeOption {

    @Option(names = "--features", defaultValue = "embedding", description = "what the heads read (ADR 0044): embedding (the MiniLM "
            + "sentence vector) or words (word stems and stem pairs: nothing is embedded) (default: ${DEFAULT-VALUE})")
    String features;

    @Option(names = "--negatives", paramLabel = "FILE", description = "negatives-only corpus (every item concern none: routine agency "
            + "sentences), repeatable: every fold's classifier and the written one are trained on it, no figure is scored on it")
    List<Path> negatives = List.of();

    @Option(names = "--distractor-cost", defaultValue = "3.0", description = "what the threshold choice charges for a distractor or "
            + "negatives-only item a head makes count, in affirmed items gained (default: ${DEFAULT-VALUE})")
    double distractorCost;

    @Option(names = "--routine-ceiling", paramLabel = "SHARE", defaultValue = "1.0", description = "the most of the negatives-only "
            + "items (routine text) a head may fire on out of fold, as a share (e.g. 0.002): thresholds that fire on more are never "
            + "chosen; the figures then also show the same heads without it (default: ${DEFAULT-VALUE}, none)")
    double routineCeiling;

    @Option(names = "--l1", defaultValue = "0", description = "with --features words: the fit's L1 term (e.g. 0.001): weights it "
            + "outweighs are zero, so the file is sparse (default: ${DEFAULT-VALUE}, none)")
    double l1;

    @Option(names = "--hold-out-writers", split = ",", paramLabel = "WRITER", description = "with --by-writer: score only these "
            + "writers' folds (id prefixes, e.g. S or T.heldout8), train no other fold (a development aid for a busy machine; no file "
            + "is written)")
    Set<String> holdOutWriters = Set.of();

    /** The recipe's options on top of {@code options}; fails naming the option on an unknown {@code --features}. */
    ConcernClassifierTrainer.Options apply(ConcernClassifierTrainer.Options options) {
        if (!readsWords() && !features.equals(ConcernClassifier.EMBEDDING)) {
            throw new IllegalArgumentException("--features must be " + ConcernClassifier.EMBEDDING + " or " + ConcernClassifier.WORDS
                    + ", was " + features);
        }
        return options.withFeatures(features).withDistractorCost(distractorCost).withOnlyWriters(holdOutWriters)
                .withRoutineCeiling(routineCeiling).withL1(l1);
    }

    boolean readsWords() {
        return features.equals(ConcernClassifier.WORDS);
    }
}

package org.tessera.indexer.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.tessera.indexer.indicators.evaluation.CachingSentenceEncoder;
import org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer;
import org.tessera.indexer.indicators.evaluation.ConcernClassifierTraining;
import org.tessera.indexer.indicators.evaluation.ConcernMap;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.MiniLmSentenceEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code tessera indicators train-classifier}: see {@link ConcernClassifierTraining}. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train the semantic stage's classifier (one logistic-regression head per concept over the sentence embeddings) "
                + "on DEVELOPMENT corpora (refuses a frozen held-out file), print its cross-validated figures and thresholds, and "
                + "write it with its provenance. Needs no engine.")
final class TrainClassifierCommand implements Callable<Integer> {

    @ParentCommand
    IndicatorsCommand parent;

    @Parameters(paramLabel = "CORPUS", arity = "1..*", description = "development corpora (*.jsonl)")
    List<Path> corpora;

    @Mixin
    ConcernsOption concerns;

    @Mixin
    ClassifierRecipeOption recipe;

    @Option(names = "--out", description = "where to write the classifier (e.g. nlp-models/concern-classifier.json); default: not written")
    Path out;

    @Option(names = "--gate", defaultValue = "all", description = "which sentences are embedded: cues, all, or anchors (only sentences "
            + "holding a word stem learned as an anchor of some head, and each head judges only sentences holding one of its own; "
            + "the figures then also show the same heads without anchors) (default: ${DEFAULT-VALUE})")
    String gate;

    @Option(names = "--compare", description = "with --by-writer: print the stage's out-of-writer figures under four recipes fitted "
            + "on the same folds (heads over the embedding, word heads, a word gate in front of the embedding heads, their mean; "
            + "ADR 0044) and write nothing (a development aid; --hold-out-writers limits the folds)")
    boolean compare;

    @Option(names = "--anchor-precision", defaultValue = "0.2", description = "with --gate anchors: the share of the items holding a "
            + "word stem that must be a concept's affirmed ones for the stem to anchor its head (default: ${DEFAULT-VALUE})")
    double anchorPrecision;

    @Option(names = "--positives", defaultValue = "affirmed", description = "affirmed or all items of a concern are its positives (default: ${DEFAULT-VALUE})")
    String positives;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--by-writer", description = "cross-validate with one fold per writer (id prefix, one per corpus file)")
    boolean byWriter;

    @Option(names = "--routine-heldout", paramLabel = "FILE", description = "held-out routine text (every item concern none; e.g. "
            + "nlp-models/eval/routine-heldout.jsonl), repeatable: never trained on and never used to choose a threshold; how often "
            + "each fold's heads and the written ones fire on it is printed and written into the provenance")
    List<Path> routineHeldOut = List.of();

    @Option(names = "--vector-cache", paramLabel = "FILE", description = "keep sentence vectors in FILE across runs (a development aid: "
            + "the figures are the same without it); default: in memory only")
    Path vectorCache;

    @Option(names = "--context-out", description = "where to write the context head (ADR 0021; e.g. nlp-models/context-head.json); "
            + "default: not trained")
    Path contextOut;

    @Option(names = "--catalogue-examples", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "with --context-out: the catalogue's positive example texts are affirmed training items of the context head "
                    + "(ADR 0034; default: ${DEFAULT-VALUE})")
    boolean catalogueExamples;

    @Option(names = "--head-only", description = "with --context-out: train the context head alone (no classifier, no sentence "
            + "embedded; ADR 0039); --out is then not written")
    boolean headOnly;

    @Override
    public Integer call() throws Exception {
        ConcernMap map = concerns.read(parent.catalogue());
        List<String> examples = catalogueExamples && contextOut != null
                ? org.tessera.indexer.indicators.evaluation.ContextHeadTrainer.catalogueTexts(parent.catalogue()) : List.of();
        ConceptCatalogue catalogue = ConceptCatalogue.loadDefault();
        StringBuilder command = new StringBuilder("tessera indicators train-classifier");
        corpora.forEach(c -> command.append(' ').append(c.toString().replace('\\', '/')));
        command.append(" --features ").append(recipe.features).append(" --gate ").append(gate).append(" --positives ").append(positives)
                .append(" --folds ").append(folds);
        if (gate.equals("anchors")) {
            command.append(" --anchor-precision ").append(anchorPrecision);
        }
        if (byWriter) {
            command.append(" --by-writer");
        }
        if (!recipe.holdOutWriters.isEmpty()) {
            if (!byWriter || out != null || contextOut != null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--hold-out-writers needs --by-writer and writes no file (no --out, no --context-out)");
            }
            command.append(" --hold-out-writers ").append(String.join(",", new TreeSet<>(recipe.holdOutWriters)));
        }
        recipe.negatives.forEach(n -> command.append(" --negatives ").append(n.toString().replace('\\', '/')));
        if (recipe.distractorCost != 3.0) {
            command.append(" --distractor-cost ").append(recipe.distractorCost);
        }
        if (recipe.routineCeiling < ConcernClassifierTrainer.NO_CEILING) {
            command.append(" --routine-ceiling ").append(recipe.routineCeiling);
        }
        if (recipe.l1 > 0) {
            command.append(" --l1 ").append(recipe.l1);
        }
        routineHeldOut.forEach(r -> command.append(" --routine-heldout ").append(r.toString().replace('\\', '/')));
        if (contextOut != null) {
            command.append(catalogueExamples ? "" : " --no-catalogue-examples");
            command.append(" --context-out ").append(contextOut.toString().replace('\\', '/'));
        }
        if (headOnly) {
            if (contextOut == null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--head-only needs --context-out");
            }
            command.append(" --head-only");
            var head = ConcernClassifierTraining.headOnly(corpora, catalogue, IndicatorsCommand.shippedRules(),
                    command.toString(), examples, System.out);
            writeHead(head);
            return 0;
        }
        if (out != null) {
            command.append(" --out ").append(out.toString().replace('\\', '/'));
        }
        if (compare) {
            if (!byWriter || out != null || contextOut != null) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--compare needs --by-writer and writes no file (no --out, no --context-out)");
            }
            ConcernClassifierTraining.compare(corpora, recipe.negatives, map, catalogue,
                    new CachingSentenceEncoder(new MiniLmSentenceEncoder(catalogue.variant()), vectorCache), IndicatorsCommand.shippedRules(),
                    recipe.apply(ConcernClassifierTrainer.Options.defaults().with(gate, positives, folds).with(true, false))
                            .withFeatures(ConcernClassifier.EMBEDDING), System.out);
            return 0;
        }
        ConcernClassifierTraining.Trained trained = ConcernClassifierTraining.run(corpora, recipe.negatives, routineHeldOut, map, catalogue,
                recipe.readsWords() ? ConcernClassifierTraining.NO_VECTORS
                        : new CachingSentenceEncoder(new MiniLmSentenceEncoder(catalogue.variant()), vectorCache),
                IndicatorsCommand.shippedRules(),
                recipe.apply(ConcernClassifierTrainer.Options.defaults().with(gate, positives, folds).with(byWriter, contextOut != null)
                        .withAnchorPrecision(anchorPrecision)),
                command.toString(),
                examples, System.out);
        if (out != null) {
            trained.classifier().write(out);
            try (var in = java.nio.file.Files.newInputStream(out)) {
                ConcernClassifier.parse(in, out.toString(), catalogue); // what was written loads
            }
            System.out.println("written: " + out);
        }
        if (contextOut != null) {
            writeHead(trained.contextHead());
        }
        return 0;
    }

    private void writeHead(org.tessera.indexer.nlp.semantic.ContextHead head) throws java.io.IOException {
        head.write(contextOut);
        try (var in = java.nio.file.Files.newInputStream(contextOut)) {
            org.tessera.indexer.nlp.semantic.ContextHead.parse(in, contextOut.toString()); // what was written loads
        }
        System.out.println("written: " + contextOut);
    }
}

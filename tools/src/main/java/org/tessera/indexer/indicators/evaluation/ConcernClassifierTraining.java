package org.tessera.indexer.indicators.evaluation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.tessera.indexer.indicators.EvidenceContextResolver;
import org.tessera.indexer.nlp.semantic.Concept;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.SentenceEncoder;

/**
 * {@code tessera indicators train-classifier}: reads development corpora (never a frozen held-out
 * file, {@link ConcernCorpus#isHeldOut}), prints the semantic stage's cross-validated figures and the
 * chosen thresholds, and writes the classifier trained on all of them with its provenance (command,
 * date, corpora and their SHA-256, the cross-validated figures).
 */
public final class ConcernClassifierTraining {

    private ConcernClassifierTraining() {
    }

    /**
     * The classifier (null when only some writers were held out) and the context head (null when not trained) trained on all
     * the corpora.
     */
    public record Trained(ConcernClassifier classifier, org.tessera.indexer.nlp.semantic.ContextHead contextHead) {
    }

    public static Trained run(List<Path> corpora, ConcernMap map, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                        EvidenceContextResolver contexts, ConcernClassifierTrainer.Options options, String command,
                                        PrintStream out) throws IOException {
        return run(corpora, map, catalogue, encoder, contexts, options, command, List.of(), out);
    }

    /**
     * @param catalogueTexts the indicator catalogue's positive example texts, affirmed training items of the context head
     *                       only ({@link ContextHeadTrainer#catalogueExamples}); empty: the corpora alone
     */
    public static Trained run(List<Path> corpora, ConcernMap map, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                        EvidenceContextResolver contexts, ConcernClassifierTrainer.Options options, String command,
                                        List<String> catalogueTexts, PrintStream out) throws IOException {
        return run(corpora, List.of(), map, catalogue, encoder, contexts, options, command, catalogueTexts, out);
    }

    /**
     * @param negativeFiles negatives-only corpora (every item {@code none}: routine agency sentences), read as
     *                      {@link ConcernClassifierTrainer#NEGATIVES_WRITER} items: the classifier of every fold and the
     *                      shipped one are trained on them, no figure is scored on them, the context head never sees them
     */
    public static Trained run(List<Path> corpora, List<Path> negativeFiles, ConcernMap map, ConceptCatalogue catalogue,
                              SentenceEncoder encoder, EvidenceContextResolver contexts, ConcernClassifierTrainer.Options options,
                              String command, List<String> catalogueTexts, PrintStream out) throws IOException {
        return run(corpora, negativeFiles, List.of(), map, catalogue, encoder, contexts, options, command, catalogueTexts, out);
    }

    /**
     * @param routineHeldOut held-out routine text ({@link RoutineFiring}: every item {@code none}, never trained on, never used to
     *                       choose a threshold): how often each fold's heads (and the written ones) fire on it is printed and
     *                       written into the provenance
     */
    public static Trained run(List<Path> corpora, List<Path> negativeFiles, List<Path> routineHeldOut, ConcernMap map,
                              ConceptCatalogue catalogue, SentenceEncoder encoder, EvidenceContextResolver contexts,
                              ConcernClassifierTrainer.Options options, String command, List<String> catalogueTexts, PrintStream out)
            throws IOException {
        List<ConcernItem> items = new ArrayList<>();
        List<String> provenance = new ArrayList<>();
        read(corpora, items, provenance);
        List<ConcernItem> negativeItems = negatives(negativeFiles, provenance);
        List<RoutineFiring.Routine> routine = RoutineFiring.read(routineHeldOut, catalogue, encoder, contexts, provenance);
        long started = System.nanoTime();
        List<ConcernClassifierTrainer.Example> examples = ConcernClassifierTrainer.examples(items, catalogue, encoder, contexts);
        List<ConcernClassifierTrainer.Example> negatives = ConcernClassifierTrainer.examples(negativeItems, catalogue, encoder, contexts);
        out.printf(Locale.ROOT, "%d items and %d negatives-only embedded and judged in %.1f s (features %s, gate %s, positives %s, %d folds, "
                        + "distractor cost %.1f, routine ceiling %s, L1 %s)%n", items.size(), negativeItems.size(),
                (System.nanoTime() - started) / 1e9, options.features(), options.gate(), options.positives(), options.folds(), options.distractorCost(),
                options.ceiled() ? options.routineCeiling() : "none", options.l1());
        String dump = System.getProperty("tessera.classifier.dump");
        if (dump != null) {
            dump(Path.of(dump), examples, catalogue, encoder);
        }
        if (Boolean.getBoolean("tessera.classifier.dump-only")) {
            return null;
        }
        List<ConcernClassifierTrainer.Example> everything = new ArrayList<>(examples);
        everything.addAll(negatives);
        started = System.nanoTime();
        ConcernClassifierTrainer.CrossValidation cv = ConcernClassifierTrainer.crossValidate(examples, catalogue, encoder, options, true,
                List.of(), negatives);
        ConcernEvaluation figures = ConcernClassifierTrainer.semanticOnly(examples, cv, catalogue, map);
        String folds = options.byWriter() ? "one fold per writer " + cv.names() : options.folds() + " folds";
        if (options.contextHead()) {
            ConcernEvaluation rulesOnly = ConcernClassifierTrainer.semanticOnly(examples, cv.withoutContextHeads(), catalogue, map);
            out.printf(Locale.ROOT, "Cross-validated (%s), semantic stage alone, context by the rules only:%n", folds);
            out.print(rulesOnly.render(false));
        }
        String plainSummary = "";
        if (options.anchored() || options.ceiled()) {
            ConcernEvaluation plain = ConcernClassifierTrainer.semanticOnly(examples, cv.plain(), catalogue, map);
            out.printf(Locale.ROOT, "Cross-validated (%s), semantic stage alone, the same fitted heads WITHOUT anchors and WITHOUT a "
                    + "routine ceiling (gate all, thresholds chosen without them: the previous recipe):%n", folds);
            out.print(plain.render(false));
            plainSummary = String.format(Locale.ROOT, "; the same folds without anchors and ceiling: affirmed recall %s, non-affirmed at "
                    + "full weight %s, distractors %s%s", plain.overall().affirmedRecall(), plain.overall().nonAffirmedFull(), plain.distractors(),
                    RoutineFiring.summary(routine, cv.plain(), out, "without anchors and ceiling"));
        }
        String routineSummary = RoutineFiring.summary(routine, cv, out, "as chosen");
        out.printf(Locale.ROOT, "Cross-validated (%s, thresholds by inner cross-validation), semantic stage alone%s, %.1f s:%n",
                folds, options.contextHead() ? ", context by the rules and the context head" : "", (System.nanoTime() - started) / 1e9);
        out.print(figures.render(false));
        String summary = String.format(Locale.ROOT, "cross-validated (%s) semantic stage alone%s: affirmed recall %s, non-affirmed at full weight %s, "
                        + "distractors %s; features %s, gate %s%s, positives %s; %d negatives-only items in every fold's training; distractor cost %.1f"
                        + (options.ceiled() ? "; routine ceiling " + options.routineCeiling() : "")
                        + (options.l1() > 0 ? "; L1 " + options.l1() : "") + "%s",
                folds, options.contextHead() ? " with the context head" : "",
                figures.overall().affirmedRecall(),
                figures.overall().nonAffirmedFull(), figures.distractors(), options.features(), options.gate(),
                options.anchored() ? String.format(Locale.ROOT, " (anchor precision %.2f)", options.anchorPrecision()) : "",
                options.positives(), negatives.size(), options.distractorCost(), routineSummary + plainSummary);
        if (!options.onlyWriters().isEmpty()) {
            out.println("No classifier trained on everything: only writers " + options.onlyWriters() + " were held out (a development aid)");
            return new Trained(null, null);
        }
        ConcernClassifier trained = ConcernClassifierTrainer.train(everything, catalogue, encoder, options,
                new ConcernClassifier.Provenance(command, java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), provenance, summary));
        out.println("Thresholds of the classifier trained on all " + items.size() + " items and " + negatives.size() + " negatives-only:");
        out.print(ConcernClassifierTrainer.thresholds(trained));
        out.printf(Locale.ROOT, "The written heads hold %d word weights%n", trained.heads().stream().mapToInt(h -> h.words().size()).sum());
        for (RoutineFiring.Routine r : routine) {
            out.println("The written heads on held-out routine text " + r.file() + ": " + RoutineFiring.of(trained, r.examples()).render());
        }
        org.tessera.indexer.nlp.semantic.ContextHead contextHead = null;
        if (options.contextHead()) {
            List<String> ids = catalogue.concepts().stream().map(Concept::id).toList();
            List<ConcernClassifierTrainer.Example> headExamples = new ArrayList<>(examples);
            headExamples.addAll(ContextHeadTrainer.catalogueExamples(catalogueTexts));
            var reported = ContextHeadTrainer.trainReported(headExamples, report -> new ConcernClassifier.Provenance(command,
                    java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), provenance, summary + "; " + reportNotes(report)), ids);
            out.print(reported.report());
            contextHead = reported.head();
            out.printf(Locale.ROOT, "Context head trained on all %d items and %d catalogue examples: %d features, threshold %.2f%n",
                    items.size(), catalogueTexts.size(), contextHead.vocabulary().size(), contextHead.threshold());
        }
        return new Trained(trained, contextHead);
    }

    /**
     * {@code train-classifier --compare} (ADR 0044): the stage alone out of writer under the four recipes of {@link HeadComparison}
     * (vector heads, word heads, a word gate in front of the vector heads, their mean), fitted on the same folds; writes nothing.
     */
    public static void compare(List<Path> corpora, List<Path> negativeFiles, ConcernMap map, ConceptCatalogue catalogue,
                               SentenceEncoder encoder, EvidenceContextResolver contexts, ConcernClassifierTrainer.Options options,
                               PrintStream out) throws IOException {
        List<ConcernItem> items = new ArrayList<>();
        read(corpora, items, new ArrayList<>());
        List<ConcernItem> negativeItems = negatives(negativeFiles, new ArrayList<>());
        long started = System.nanoTime();
        List<ConcernClassifierTrainer.Example> examples = ConcernClassifierTrainer.examples(items, catalogue, encoder, contexts);
        List<ConcernClassifierTrainer.Example> negatives = ConcernClassifierTrainer.examples(negativeItems, catalogue, encoder, contexts);
        out.printf(Locale.ROOT, "%d items and %d negatives-only embedded and judged in %.1f s (distractor cost %.1f)%n", items.size(),
                negativeItems.size(), (System.nanoTime() - started) / 1e9, options.distractorCost());
        HeadComparison.run(examples, negatives, catalogue, encoder, options, map, out);
    }

    /**
     * The context head alone ({@code train-classifier --head-only}, ADR 0039): the same items, the catalogue's examples and
     * the same head as {@link #run} would train, without the classifier, so without embedding a sentence. Prints the head's
     * out-of-writer report.
     */
    public static org.tessera.indexer.nlp.semantic.ContextHead headOnly(List<Path> corpora, ConceptCatalogue catalogue,
                                                                        EvidenceContextResolver contexts, String command,
                                                                        List<String> catalogueTexts, PrintStream out) throws IOException {
        List<ConcernItem> items = new ArrayList<>();
        List<String> provenance = new ArrayList<>();
        read(corpora, items, provenance);
        List<ConcernClassifierTrainer.Example> examples = ConcernClassifierTrainer.examples(items, catalogue, NO_VECTORS, contexts);
        List<String> ids = catalogue.concepts().stream().map(Concept::id).toList();
        List<ConcernClassifierTrainer.Example> headExamples = new ArrayList<>(examples);
        headExamples.addAll(ContextHeadTrainer.catalogueExamples(catalogueTexts));
        var reported = ContextHeadTrainer.trainReported(headExamples, report -> new ConcernClassifier.Provenance(command,
                java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), provenance, "context head only; " + reportNotes(report)), ids);
        out.print(reported.report());
        var head = reported.head();
        out.printf(Locale.ROOT, "Context head trained on all %d items and %d catalogue examples: %d features, threshold %.2f%n",
                items.size(), catalogueTexts.size(), head.vocabulary().size(), head.threshold());
        return head;
    }

    /** The per-writer lines of a context head's report, joined for a provenance's notes. */
    private static String reportNotes(String report) {
        return report.lines().skip(1).map(String::strip).collect(java.util.stream.Collectors.joining("; "));
    }

    /** An encoder for the head alone, which reads words, not vectors: every sentence gets an empty vector. */
    public static final SentenceEncoder NO_VECTORS = new SentenceEncoder() {
        @Override
        public List<float[]> encode(List<String> sentences) {
            return Collections.nCopies(sentences.size(), new float[0]);
        }

        @Override
        public int dimensions() {
            return 0;
        }

        @Override
        public String name() {
            return "none (context head only)";
        }
    };

    /**
     * Reads negatives-only corpora: every item must be {@code none} (else the file and line are named); ids are given the
     * prefix {@link ConcernClassifierTrainer#NEGATIVES_WRITER}; one provenance line each, marked negatives only.
     */
    public static List<ConcernItem> negatives(List<Path> files, List<String> provenance) throws IOException {
        List<ConcernItem> items = new ArrayList<>();
        for (Path file : files) {
            if (ConcernCorpus.isHeldOut(file) || ConcernCorpus.isRoutineHeldOut(file)) {
                throw new IllegalArgumentException("a held-out corpus is never trained on: " + file);
            }
            List<ConcernItem> read = ConcernCorpus.read(file);
            for (int i = 0; i < read.size(); i++) {
                ConcernItem item = read.get(i);
                if (!item.distractor()) {
                    throw new IllegalArgumentException(file + " item " + (i + 1) + " (" + item.id() + "): a negatives-only corpus holds "
                            + "concern none only, found " + item.concern());
                }
                items.add(new ConcernItem(ConcernClassifierTrainer.NEGATIVES_WRITER + "-" + item.id(), item.text(), item.concern(),
                        item.context(), item.experiencer(), item.agency(), item.subjectAge()));
            }
            provenance.add(file.toString().replace('\\', '/') + " sha256:" + sha256(file) + " (" + read.size() + " items, negatives only)");
        }
        return items;
    }

    /** Reads development corpora (never a frozen held-out file) into {@code items}, one provenance line each (path, SHA-256, size). */
    private static void read(List<Path> corpora, List<ConcernItem> items, List<String> provenance) throws IOException {
        for (Path corpus : corpora) {
            if (ConcernCorpus.isHeldOut(corpus) || ConcernCorpus.isRoutineHeldOut(corpus)) {
                throw new IllegalArgumentException("a held-out corpus is never trained on: " + corpus);
            }
            provenance.add(corpus.toString().replace('\\', '/') + " sha256:" + sha256(corpus) + " (" + ConcernCorpus.read(corpus).size()
                    + " items)");
        }
        items.addAll(ConcernCorpus.readAll(corpora));
    }

    /** For analysis outside Java: one JSON line per item (concern, context, gate, factors, vector), then exemplars and background. */
    private static void dump(Path file, List<ConcernClassifierTrainer.Example> examples, ConceptCatalogue catalogue, SentenceEncoder encoder)
            throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (var w = Files.newBufferedWriter(file)) {
            for (ConcernClassifierTrainer.Example e : examples) {
                var node = json.createObjectNode();
                node.put("id", e.item().id()).put("concern", e.item().concern()).put("context", e.item().context()).put("gated", e.gated());
                node.put("text", e.item().text());
                var f = node.putArray("factor");
                for (double x : e.factor()) f.add(x);
                var v = node.putArray("v");
                for (float x : e.vector()) v.add(x);
                w.write(json.writeValueAsString(node));
                w.newLine();
            }
            for (Concept c : catalogue.concepts()) {
                for (float[] vec : encoder.encode(c.exemplars())) {
                    var node = json.createObjectNode().put("exemplar", c.id());
                    var v = node.putArray("v");
                    for (float x : vec) v.add(x);
                    w.write(json.writeValueAsString(node));
                    w.newLine();
                }
            }
            for (float[] vec : encoder.encode(catalogue.background())) {
                var node = json.createObjectNode().put("background", true);
                var v = node.putArray("v");
                for (float x : vec) v.add(x);
                w.write(json.writeValueAsString(node));
                w.newLine();
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

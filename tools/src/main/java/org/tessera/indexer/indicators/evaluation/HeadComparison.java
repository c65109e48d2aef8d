package org.tessera.indexer.indicators.evaluation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tessera.indexer.nlp.semantic.Concept;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.SentenceEncoder;

/**
 * {@code train-classifier --compare} (ADR 0044): out of writer, the semantic stage alone under four recipes fitted on the same
 * folds, so that they can be chosen between on writers none of them saw:
 * <ol>
 *   <li>{@code embedding}: heads over the MiniLM vector (ADR 0018), thresholds by inner folds, as shipped before;</li>
 *   <li>{@code words}: word heads ({@link WordHeads}), thresholds by inner folds;</li>
 *   <li>{@code words gate -> embedding}: a sentence is embedded and judged by a concept's vector head only when the concept's
 *       word head gives it at least a gate; the gate is the highest that keeps {@value #GATE_KEEPS} of the training items the
 *       vector head recalls out of fold, and the vector head's threshold is then chosen on the gated items;</li>
 *   <li>{@code mean}: the mean of the two heads' probabilities, its threshold chosen on the inner folds' means.</li>
 * </ol>
 * Each outer fold is one writer (only {@link ConcernClassifierTrainer.Options#onlyWriters} when given); negatives-only items are
 * in every fold's training and scored in none. Context by the rules at the match (no context head), as the trainer's own
 * stage-alone figures. A development tool: it writes no file.
 */
final class HeadComparison {

    static final double GATE_KEEPS = 0.97;
    static final List<String> RECIPES = List.of("embedding", "words", "words gate -> embedding", "mean");

    private HeadComparison() {
    }

    /** Per recipe, the held-out writers' figures; prints them, and how many held-out items the gate let be embedded. */
    static List<ConcernEvaluation> run(List<ConcernClassifierTrainer.Example> examples, List<ConcernClassifierTrainer.Example> negatives,
                                       ConceptCatalogue catalogue, SentenceEncoder encoder, ConcernClassifierTrainer.Options options,
                                       ConcernMap map, PrintStream out) {
        List<String> writers = examples.stream().map(e -> ContextHeadTrainer.writer(e.item())).distinct().sorted().toList();
        int k = catalogue.concepts().size();
        List<ConcernItem> items = new ArrayList<>();
        List<List<List<ConcernEvaluation.ItemHit>>> hits = new ArrayList<>();
        for (int r = 0; r < RECIPES.size(); r++) {
            hits.add(new ArrayList<>());
        }
        long embedded = 0;
        ConcernClassifierTrainer.Extra extra = ConcernClassifierTrainer.Extra.of(catalogue, encoder);
        for (String writer : writers) {
            if (!options.onlyWriters().isEmpty() && !options.onlyWriters().contains(writer)) {
                continue;
            }
            long started = System.nanoTime();
            List<ConcernClassifierTrainer.Example> train = new ArrayList<>();
            List<ConcernClassifierTrainer.Example> test = new ArrayList<>();
            for (ConcernClassifierTrainer.Example e : examples) {
                (ContextHeadTrainer.writer(e.item()).equals(writer) ? test : train).add(e);
            }
            train.addAll(negatives);
            List<Set<String>> words = train.stream().map(WordHeads::features).toList();
            int[] fold = ConcernClassifierTrainer.innerFolds(train, options);
            int folds = Arrays.stream(fold).max().orElse(0) + 1;
            double[][] oofW = new double[train.size()][];
            double[][] oofE = new double[train.size()][];
            java.util.stream.IntStream.range(0, folds).parallel().forEach(f -> {
                List<ConcernClassifierTrainer.Example> in = new ArrayList<>();
                List<Set<String>> inWords = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    if (fold[i] != f) {
                        in.add(train.get(i));
                        inWords.add(words.get(i));
                    }
                }
                double[][] w = ConcernClassifierTrainer.fit(in, extra, catalogue, options);
                List<ConcernClassifier.Head> wordHeads = WordHeads.fit(in, inWords, catalogue, options);
                for (int i = 0; i < train.size(); i++) {
                    if (fold[i] == f) {
                        oofE[i] = ConcernClassifierTrainer.probabilities(w, train.get(i).vector());
                        oofW[i] = WordHeads.probabilities(wordHeads, words.get(i));
                    }
                }
            });
            double[][] w = ConcernClassifierTrainer.fit(train, extra, catalogue, options);
            List<ConcernClassifier.Head> wordHeads = WordHeads.fit(train, words, catalogue, options);
            double[][] oofM = new double[train.size()][k];
            for (int i = 0; i < train.size(); i++) {
                for (int c = 0; c < k; c++) {
                    oofM[i][c] = (oofW[i][c] + oofE[i][c]) / 2;
                }
            }
            double[] tE = new double[k], tW = new double[k], gate = new double[k], tG = new double[k], tM = new double[k];
            boolean[][] gated = new boolean[train.size()][k];
            for (int c = 0; c < k; c++) {
                String id = catalogue.concepts().get(c).id();
                tE[c] = ConcernClassifierTrainer.choose(train, oofE, null, c, id, options);
                tW[c] = ConcernClassifierTrainer.choose(train, oofW, null, c, id, options);
                tM[c] = ConcernClassifierTrainer.choose(train, oofM, null, c, id, options);
                gate[c] = gate(train, oofW, oofE, tE[c], c, id);
                for (int i = 0; i < train.size(); i++) {
                    gated[i][c] = oofW[i][c] >= gate[c];
                }
                tG[c] = ConcernClassifierTrainer.choose(train, oofE, gated, c, id, options);
            }
            for (ConcernClassifierTrainer.Example e : test) {
                items.add(e.item());
                double[] pE = ConcernClassifierTrainer.probabilities(w, e.vector());
                double[] pW = WordHeads.probabilities(wordHeads, WordHeads.features(e));
                List<List<ConcernEvaluation.ItemHit>> found = new ArrayList<>();
                for (int r = 0; r < RECIPES.size(); r++) {
                    found.add(new ArrayList<>());
                }
                boolean embeddedHere = false;
                for (int c = 0; c < k; c++) {
                    Concept concept = catalogue.concepts().get(c);
                    ConcernEvaluation.ItemHit hit = new ConcernEvaluation.ItemHit(concept.indicator(), e.factor()[c], concept.id());
                    boolean passes = pW[c] >= gate[c];
                    embeddedHere |= passes;
                    boolean[] match = {pE[c] >= tE[c], pW[c] >= tW[c], passes && pE[c] >= tG[c], (pW[c] + pE[c]) / 2 >= tM[c]};
                    for (int r = 0; r < RECIPES.size(); r++) {
                        if (match[r]) {
                            found.get(r).add(hit);
                        }
                    }
                }
                embedded += embeddedHere ? 1 : 0;
                for (int r = 0; r < RECIPES.size(); r++) {
                    hits.get(r).add(found.get(r));
                }
            }
            out.printf(Locale.ROOT, "writer %s held out: %d items, trained on %d (%d inner folds), %.1f s; gates %s%n", writer, test.size(),
                    train.size(), folds, (System.nanoTime() - started) / 1e9, gates(catalogue, gate));
        }
        List<ConcernEvaluation> figures = new ArrayList<>();
        for (int r = 0; r < RECIPES.size(); r++) {
            ConcernEvaluation evaluation = ConcernEvaluation.of(items, hits.get(r), map);
            figures.add(evaluation);
            out.printf(Locale.ROOT, "%nRecipe '%s', out of writer, semantic stage alone, context by the rules:%n", RECIPES.get(r));
            out.print(evaluation.render(false));
        }
        out.printf(Locale.ROOT, "%nSummary (out of writer, stage alone; %d held-out items, of which the word gate let %d be embedded):%n",
                items.size(), embedded);
        for (int r = 0; r < RECIPES.size(); r++) {
            ConcernEvaluation e = figures.get(r);
            out.printf(Locale.ROOT, "  %-24s affirmed %s, non-affirmed at full weight %s, distractors %s%n", RECIPES.get(r),
                    e.overall().affirmedRecall(), e.overall().nonAffirmedFull(), e.distractors());
        }
        return figures;
    }

    /**
     * The highest gate in [0.01, 0.50] on the word head's out-of-fold probability that keeps {@value #GATE_KEEPS} of the concept's
     * affirmed items (at full weight) the vector head recalls out of fold at its threshold.
     */
    static double gate(List<ConcernClassifierTrainer.Example> train, double[][] oofW, double[][] oofE, double threshold, int c, String id) {
        List<Double> recalled = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            ConcernClassifierTrainer.Example e = train.get(i);
            if (e.item().concern().equals(id) && e.item().affirmed() && e.factor()[c] >= 1.0 && oofE[i][c] >= threshold) {
                recalled.add(oofW[i][c]);
            }
        }
        double best = 0.01;
        for (int step = 1; step <= 50; step++) {
            double g = step / 100.0;
            long kept = recalled.stream().filter(p -> p >= g).count();
            if (recalled.isEmpty() || kept >= GATE_KEEPS * recalled.size()) {
                best = g;
            }
        }
        return best;
    }

    private static String gates(ConceptCatalogue catalogue, double[] gate) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < gate.length; c++) {
            out.append(c == 0 ? "" : " ").append(catalogue.concepts().get(c).id()).append('=').append(String.format(Locale.ROOT, "%.2f", gate[c]));
        }
        return out.toString();
    }
}

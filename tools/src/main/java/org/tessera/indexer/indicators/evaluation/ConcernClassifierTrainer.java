package org.tessera.indexer.indicators.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.tessera.indexer.indicators.EvidenceContext;
import org.tessera.indexer.indicators.EvidenceContextResolver;
import org.tessera.indexer.nlp.semantic.Concept;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConceptTagger;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.ContextHead;
import org.tessera.indexer.nlp.semantic.SentenceEncoder;

/**
 * Trains the semantic stage's {@link ConcernClassifier} (ADR 0018) from DEVELOPMENT data only: one
 * L2-regularised logistic-regression head per concept over the sentence embeddings, fitted by
 * mini-batch Adam (deterministic: fixed seed, fixed order). Positives are the corpus items of the
 * concept's concern (affirmed only, or in every context) and the concept's exemplars; negatives are
 * every other item, the catalogue's background sentences and any negatives-only items
 * ({@link #NEGATIVES_WRITER}: routine agency sentences that are no concern).
 *
 * <p>Each head's probability threshold is chosen by an inner K-fold cross-validation on the training
 * data (out-of-fold probabilities): the threshold maximising affirmed items gained at full weight,
 * minus {@value #WRONG_COST} x own non-affirmed items, minus {@link Options#distractorCost} x distractors
 * and negatives-only items it would make count at full weight, minus {@value #OTHER_COST} x items of other concerns; full
 * weight is judged by the context
 * analyser at the match's anchors exactly as the stage does ({@link ConceptTagger#contextAnchors}).
 * {@link #crossValidate} repeats the whole recipe in an outer cross-validation to report figures
 * that no item was trained or calibrated on.
 */
public final class ConcernClassifierTrainer {

    /** Inner folds (threshold choice) are one per writer from this many writers on (ADR 0027). */
    static final int WRITER_FOLDS_FROM = 3;
    private static final int MAX_WRITER_FOLDS = 20;
    static final double WRONG_COST = 3.0;
    static final double OTHER_COST = 0.25;
    /** {@link Options#anchorPrecision}'s default. */
    public static final double ANCHOR_PRECISION = 0.2;
    private static final double LOWEST = 0.05;
    private static final double HIGHEST = 0.95;
    /**
     * Under a routine ceiling the thresholds are searched up to here; a head that fires on more routine text than the ceiling even
     * here gets this threshold (the file's thresholds are below 1).
     */
    private static final double HIGHEST_CEILED = 0.99;
    /** {@link Options#routineCeiling} when there is none. */
    public static final double NO_CEILING = 1.0;

    /**
     * @param gate      {@code cues}, {@code all} or {@code anchors} (see {@link ConcernClassifier#gate()})
     * @param positives {@code affirmed}: only affirmed items of the concern are positives (the others are
     *                  negatives, so the head also learns how things are said); {@code all}: every item
     *                  of the concern, and context is left to the context analyser
     */
    public record Options(String gate, String positives, int folds, long seed, int epochs, double learningRate, double l2,
                          double positiveWeight, boolean byWriter, boolean contextHead, double distractorCost,
                          Set<String> onlyWriters, double anchorPrecision, String features, double routineCeiling, double l1) {
        /** Stratified folds, with a context head. */
        public Options(String gate, String positives, int folds, long seed, int epochs, double learningRate, double l2,
                       double positiveWeight) {
            this(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, false, true, WRONG_COST, Set.of(),
                    ANCHOR_PRECISION, ConcernClassifier.EMBEDDING, NO_CEILING, 0.0);
        }

        public static Options defaults() {
            return new Options("all", "affirmed", 5, 20261206L, 60, 0.01, 1e-4, 4.0, false, true, WRONG_COST, Set.of(),
                    ANCHOR_PRECISION, ConcernClassifier.EMBEDDING, NO_CEILING, 0.0);
        }

        public Options with(String gate, String positives, int folds) {
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param byWriter    outer folds are the writers (a writer's items are held out whole: train on the others)
         * @param contextHead train a {@link ContextHead} beside the classifier (ADR 0021)
         */
        public Options with(boolean byWriter, boolean contextHead) {
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param distractorCost what the threshold choice charges for a distractor (or negatives-only item) a head would make
         *                       count at full weight, in affirmed items gained (default {@value #WRONG_COST}, as an own
         *                       non-affirmed item)
         */
        public Options withDistractorCost(double distractorCost) {
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param onlyWriters with folds by writer: hold out (train without, and score) only these writers; the other folds are
         *                    neither trained nor scored (a development aid for a machine too busy for every fold); empty: all
         */
        public Options withOnlyWriters(Set<String> onlyWriters) {
            onlyWriters = Set.copyOf(onlyWriters);
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param anchorPrecision with the gate {@code anchors}: how much of the items holding a word stem must be the concept's
         *                        affirmed ones for the stem to be one of its anchors ({@link AnchorVocabulary}; default
         *                        {@value ConcernClassifierTrainer#ANCHOR_PRECISION})
         */
        public Options withAnchorPrecision(double anchorPrecision) {
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param features what the heads read (ADR 0044): {@link ConcernClassifier#EMBEDDING} (the sentence vector, default) or
         *                 {@link ConcernClassifier#WORDS} (word stems and stem pairs, {@link WordHeads}; nothing is embedded)
         */
        public Options withFeatures(String features) {
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param routineCeiling the most of the negatives-only items ({@link #NEGATIVES_WRITER}: routine agency text) a head may
         *                       fire on, out of fold, as a share (e.g. 0.002): a threshold that fires on more is never chosen,
         *                       however much recall it buys; {@link #NO_CEILING} (1.0): no ceiling (the distractor cost alone)
         */
        public Options withRoutineCeiling(double routineCeiling) {
            if (!(routineCeiling >= 0 && routineCeiling <= 1)) {
                throw new IllegalArgumentException("the routine ceiling is a share between 0 and 1, was " + routineCeiling);
            }
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /**
         * @param l1 with word heads: the L1 term of the fit ({@link WordHeads}; 0: none, the session-16 fit), which leaves a feature
         *           whose gradient is small against it at zero weight
         */
        public Options withL1(double l1) {
            if (!(l1 >= 0) || Double.isInfinite(l1)) {
                throw new IllegalArgumentException("--l1 must be 0 or more, was " + l1);
            }
            return new Options(gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter, contextHead, distractorCost,
                    onlyWriters, anchorPrecision, features, routineCeiling, l1);
        }

        /** Whether a threshold is held under a ceiling of firing on routine text ({@link #withRoutineCeiling}). */
        public boolean ceiled() {
            return routineCeiling < NO_CEILING;
        }

        /** The previous recipe on the same fitted heads: no anchors (gate {@code all}) and no routine ceiling. */
        public Options previous() {
            return new Options(anchored() ? "all" : gate, positives, folds, seed, epochs, learningRate, l2, positiveWeight, byWriter,
                    contextHead, distractorCost, onlyWriters, anchorPrecision, features, NO_CEILING, l1);
        }

        /** Whether the heads read words ({@link ConcernClassifier#WORDS}). */
        public boolean readsWords() {
            return features.equals(ConcernClassifier.WORDS);
        }

        /** Whether the heads need anchors (the gate {@code anchors}). */
        public boolean anchored() {
            return gate.equals("anchors");
        }
    }

    /**
     * A corpus item ready to train on: its vector, whether the gate lets it through, and per concept
     * the weight factor a match would get from its context (1 full, 0.5 reduced, 0 does not count).
     */
    public record Example(ConcernItem item, float[] vector, boolean gated, double[] factor) {
    }

    private ConcernClassifierTrainer() {
    }

    /** Embeds the items and judges, per concept, the context a match in each would have. */
    public static List<Example> examples(List<ConcernItem> items, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                         EvidenceContextResolver contexts) {
        List<float[]> vectors = new ArrayList<>();
        for (int from = 0; from < items.size(); from += 64) {
            vectors.addAll(encoder.encode(items.subList(from, Math.min(items.size(), from + 64)).stream()
                    .map(i -> i.text().strip()).toList()));
        }
        List<Concept> concepts = catalogue.concepts();
        return java.util.stream.IntStream.range(0, items.size()).parallel().mapToObj(i -> {
            ConcernItem item = items.get(i);
            String text = item.text();
            double[] factor = new double[concepts.size()];
            for (int c = 0; c < concepts.size(); c++) {
                List<Integer> anchors = ConceptTagger.contextAnchors(text, 0, text.length(), concepts.get(c));
                boolean negated = false, uncertain = false, historical = false, hypothetical = false;
                for (int a = 0; a + 1 < anchors.size(); a += 2) {
                    EvidenceContext context = contexts.resolve(text, anchors.get(a), anchors.get(a + 1));
                    negated |= context.negated();
                    uncertain |= context.uncertain();
                    historical |= context.historical();
                    hypothetical |= context.hypothetical();
                }
                EvidenceContext context = EvidenceContext.of(negated, uncertain, historical, hypothetical, null);
                factor[c] = !context.counts() ? 0.0 : historical || uncertain ? 0.5 : 1.0;
            }
            return new Example(item, vectors.get(i), ConceptTagger.cuedByAny(text, concepts), factor);
        }).toList();
    }

    /** Fits the heads on {@code train} and chooses their thresholds by inner cross-validation on it. */
    public static ConcernClassifier train(List<Example> train, ConceptCatalogue catalogue, SentenceEncoder encoder, Options options,
                                          ConcernClassifier.Provenance provenance) {
        return trainVariants(train, catalogue, encoder, options, provenance).chosen();
    }

    /**
     * The classifier the options ask for, and beside it the same fitted heads without anchors and without a routine ceiling
     * (thresholds chosen without them, gate {@code all}; {@link Options#previous}): the previous recipe, for a before/after from
     * the same folds. Without the gate {@code anchors} and a ceiling both are the same.
     */
    public record Variants(ConcernClassifier chosen, ConcernClassifier plain) {
    }

    /**
     * Fits the heads on {@code train}; thresholds by inner cross-validation on it. With the gate {@code anchors} each inner
     * fold learns its anchors ({@link AnchorVocabulary}) from its own training items, so that a threshold is chosen on items
     * judged only where an anchor learned without them lets the head judge them; the written anchors are learned from all.
     */
    public static Variants trainVariants(List<Example> train, ConceptCatalogue catalogue, SentenceEncoder encoder, Options options,
                                         ConcernClassifier.Provenance provenance) {
        Extra extra = options.readsWords() ? null : Extra.of(catalogue, encoder);
        List<Set<String>> words = options.readsWords() ? train.stream().map(WordHeads::features).toList() : null;
        int k = catalogue.concepts().size();
        List<String> ids = catalogue.concepts().stream().map(Concept::id).toList();
        double[][] oof = new double[train.size()][];
        boolean[][] anchoredOof = options.anchored() ? new boolean[train.size()][] : null;
        List<Set<String>> stems = options.anchored() ? train.stream().map(AnchorVocabulary::stems).toList() : null;
        int[] fold = innerFolds(train, options);
        int folds = Arrays.stream(fold).max().orElse(0) + 1;
        // the inner folds are independent fits, each seeded alike: run side by side, the same result as one after another
        java.util.stream.IntStream.range(0, folds).parallel().forEach(f -> {
            List<Example> in = new ArrayList<>();
            List<Set<String>> inWords = new ArrayList<>();
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < train.size(); i++) {
                if (fold[i] == f) {
                    out.add(i);
                } else {
                    in.add(train.get(i));
                    if (words != null) {
                        inWords.add(words.get(i));
                    }
                }
            }
            double[][] w = words != null ? null : fit(in, extra, catalogue, options);
            List<ConcernClassifier.Head> wordHeads = words != null ? WordHeads.fit(in, inWords, catalogue, options) : null;
            List<Set<String>> anchors = options.anchored() ? AnchorVocabulary.learn(in, ids, options.anchorPrecision()) : null;
            for (int i : out) {
                oof[i] = w != null ? probabilities(w, train.get(i).vector()) : WordHeads.probabilities(wordHeads, words.get(i));
                if (anchors != null) {
                    anchoredOof[i] = new boolean[k];
                    for (int c = 0; c < k; c++) {
                        anchoredOof[i][c] = ConcernClassifier.holdsAny(stems.get(i), anchors.get(c));
                    }
                }
            }
        });
        List<ConcernClassifier.Head> fitted = words != null ? WordHeads.fit(train, words, catalogue, options)
                : vectorHeads(fit(train, extra, catalogue, options), catalogue);
        List<Set<String>> anchors = options.anchored() ? AnchorVocabulary.learn(train, ids, options.anchorPrecision()) : null;
        ConcernClassifier plain = classifier(fitted, train, oof, null, null, catalogue, options.previous(), provenance);
        return new Variants(options.anchored() || options.ceiled()
                ? classifier(fitted, train, oof, anchoredOof, anchors, catalogue, options, provenance) : plain, plain);
    }

    /** Heads over the embedding from fitted weights (per concept, the bias last), threshold and anchors still to choose. */
    private static List<ConcernClassifier.Head> vectorHeads(double[][] w, ConceptCatalogue catalogue) {
        List<ConcernClassifier.Head> heads = new ArrayList<>();
        for (int c = 0; c < catalogue.concepts().size(); c++) {
            float[] weights = new float[ConcernClassifier.DIMENSIONS];
            for (int d = 0; d < weights.length; d++) {
                weights[d] = (float) w[c][d];
            }
            heads.add(new ConcernClassifier.Head(catalogue.concepts().get(c).id(), w[c][weights.length], weights, 0.5));
        }
        return heads;
    }

    private static ConcernClassifier classifier(List<ConcernClassifier.Head> fitted, List<Example> train, double[][] oof,
                                                boolean[][] anchoredOof, List<Set<String>> anchors, ConceptCatalogue catalogue,
                                                Options options, ConcernClassifier.Provenance provenance) {
        List<ConcernClassifier.Head> heads = new ArrayList<>();
        for (int c = 0; c < catalogue.concepts().size(); c++) {
            double threshold = choose(train, oof, anchoredOof, c, catalogue.concepts().get(c).id(), options);
            ConcernClassifier.Head head = fitted.get(c);
            heads.add(new ConcernClassifier.Head(head.concept(), head.bias(), head.weights(), threshold,
                    anchors == null ? Set.of() : anchors.get(c), head.words()));
        }
        return new ConcernClassifier(options.readsWords() ? org.tessera.indexer.nlp.semantic.WordFeatures.MODEL : catalogue.model(),
                options.gate(), provenance, heads, options.features());
    }

    /**
     * The folds whose out-of-fold probabilities choose the thresholds: one per writer when the training
     * items come from {@value #WRITER_FOLDS_FROM} to {@value #MAX_WRITER_FOLDS} writers (every id with a
     * writer's prefix, "D-0001"): a threshold that holds on a writer the heads never saw (ADR 0027); else
     * stratified folds ({@link #folds}).
     */
    static int[] innerFolds(List<Example> train, Options options) {
        List<String> writers = train.stream().map(e -> ContextHeadTrainer.writer(e.item())).filter(w -> !w.equals(NEGATIVES_WRITER))
                .distinct().sorted().toList();
        boolean prefixed = train.stream().allMatch(e -> e.item().id().indexOf('-') > 0);
        if (!prefixed || writers.size() < WRITER_FOLDS_FROM || writers.size() > MAX_WRITER_FOLDS) {
            return folds(train, options.folds(), options.seed());
        }
        int[] fold = new int[train.size()];
        long total = train.stream().filter(ConcernClassifierTrainer::routine).count();
        int negatives = 0;
        for (int i = 0; i < fold.length; i++) {
            String writer = ContextHeadTrainer.writer(train.get(i).item());
            // negatives-only items in contiguous runs, in file order: a routine file's voices and templates (written one after
            // another) mostly stay in one inner fold, so their out-of-fold probabilities are those of routine text the fold's heads
            // never saw, as the county's is
            fold[i] = writer.equals(NEGATIVES_WRITER) ? (int) (negatives++ * (long) writers.size() / total) : writers.indexOf(writer);
        }
        return fold;
    }

    /**
     * The id prefix of negatives-only items ({@code train-classifier --negatives}: routine agency sentences that are no
     * concern). They are no writer: every outer fold trains on them and none is scored on them; for the thresholds they are
     * dealt over the inner folds in contiguous runs in file order (until session 16 round robin, which put each template's
     * near-copies on both sides of an inner fold), so each gets an out-of-fold probability and counts as a distractor.
     */
    public static final String NEGATIVES_WRITER = "NEGATIVE";

    /** Which outer fold each item is in: stratified by concern, seeded shuffle, round robin. */
    public static int[] folds(List<Example> examples, int folds, long seed) {
        Map<String, List<Integer>> byConcern = new TreeMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byConcern.computeIfAbsent(examples.get(i).item().concern(), x -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[examples.size()];
        Random random = new Random(seed);
        int next = 0;
        for (List<Integer> members : byConcern.values()) {
            Collections.shuffle(members, random);
            for (int index : members) {
                fold[index] = next++ % folds;
            }
        }
        return fold;
    }

    /** The exemplars (positives of their concept) and background sentences (negatives of all), embedded once. */
    record Extra(List<float[]> vectors, List<Integer> concept) {
        static Extra of(ConceptCatalogue catalogue, SentenceEncoder encoder) {
            List<float[]> vectors = new ArrayList<>();
            List<Integer> concept = new ArrayList<>();
            for (int c = 0; c < catalogue.concepts().size(); c++) {
                for (float[] v : encoder.encode(catalogue.concepts().get(c).exemplars())) {
                    vectors.add(v);
                    concept.add(c);
                }
            }
            for (float[] v : encoder.encode(catalogue.background())) {
                vectors.add(v);
                concept.add(-1);
            }
            return new Extra(vectors, concept);
        }
    }

    /** Weights per concept, the bias last. */
    static double[][] fit(List<Example> train, Extra extra, ConceptCatalogue catalogue, Options options) {
        List<Concept> concepts = catalogue.concepts();
        int k = concepts.size();
        int d = ConcernClassifier.DIMENSIONS;
        int n = train.size() + extra.vectors().size();
        double[][] x = new double[n][];
        boolean[][] y = new boolean[n][k];
        for (int i = 0; i < train.size(); i++) {
            Example e = train.get(i);
            x[i] = widen(e.vector());
            for (int c = 0; c < k; c++) {
                boolean own = e.item().concern().equals(concepts.get(c).id());
                y[i][c] = own && (e.item().affirmed() || options.positives().equals("all"));
            }
        }
        for (int j = 0; j < extra.vectors().size(); j++) {
            x[train.size() + j] = widen(extra.vectors().get(j));
            if (extra.concept().get(j) >= 0) {
                y[train.size() + j][extra.concept().get(j)] = true;
            }
        }
        double[][] w = new double[k][d + 1];
        double[][] m = new double[k][d + 1];
        double[][] v = new double[k][d + 1];
        double[][] g = new double[k][d + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed());
        int batch = 32;
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        long step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            shuffle(order, random);
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                for (double[] row : g) {
                    Arrays.fill(row, 0);
                }
                for (int b = from; b < to; b++) {
                    int i = order[b];
                    double[] xi = x[i];
                    for (int c = 0; c < k; c++) {
                        double[] wc = w[c];
                        double p = 1 / (1 + Math.exp(-(wc[d] + dot(wc, xi, d))));
                        double weight = y[i][c] ? options.positiveWeight() : 1.0;
                        double err = weight * (p - (y[i][c] ? 1 : 0));
                        double[] gc = g[c];
                        for (int a = 0; a < d; a++) { // a loop the JIT vectorises
                            gc[a] += err * xi[a];
                        }
                        gc[d] += err;
                    }
                }
                step++;
                double size = to - from;
                double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
                for (int c = 0; c < k; c++) {
                    for (int a = 0; a <= d; a++) {
                        double grad = g[c][a] / size + (a < d ? options.l2() * w[c][a] : 0);
                        m[c][a] = beta1 * m[c][a] + (1 - beta1) * grad;
                        v[c][a] = beta2 * v[c][a] + (1 - beta2) * grad * grad;
                        w[c][a] -= options.learningRate() * (m[c][a] / c1) / (Math.sqrt(v[c][a] / c2) + eps);
                    }
                }
            }
        }
        return w;
    }

    /** Shuffles {@code order} in place (Fisher-Yates) from {@code random}: each epoch's order of a seeded fit. */
    static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** {@code w[0..d) . x[0..d)} in four running sums (the same order every time, so fits stay deterministic). */
    private static double dot(double[] w, double[] x, int d) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int a = 0;
        for (; a + 3 < d; a += 4) {
            s0 += w[a] * x[a];
            s1 += w[a + 1] * x[a + 1];
            s2 += w[a + 2] * x[a + 2];
            s3 += w[a + 3] * x[a + 3];
        }
        for (; a < d; a++) {
            s0 += w[a] * x[a];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double[] probabilities(double[][] w, float[] x) {
        double[] p = new double[w.length];
        int d = x.length;
        for (int c = 0; c < w.length; c++) {
            double z = w[c][d];
            for (int a = 0; a < d; a++) {
                z += w[c][a] * x[a];
            }
            p[c] = 1 / (1 + Math.exp(-z));
        }
        return p;
    }

    /**
     * The threshold with the best value on out-of-fold probabilities; ties go to the higher threshold. Under a routine ceiling
     * ({@link Options#routineCeiling}) only thresholds at which the head fires, out of fold, on at most that share of the
     * negatives-only items (routine text; a firing at any weight the context leaves it counts, since any weight adds points in
     * the county) are chosen from; when none does, the highest searched ({@value #HIGHEST_CEILED}).
     */
    static double choose(List<Example> train, double[][] oof, boolean[][] anchoredOof, int c, String concern, Options options) {
        double best = options.ceiled() ? HIGHEST_CEILED : HIGHEST;
        double bestValue = Double.NEGATIVE_INFINITY;
        long routine = options.ceiled() ? train.stream().filter(ConcernClassifierTrainer::routine).count() : 0;
        for (int step = 0; LOWEST + step * 0.01 <= (options.ceiled() ? HIGHEST_CEILED : HIGHEST) + 1e-9; step++) {
            double threshold = Math.round((LOWEST + step * 0.01) * 100) / 100.0;
            double value = 0;
            int fired = 0;
            for (int i = 0; i < train.size(); i++) {
                Example e = train.get(i);
                if (oof[i][c] < threshold || (options.gate().equals("cues") && !e.gated())
                        || (anchoredOof != null && !anchoredOof[i][c])) {
                    continue;
                }
                if (routine > 0 && e.factor()[c] > 0 && routine(e)) {
                    fired++;
                }
                if (e.factor()[c] < 1.0) {
                    continue;
                }
                boolean own = e.item().concern().equals(concern);
                if (own && e.item().affirmed()) {
                    value += 1;
                } else if (own) {
                    value -= WRONG_COST;
                } else if (e.item().distractor()) {
                    value -= options.distractorCost();
                } else {
                    value -= OTHER_COST;
                }
            }
            if (routine > 0 && fired > options.routineCeiling() * routine) {
                continue;
            }
            if (value >= bestValue) {
                bestValue = value;
                best = threshold;
            }
        }
        return best;
    }

    /** Whether an item is a negatives-only one ({@link #NEGATIVES_WRITER}: routine text, no writer's). */
    static boolean routine(Example e) {
        return ContextHeadTrainer.writer(e.item()).equals(NEGATIVES_WRITER);
    }

    /**
     * Per outer fold, the classifier trained (and its thresholds chosen) without that fold's items, and the
     * context head trained without them (null entries when none was trained).
     */
    public record CrossValidation(int[] fold, List<ConcernClassifier> models, List<ContextHead> contextHeads, List<String> names,
                                  List<ConcernClassifier> plainModels, Set<Integer> skipped) {
        public CrossValidation {
            skipped = Set.copyOf(skipped);
            models = Collections.unmodifiableList(new ArrayList<>(models));
            plainModels = Collections.unmodifiableList(new ArrayList<>(plainModels));
            contextHeads = Collections.unmodifiableList(new ArrayList<>(contextHeads));
        }

        public ConcernClassifier modelFor(int item) {
            return models.get(fold[item]);
        }

        /** The same folds with the classifiers without anchors ({@link Variants#plain}): the previous recipe. */
        public CrossValidation plain() {
            return new CrossValidation(fold, plainModels, contextHeads, names, plainModels, skipped);
        }

        /** The same folds, every one (but those left out) read by {@code head} (e.g. the shipped context head). */
        public CrossValidation withContextHead(ContextHead head) {
            List<ContextHead> heads = new ArrayList<>();
            for (int f = 0; f < models.size(); f++) {
                heads.add(skipped.contains(f) ? null : head);
            }
            return new CrossValidation(fold, models, heads, names, plainModels, skipped);
        }

        /** The same folds without context heads (the rules alone judge context). */
        public CrossValidation withoutContextHeads() {
            return new CrossValidation(fold, models, Collections.nCopies(models.size(), null), names, plainModels, skipped);
        }

        public ContextHead contextHeadFor(int item) {
            return contextHeads.get(fold[item]);
        }

        /** Whether fold {@code f} was left out ({@link Options#onlyWriters}): no model or head was trained for it, none is scored. */
        public boolean isSkipped(int f) {
            return skipped.contains(f);
        }
    }

    public static CrossValidation crossValidate(List<Example> examples, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                                Options options) {
        return crossValidate(examples, catalogue, encoder, options, true);
    }

    /** @param classifiers false: the folds' context heads only (their classifier entries are null), for the catalogue alone */
    public static CrossValidation crossValidate(List<Example> examples, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                                Options options, boolean classifiers) {
        return crossValidate(examples, catalogue, encoder, options, classifiers, List.of());
    }

    /**
     * @param headExtras items every fold's context head is trained on besides the fold's own (the catalogue's examples,
     *                   {@link ContextHeadTrainer#catalogueExamples}: no writer's, so no fold leaves them out), as the shipped head is
     */
    public static CrossValidation crossValidate(List<Example> examples, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                                Options options, boolean classifiers, List<Example> headExtras) {
        return crossValidate(examples, catalogue, encoder, options, classifiers, headExtras, List.of());
    }

    /**
     * @param negatives negatives-only items ({@link #NEGATIVES_WRITER}) every fold's classifier is trained on besides the
     *                  fold's own items; no fold is scored on them (the context heads never see them)
     */
    public static CrossValidation crossValidate(List<Example> examples, ConceptCatalogue catalogue, SentenceEncoder encoder,
                                                Options options, boolean classifiers, List<Example> headExtras,
                                                List<Example> negatives) {
        int[] fold;
        List<String> names = new ArrayList<>();
        if (options.byWriter()) {
            List<String> writers = examples.stream().map(e -> ContextHeadTrainer.writer(e.item())).distinct().sorted().toList();
            if (writers.size() < 2) {
                throw new IllegalArgumentException("folds by writer need items of at least two writers (id prefixes), found " + writers);
            }
            fold = new int[examples.size()];
            for (int i = 0; i < examples.size(); i++) {
                fold[i] = writers.indexOf(ContextHeadTrainer.writer(examples.get(i).item()));
            }
            writers.forEach(w -> names.add("writer " + w + " held out"));
        } else {
            fold = folds(examples, options.folds(), options.seed() + 1);
            for (int f = 0; f < options.folds(); f++) {
                names.add("fold " + (f + 1));
            }
        }
        List<ConcernClassifier> models = new ArrayList<>();
        List<ConcernClassifier> plainModels = new ArrayList<>();
        List<ContextHead> heads = new ArrayList<>();
        ConcernClassifier.Provenance none = new ConcernClassifier.Provenance("cross-validation fold", "-", List.of(), "");
        List<String> ids = catalogue.concepts().stream().map(Concept::id).toList();
        Set<Integer> skipped = new HashSet<>();
        for (int f = 0; f < names.size(); f++) {
            if (options.byWriter() && !options.onlyWriters().isEmpty()
                    && !options.onlyWriters().contains(names.get(f).replaceFirst("^writer (.+) held out$", "$1"))) {
                skipped.add(f);
                models.add(null);
                plainModels.add(null);
                heads.add(null);
                continue;
            }
            List<Example> in = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                if (fold[i] != f) {
                    in.add(examples.get(i));
                }
            }
            List<Example> classifierItems = new ArrayList<>(in);
            classifierItems.addAll(negatives);
            Variants variants = classifiers ? trainVariants(classifierItems, catalogue, encoder, options, none) : null;
            models.add(variants == null ? null : variants.chosen());
            plainModels.add(variants == null ? null : variants.plain());
            List<Example> headItems = new ArrayList<>(in);
            headItems.addAll(headExtras);
            heads.add(options.contextHead() ? ContextHeadTrainer.train(headItems, none, ids) : null);
        }
        return new CrossValidation(fold, models, heads, names, plainModels, skipped);
    }

    /**
     * The stage's own figures under cross-validation, without the lexical catalogue and without the
     * engine: an item's semantic hit is its concept's carrier indicator at the factor its context gives,
     * when the item passes the gate (with the gate {@code anchors}: holds one of the head's anchors) and the fold's head
     * reaches its threshold.
     */
    public static ConcernEvaluation semanticOnly(List<Example> examples, CrossValidation cv, ConceptCatalogue catalogue, ConcernMap map) {
        List<ConcernItem> items = new ArrayList<>();
        List<List<ConcernEvaluation.ItemHit>> hits = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            ConcernClassifier model = cv.modelFor(i);
            if (model == null) {
                continue; // a fold left out (Options#onlyWriters): not scored
            }
            items.add(e.item());
            List<ConcernEvaluation.ItemHit> found = new ArrayList<>();
            ContextHead contextHead = cv.contextHeadFor(i);
            ContextHead.Judgement judgement = contextHead == null ? null : contextHead.judge(e.item().text().strip());
            for (int c : matchingHeads(model, e)) {
                found.add(new ConcernEvaluation.ItemHit(catalogue.concepts().get(c).indicator(), factor(e.factor()[c], judgement),
                        model.heads().get(c).concept()));
            }
            hits.add(found);
        }
        return ConcernEvaluation.of(items, hits, map);
    }

    /**
     * The heads (indices) of {@code model} that match the item as the stage would tag its sentence: past the gate (cues, or the
     * head's anchors), at or over the head's threshold, and for a word head with a word of its own behind it (as
     * {@code ConceptTagger}); context is the caller's.
     */
    static List<Integer> matchingHeads(ConcernClassifier model, Example e) {
        List<Integer> out = new ArrayList<>();
        if (model.gatedByCues() && !e.gated()) {
            return out;
        }
        Set<String> stems = model.gatedByAnchors() ? AnchorVocabulary.stems(e) : Set.of();
        Set<String> words = model.readsWords() ? WordHeads.features(e) : null;
        for (int c = 0; c < model.heads().size(); c++) {
            ConcernClassifier.Head head = model.heads().get(c);
            boolean match = words == null ? head.probability(e.vector()) >= head.threshold()
                    : head.probability(words) >= head.threshold() && !head.reasons(words, 1).isEmpty();
            if ((!model.gatedByAnchors() || head.anchoredBy(stems)) && match) {
                out.add(c);
            }
        }
        return out;
    }

    /** The weight factor of a match whose rules gave {@code rules}, after the context head (which only discounts a full weight). */
    static double factor(double rules, ContextHead.Judgement judgement) {
        if (rules < 1.0 || judgement == null || !judgement.qualified()) {
            return rules;
        }
        return judgement.label().equals("historical") || judgement.label().equals("uncertain") ? 0.5 : 0.0;
    }

    /** One line per head: concept and threshold. */
    public static String thresholds(ConcernClassifier classifier) {
        StringBuilder out = new StringBuilder();
        Map<String, Double> t = new LinkedHashMap<>();
        classifier.heads().forEach(h -> t.put(h.concept(), h.threshold()));
        t.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-24s %.2f%n", k, v)));
        return out.toString();
    }
}

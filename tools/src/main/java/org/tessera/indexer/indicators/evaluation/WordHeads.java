package org.tessera.indexer.indicators.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tessera.indexer.nlp.semantic.Concept;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.WordFeatures;

/**
 * Fits the classifier's word heads (ADR 0044, {@link ConcernClassifier#WORDS}): one L2-regularised logistic regression per
 * concept over a sentence's {@link WordFeatures} (word stems and stem pairs seen in at least {@value #MIN_ITEMS} training
 * items), with the same positives, negatives and positive weight as the heads over the embedding
 * ({@link ConcernClassifierTrainer#fit}): the concept's affirmed items and its exemplars are positives; every other item, the
 * catalogue's background sentences and negatives-only items are negatives. Mini-batch AdaGrad ({@value #EPOCHS} epochs of
 * batches of {@value #BATCH}, a parameter updated only when a feature of the batch holds it, L2 on those), deterministic (the
 * shuffle is seeded); full-batch Adam, as the context head is fitted, was too slow for the 110 fits of a ten-writer run on the
 * shared machine. Weights under {@value #PRUNE} in size are dropped, and the heads scored out of fold are the pruned ones.
 * AdaGrad's first step is the full rate whatever the gradient, so without an L1 term nearly every (feature, head) weight survives
 * the prune (session 16: 663,520 weights, 14 MB of JSON); with {@link ConcernClassifierTrainer.Options#l1} each update is
 * followed by the L1 term's proximal step at the feature's own rate (AdaGrad with composite mirror descent, Duchi et al. 2011),
 * which leaves at zero a weight whose gradients are small against the term, and each head's bias starts at the log-odds of its
 * weighted base rate (session 17, ADR 0044); without it the fit is session 16's.
 */
final class WordHeads {

    static final int MIN_ITEMS = 2;
    static final int EPOCHS = 20;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.1;
    static final double PRUNE = 0.01;

    private WordHeads() {
    }

    /** An item's features, as {@code ConceptTagger} reads its sentence. */
    static Set<String> features(ConcernClassifierTrainer.Example e) {
        return WordFeatures.of(e.item().text());
    }

    /** Per head, its probability for a sentence of these features. */
    static double[] probabilities(List<ConcernClassifier.Head> heads, Set<String> features) {
        double[] p = new double[heads.size()];
        for (int c = 0; c < p.length; c++) {
            p[c] = heads.get(c).probability(features);
        }
        return p;
    }

    /**
     * Fits one word head per concept of the catalogue on {@code train} (whose features are {@code features}, same order) and
     * the catalogue's exemplars and background sentences; thresholds are left at 0.5 and anchors empty (chosen by the caller).
     */
    static List<ConcernClassifier.Head> fit(List<ConcernClassifierTrainer.Example> train, List<Set<String>> features,
                                            ConceptCatalogue catalogue, ConcernClassifierTrainer.Options options) {
        List<Concept> concepts = catalogue.concepts();
        int k = concepts.size();
        List<Set<String>> x = new ArrayList<>(features);
        List<boolean[]> y = new ArrayList<>();
        for (ConcernClassifierTrainer.Example e : train) {
            boolean[] row = new boolean[k];
            for (int c = 0; c < k; c++) {
                row[c] = e.item().concern().equals(concepts.get(c).id()) && (e.item().affirmed() || options.positives().equals("all"));
            }
            y.add(row);
        }
        for (int c = 0; c < k; c++) {
            for (String exemplar : concepts.get(c).exemplars()) {
                boolean[] row = new boolean[k];
                row[c] = true;
                x.add(WordFeatures.of(exemplar));
                y.add(row);
            }
        }
        for (String background : catalogue.background()) {
            x.add(WordFeatures.of(background));
            y.add(new boolean[k]);
        }
        Map<String, Integer> counts = new HashMap<>();
        x.forEach(f -> f.forEach(feature -> counts.merge(feature, 1, Integer::sum)));
        List<String> vocabulary = counts.entrySet().stream().filter(e -> e.getValue() >= MIN_ITEMS).map(Map.Entry::getKey).sorted().toList();
        Map<String, Integer> index = new HashMap<>();
        for (int f = 0; f < vocabulary.size(); f++) {
            index.put(vocabulary.get(f), f);
        }
        int n = x.size();
        int d = vocabulary.size();
        int[][] rows = new int[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = x.get(i).stream().filter(index::containsKey).mapToInt(index::get).toArray();
        }
        double[] w = new double[(d + 1) * k]; // feature f, head c at f * k + c; the biases last (f = d)
        double[] squares = new double[w.length];
        double[] g = new double[w.length];
        double[] z = new double[k];
        boolean[] touched = new boolean[d + 1];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(options.seed());
        int biases = d * k;
        if (options.l1() > 0) {
            // start each head at its (weighted) base rate, so that its first steps do not push every feature of every negative
            // item to the full rate: with the L1 term, a feature then only gets a weight that its gradients keep earning
            for (int c = 0; c < k; c++) {
                double positives = 0;
                for (boolean[] row : y) {
                    positives += row[c] ? options.positiveWeight() : 0;
                }
                double negatives = n - positives / options.positiveWeight();
                w[biases + c] = Math.log(Math.max(positives, 0.5) / Math.max(negatives, 0.5));
            }
        }
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            ConcernClassifierTrainer.shuffle(order, random);
            for (int from = 0; from < n; from += BATCH) {
                int to = Math.min(n, from + BATCH);
                List<Integer> batchFeatures = new ArrayList<>();
                for (int b = from; b < to; b++) {
                    int i = order[b];
                    System.arraycopy(w, biases, z, 0, k);
                    for (int f : rows[i]) {
                        int at = f * k;
                        for (int c = 0; c < k; c++) {
                            z[c] += w[at + c];
                        }
                    }
                    boolean[] yi = y.get(i);
                    for (int c = 0; c < k; c++) {
                        double p = 1 / (1 + Math.exp(-z[c]));
                        z[c] = (yi[c] ? options.positiveWeight() : 1.0) * (p - (yi[c] ? 1 : 0)) / (to - from); // the error, in place
                    }
                    for (int f : rows[i]) {
                        if (!touched[f]) {
                            touched[f] = true;
                            batchFeatures.add(f);
                        }
                        int at = f * k;
                        for (int c = 0; c < k; c++) {
                            g[at + c] += z[c];
                        }
                    }
                    for (int c = 0; c < k; c++) {
                        g[biases + c] += z[c];
                    }
                }
                batchFeatures.add(d); // the biases, touched by every batch (not regularised)
                for (int f : batchFeatures) {
                    touched[f] = false;
                    for (int a = f * k; a < f * k + k; a++) {
                        double grad = g[a] + (f < d ? options.l2() * w[a] : 0);
                        g[a] = 0;
                        squares[a] += grad * grad;
                        double rate = LEARNING_RATE / (Math.sqrt(squares[a]) + 1e-8);
                        w[a] -= rate * grad;
                        if (f < d && options.l1() > 0) { // the L1 term's proximal step: a weight it outweighs is zero
                            w[a] = Math.signum(w[a]) * Math.max(0, Math.abs(w[a]) - rate * options.l1());
                        }
                    }
                }
            }
        }
        List<ConcernClassifier.Head> heads = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            Map<String, Float> weights = new HashMap<>();
            for (int f = 0; f < d; f++) {
                double weight = w[f * k + c];
                if (Math.abs(weight) >= PRUNE) {
                    weights.put(vocabulary.get(f), (float) weight);
                }
            }
            heads.add(ConcernClassifier.Head.ofWords(concepts.get(c).id(), w[biases + c], weights, 0.5, Set.of()));
        }
        return heads;
    }
}

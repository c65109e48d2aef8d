package org.tessera.indexer.indicators.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.ContextHead;

/**
 * Trains the {@link ContextHead} (ADR 0021) from DEVELOPMENT items of a concern (distractors are left
 * out): five L2-regularised logistic heads over the sentence's words and word pairs (features seen in at
 * least {@value #MIN_COUNT} training items), fitted by full-batch Adam, deterministic (no randomness).
 *
 * <p>The threshold is chosen on out-of-group probabilities: each writer's items (the id's prefix, one
 * prefix a file) are scored by a head trained on the other writers (5 folds when there is one writer),
 * and the threshold in [0.30, 0.90] maximising non-affirmed items the rules count at full weight that
 * the head discounts, minus {@value #LOST_COST} x affirmed items it would discount, is kept.
 */
public final class ContextHeadTrainer {

    static final int MIN_COUNT = 2;
    static final double LOST_COST = 2.0;
    static final int EPOCHS = 300;
    static final double LEARNING_RATE = 0.01;
    static final double L2 = 1e-4;
    /**
     * How much a catalogue example weighs in the fit against a corpus item: the catalogue's positive examples are hard
     * positives (ADR 0039), plain affirmed statements the head must never discount.
     */
    static final double CATALOGUE_WEIGHT = 4.0;

    private ContextHeadTrainer() {
    }

    /** Which writer wrote an item: its id's prefix ("D-0001" -> "D"), one prefix per corpus file. */
    public static String writer(ConcernItem item) {
        int dash = item.id().indexOf('-');
        return dash > 0 ? item.id().substring(0, dash) : item.id();
    }

    /** The id prefix of the catalogue's own affirmed examples among the head's training items (their own "writer"). */
    public static final String CATALOGUE_WRITER = "CATALOGUE";

    /**
     * The catalogue's own positive example texts as affirmed training items of the head (ADR 0034): short, plain
     * affirmed statements, the kind the head learnt to discount when it saw only the corpora's longer affirmed items
     * (15 of the catalogue's examples in ADR 0027). Their concern is none of the stage's concepts, so the rules' own
     * weight is taken as full and each one the head would discount costs like an affirmed corpus item when the
     * threshold is chosen; they form their own group in the out-of-writer scores.
     */
    public static List<ConcernClassifierTrainer.Example> catalogueExamples(List<String> texts) {
        List<ConcernClassifierTrainer.Example> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ConcernItem item = new ConcernItem(CATALOGUE_WRITER + "-" + (i + 1), texts.get(i), "catalogue", ConcernItem.AFFIRMED,
                    "child", "social_care", null);
            out.add(new ConcernClassifierTrainer.Example(item, new float[0], false, new double[0]));
        }
        return out;
    }

    /** The catalogue's positive example texts (each enabled indicator's examples with a {@code text}), in catalogue order. */
    public static List<String> catalogueTexts(org.tessera.indexer.indicators.IndicatorCatalogue catalogue) {
        List<String> texts = new ArrayList<>();
        for (var indicator : catalogue.enabledQueries()) {
            for (var example : indicator.examples().positive()) {
                String text = example.path("text").asText("").strip();
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            }
        }
        return texts;
    }

    /** Trains on {@code train} (examples whose item has a concern) and chooses the threshold across writers. */
    public static ContextHead train(List<ConcernClassifierTrainer.Example> train, ConcernClassifier.Provenance provenance,
                                    List<String> conceptIds) {
        List<ConcernClassifierTrainer.Example> items = train.stream().filter(e -> !e.item().distractor()).toList();
        double[] oof = outOfGroup(items);
        double threshold = choose(items, oof, conceptIds);
        return fit(items, threshold, provenance);
    }

    /** The out-of-writer {@link #report} and the head trained on all items, from one set of out-of-group scores. */
    public record Reported(String report, ContextHead head) {
    }

    /**
     * As {@link #report} then {@link #train}, with the out-of-group heads fitted once for both (they are most of the cost):
     * {@code provenance} is given the report, the head is the one {@link #train} fits.
     */
    public static Reported trainReported(List<ConcernClassifierTrainer.Example> train,
                                         java.util.function.Function<String, ConcernClassifier.Provenance> provenance,
                                         List<String> conceptIds) {
        List<ConcernClassifierTrainer.Example> items = train.stream().filter(e -> !e.item().distractor()).toList();
        double[] oof = outOfGroup(items);
        double threshold = choose(items, oof, conceptIds);
        String report = report(items, oof, threshold, conceptIds);
        return new Reported(report, fit(items, threshold, provenance.apply(report)));
    }

    /** Per item, the qualified-probability of a head trained without the item's writer (or fold). */
    static double[] outOfGroup(List<ConcernClassifierTrainer.Example> items) {
        List<String> writers = items.stream().map(e -> writer(e.item())).distinct().sorted().toList();
        int[] group = new int[items.size()];
        int groups;
        if (writers.size() >= 2) {
            for (int i = 0; i < items.size(); i++) {
                group[i] = writers.indexOf(writer(items.get(i).item()));
            }
            groups = writers.size();
        } else {
            for (int i = 0; i < items.size(); i++) {
                group[i] = i % 5;
            }
            groups = 5;
        }
        double[] oof = new double[items.size()];
        ConcernClassifier.Provenance none = new ConcernClassifier.Provenance("fold", "-", List.of(), "");
        for (int g = 0; g < groups; g++) {
            List<ConcernClassifierTrainer.Example> in = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (group[i] != g) {
                    in.add(items.get(i));
                }
            }
            ContextHead head = fit(in, 0.5, none);
            for (int i = 0; i < items.size(); i++) {
                if (group[i] == g) {
                    oof[i] = head.probability(items.get(i).item().text());
                }
            }
        }
        return oof;
    }

    /** The rules' weight factor of an item's own concept (1 full, 0.5 reduced, 0 none); 1 when the concept is unknown. */
    static double ownFactor(ConcernClassifierTrainer.Example e, List<String> conceptIds) {
        int c = conceptIds.indexOf(e.item().concern());
        return c < 0 ? 1.0 : e.factor()[c];
    }

    private static double choose(List<ConcernClassifierTrainer.Example> items, double[] p, List<String> conceptIds) {
        double best = 0.9;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int step = 0; step <= 60; step++) {
            double t = Math.round((0.30 + step * 0.01) * 100) / 100.0;
            double value = 0;
            for (int i = 0; i < items.size(); i++) {
                var e = items.get(i);
                if (p[i] < t || ownFactor(e, conceptIds) < 1.0) {
                    continue;
                }
                value += e.item().affirmed() ? -LOST_COST : 1;
            }
            if (value > bestValue) {
                bestValue = value;
                best = t;
            }
        }
        return best;
    }

    /** What the head does to the rules' full-weight items, per writer: non-affirmed discounted, affirmed lost. */
    public static String report(List<ConcernClassifierTrainer.Example> examples, List<String> conceptIds) {
        List<ConcernClassifierTrainer.Example> items = examples.stream().filter(e -> !e.item().distractor()).toList();
        double[] p = outOfGroup(items);
        return report(items, p, choose(items, p, conceptIds), conceptIds);
    }

    private static String report(List<ConcernClassifierTrainer.Example> items, double[] p, double t, List<String> conceptIds) {
        Map<String, int[]> byWriter = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            var e = items.get(i);
            int[] n = byWriter.computeIfAbsent(writer(e.item()), w -> new int[5]);
            boolean full = ownFactor(e, conceptIds) >= 1.0;
            if (e.item().affirmed()) {
                n[0]++;
                if (full && p[i] >= t) n[1]++;
            } else {
                n[2]++;
                if (full) n[3]++;
                if (full && p[i] >= t) n[4]++;
            }
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Context head, each writer scored by a head trained on the others (threshold %.2f chosen on those scores):%n", t));
        byWriter.forEach((w, n) -> out.append(String.format(Locale.ROOT,
                "  writer %-3s non-affirmed the rules count at full weight %d/%d, discounted by the head %d -> %d/%d left; "
                        + "affirmed items the head would discount %d/%d%n", w, n[3], n[2], n[4], n[3] - n[4], n[2], n[1], n[0])));
        return out.toString();
    }

    /** Fits the five heads on {@code items} (full batch, Adam). */
    static ContextHead fit(List<ConcernClassifierTrainer.Example> items, double threshold, ConcernClassifier.Provenance provenance) {
        Map<String, Integer> counts = new HashMap<>();
        List<Set<String>> features = new ArrayList<>();
        for (var e : items) {
            Set<String> f = ContextHead.features(e.item().text());
            features.add(f);
            f.forEach(x -> counts.merge(x, 1, Integer::sum));
        }
        List<String> vocabulary = counts.entrySet().stream().filter(x -> x.getValue() >= MIN_COUNT).map(Map.Entry::getKey).sorted().toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        int n = items.size();
        int h = ContextHead.HEADS.size();
        int[][] rows = new int[n][];
        double[] scale = new double[n];
        double[] weight = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = writer(items.get(i).item()).equals(CATALOGUE_WRITER) ? CATALOGUE_WEIGHT : 1.0;
            total += weight[i];
        }
        boolean[][] y = new boolean[n][h];
        for (int i = 0; i < n; i++) {
            Set<String> f = features.get(i);
            rows[i] = f.stream().filter(index::containsKey).mapToInt(index::get).toArray();
            scale[i] = f.isEmpty() ? 0 : 1 / Math.sqrt(f.size());
            String context = items.get(i).item().context();
            y[i][0] = !items.get(i).item().affirmed();
            for (int k = 1; k < h; k++) {
                y[i][k] = ContextHead.HEADS.get(k).equals(context);
            }
        }
        int d = vocabulary.size();
        double[][] w = new double[h][d];
        double[] b = new double[h];
        double[][] m = new double[h][d + 1];
        double[][] v = new double[h][d + 1];
        double[][] g = new double[h][d + 1];
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (int step = 1; step <= EPOCHS; step++) {
            for (double[] row : g) {
                java.util.Arrays.fill(row, 0);
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < h; k++) {
                    double z = b[k];
                    for (int f : rows[i]) {
                        z += w[k][f] * scale[i];
                    }
                    double err = (1 / (1 + Math.exp(-z)) - (y[i][k] ? 1 : 0)) * weight[i] / total;
                    for (int f : rows[i]) {
                        g[k][f] += err * scale[i];
                    }
                    g[k][d] += err;
                }
            }
            double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
            for (int k = 0; k < h; k++) {
                for (int a = 0; a <= d; a++) {
                    double grad = g[k][a] + (a < d ? L2 * w[k][a] : 0);
                    m[k][a] = beta1 * m[k][a] + (1 - beta1) * grad;
                    v[k][a] = beta2 * v[k][a] + (1 - beta2) * grad * grad;
                    double delta = LEARNING_RATE * (m[k][a] / c1) / (Math.sqrt(v[k][a] / c2) + eps);
                    if (a < d) {
                        w[k][a] -= delta;
                    } else {
                        b[k] -= delta;
                    }
                }
            }
        }
        Map<String, float[]> weights = new HashMap<>();
        for (int f = 0; f < d; f++) {
            float[] row = new float[h];
            for (int k = 0; k < h; k++) {
                row[k] = (float) w[k][f];
            }
            weights.put(vocabulary.get(f), row);
        }
        return new ContextHead(provenance, threshold, b, weights);
    }
}

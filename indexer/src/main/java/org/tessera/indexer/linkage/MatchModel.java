package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fellegi-Sunter parameters: prior match rate lambda among candidate pairs and, per comparison
 * level, m = P(level | match) and u = P(level | non-match). Match weight of a pair is
 * log2(lambda/(1-lambda)) + sum of log2(m/u) over its levels; the null level adds nothing.
 * Immutable and thread-safe.
 */
public final class MatchModel {
    private static final double FLOOR = 1e-6;

    private final double lambda;
    private final double[][] m;
    private final double[][] u;
    private final int iterations;

    MatchModel(double lambda, double[][] m, double[][] u, int iterations) {
        this.lambda = lambda;
        this.m = deepCopy(m);
        this.u = deepCopy(u);
        this.iterations = iterations;
    }

    /** One level's parameters, for reports. */
    public record Level(String comparison, String level, double m, double u, double log2BayesFactor) {}

    public double lambda() { return lambda; }

    public int iterations() { return iterations; }

    public List<Level> levels() {
        List<Level> out = new ArrayList<>();
        for (int c = 0; c < Comparisons.COUNT; c++) {
            List<String> names = Comparisons.LEVELS.get(c);
            for (int l = 1; l < names.size(); l++) {
                out.add(new Level(Comparisons.NAMES.get(c), names.get(l), m[c][l], u[c][l], log2(m[c][l] / u[c][l])));
            }
        }
        return out;
    }

    public double weight(int pattern) {
        double w = log2(lambda / (1 - lambda));
        for (int c = 0; c < Comparisons.COUNT; c++) {
            int l = Comparisons.level(pattern, c);
            if (l != 0) w += log2(m[c][l] / u[c][l]);
        }
        return w;
    }

    public static double probability(double weight) {
        double b = Math.pow(2, weight);
        return Double.isInfinite(b) ? 1.0 : b / (1 + b);
    }

    static Map<String, String> explain(int pattern) {
        Map<String, String> out = new HashMap<>();
        for (int c = 0; c < Comparisons.COUNT; c++) {
            out.put(Comparisons.NAMES.get(c), Comparisons.LEVELS.get(c).get(Comparisons.level(pattern, c)));
        }
        return out;
    }

    /**
     * Expectation-maximisation over the comparison patterns of the candidate pairs (counts per
     * distinct pattern, so cost does not grow with the number of pairs). u starts from random
     * pairs; when {@code estimateU} is false it stays there (Splink's choice), otherwise EM refines
     * it on the candidates, whose non-matches look more alike than random pairs do.
     */
    static MatchModel fit(Map<Integer, Long> candidatePatterns, Map<Integer, Long> randomPatterns, int maxIterations, boolean estimateU) {
        int C = Comparisons.COUNT;
        double[][] m = new double[C][];
        double[][] u = new double[C][];
        for (int c = 0; c < C; c++) {
            int L = Comparisons.LEVELS.get(c).size();
            m[c] = new double[L];
            u[c] = new double[L];
            double[] uc = new double[L];
            for (var e : randomPatterns.entrySet()) uc[Comparisons.level(e.getKey(), c)] += e.getValue();
            double total = 0;
            for (int l = 1; l < L; l++) total += uc[l];
            for (int l = 1; l < L; l++) {
                u[c][l] = clamp((uc[l] + 0.5) / (total + 0.5 * (L - 1)));
                // Starting m: most matches agree exactly, the rest spread over the weaker levels.
                m[c][l] = l == 1 ? 0.7 : 0.3 / (L - 2);
            }
        }
        double lambda = 0.1;
        int it = 0;
        for (; it < maxIterations; it++) {
            double[][] mNum = new double[C][];
            double[][] uNum = new double[C][];
            for (int c = 0; c < C; c++) {
                mNum[c] = new double[m[c].length];
                uNum[c] = new double[u[c].length];
            }
            double sumG = 0, total = 0;
            for (var e : candidatePatterns.entrySet()) {
                int p = e.getKey();
                double n = e.getValue();
                double lm = Math.log(lambda), lu = Math.log(1 - lambda);
                for (int c = 0; c < C; c++) {
                    int l = Comparisons.level(p, c);
                    if (l == 0) continue;
                    lm += Math.log(m[c][l]);
                    lu += Math.log(u[c][l]);
                }
                double g = 1 / (1 + Math.exp(lu - lm));
                sumG += n * g;
                total += n;
                for (int c = 0; c < C; c++) {
                    int l = Comparisons.level(p, c);
                    if (l == 0) continue;
                    mNum[c][l] += n * g;
                    uNum[c][l] += n * (1 - g);
                }
            }
            double change = 0;
            for (int c = 0; c < C; c++) {
                change = Math.max(change, normaliseInto(mNum[c], m[c]));
                if (estimateU) change = Math.max(change, normaliseInto(uNum[c], u[c]));
            }
            double newLambda = clamp(sumG / total);
            change = Math.max(change, Math.abs(newLambda - lambda));
            lambda = newLambda;
            if (change < 1e-6) break;
        }
        return new MatchModel(lambda, m, u, it);
    }

    private static double normaliseInto(double[] counts, double[] target) {
        double total = 0;
        for (int l = 1; l < counts.length; l++) total += counts[l];
        double change = 0;
        if (total <= 0) return 0;
        for (int l = 1; l < counts.length; l++) {
            double v = clamp(counts[l] / total);
            change = Math.max(change, Math.abs(v - target[l]));
            target[l] = v;
        }
        return change;
    }

    private static double clamp(double v) { return Math.min(1 - FLOOR, Math.max(FLOOR, v)); }

    private static double log2(double v) { return Math.log(v) / Math.log(2); }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}

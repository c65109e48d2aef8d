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
    private static final double FLOOR = 1e-9;
    /** A level no match was seen at still happens sometimes (data-entry errors): cap its evidence. */
    private static final double M_FLOOR = 1e-4;

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

    /** Pattern counts of the candidate pairs that share one blocking rule's key, and the comparisons that rule fixes. */
    record Session(String rule, Map<Integer, Long> patterns, java.util.Set<Integer> blockedComparisons) {}

    /**
     * Estimates the model the way Splink does, so that weights mean the same thing:
     * <ul>
     *   <li>u from random pairs (almost all non-matches);</li>
     *   <li>m by expectation-maximisation over the pairs of one blocking rule at a time, with u
     *       fixed, leaving out the comparisons the rule forces to agree (their distribution in
     *       that session says nothing about matches); each comparison's m is the mean over the
     *       sessions that estimated it;</li>
     *   <li>the prior: the expected share of matches among all pairs (fixed point over the
     *       candidates, pairs outside blocking counted as non-matches).</li>
     * </ul>
     * Counts per distinct pattern, so cost does not grow with the number of pairs.
     */
    static MatchModel fit(List<Session> sessions, Map<Integer, Long> candidatePatterns, Map<Integer, Long> randomPatterns,
                          double totalPairs, int maxIterations) {
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
        double[][] mSum = new double[C][];
        int[] estimates = new int[C];
        for (int c = 0; c < C; c++) mSum[c] = new double[m[c].length];
        int iterations = 0;
        for (Session session : sessions) {
            if (session.patterns().isEmpty()) continue;
            double[][] ms = deepCopy(m);
            double lambda = 0.5;
            for (int it = 0; it < maxIterations; it++, iterations++) {
                double[][] mNum = new double[C][];
                for (int c = 0; c < C; c++) mNum[c] = new double[ms[c].length];
                double sumG = 0, total = 0;
                for (var e : session.patterns().entrySet()) {
                    double g = posterior(e.getKey(), lambda, ms, u);
                    double n = e.getValue();
                    sumG += n * g;
                    total += n;
                    for (int c = 0; c < C; c++) {
                        int l = Comparisons.level(e.getKey(), c);
                        if (l != 0) mNum[c][l] += n * g;
                    }
                }
                double change = 0;
                for (int c = 0; c < C; c++) {
                    if (!session.blockedComparisons().contains(c)) change = Math.max(change, normaliseInto(mNum[c], ms[c]));
                }
                double newLambda = clamp(sumG / total);
                change = Math.max(change, Math.abs(newLambda - lambda));
                lambda = newLambda;
                if (change < 1e-6) break;
            }
            for (int c = 0; c < C; c++) {
                if (session.blockedComparisons().contains(c)) continue;
                double seen = 0;
                for (var e : session.patterns().entrySet()) if (Comparisons.level(e.getKey(), c) != 0) seen += e.getValue();
                if (seen == 0) continue; // comparison never observed in this session: nothing learnt
                for (int l = 1; l < ms[c].length; l++) mSum[c][l] += ms[c][l];
                estimates[c]++;
            }
        }
        for (int c = 0; c < C; c++) {
            if (estimates[c] == 0) continue;
            for (int l = 1; l < m[c].length; l++) m[c][l] = Math.max(M_FLOOR, mSum[c][l] / estimates[c]);
        }
        // A level never seen among the candidates has learnt nothing: it must not carry evidence either way.
        long[][] seen = new long[C][];
        for (int c = 0; c < C; c++) seen[c] = new long[m[c].length];
        for (var e : candidatePatterns.entrySet()) {
            for (int c = 0; c < C; c++) seen[c][Comparisons.level(e.getKey(), c)] += e.getValue();
        }
        for (int c = 0; c < C; c++) {
            for (int l = 1; l < m[c].length; l++) if (seen[c][l] == 0) m[c][l] = u[c][l];
        }
        double candidates = candidatePatterns.values().stream().mapToLong(Long::longValue).sum();
        double lambda = clamp(Math.max(1, candidates) * 0.5 / Math.max(1, totalPairs));
        for (int it = 0; it < 100; it++) {
            double expected = 0;
            for (var e : candidatePatterns.entrySet()) expected += e.getValue() * posterior(e.getKey(), lambda, m, u);
            double next = clamp(expected / Math.max(1, totalPairs));
            if (Math.abs(next - lambda) < 1e-12) { lambda = next; break; }
            lambda = next;
        }
        return new MatchModel(lambda, m, u, iterations);
    }

    private static double posterior(int pattern, double lambda, double[][] m, double[][] u) {
        double lm = Math.log(lambda), lu = Math.log(1 - lambda);
        for (int c = 0; c < Comparisons.COUNT; c++) {
            int l = Comparisons.level(pattern, c);
            if (l == 0) continue;
            lm += Math.log(m[c][l]);
            lu += Math.log(u[c][l]);
        }
        return 1 / (1 + Math.exp(lu - lm));
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

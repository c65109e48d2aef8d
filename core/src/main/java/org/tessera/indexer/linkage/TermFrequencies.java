package org.tessera.indexer.linkage;

import java.util.HashMap;
import java.util.Map;

/**
 * Term-frequency adjustment of exact name agreement (as Splink's TF levels): two records agreeing
 * on "smith" is weaker evidence than agreeing on "okonkwo". On an exact level the model's u (the
 * average chance that two random records agree) is replaced by the frequency of the value itself:
 * weight += log2(u_exact) - log2(max(tf_a, tf_b, floor)). The floor stops one-off spellings (often
 * typos) from counting as near-proof.
 *
 * <p>Frequencies are looked up once per unit, not once per pair (tens of millions of map lookups
 * at county scale). Immutable and thread-safe.
 */
final class TermFrequencies {
    static final double FLOOR = 1e-4;
    private static final double LN2 = Math.log(2);

    /** Frequency of each unit's given and family name (0 when the unit has none). */
    private final double[] given, family;
    /** {@code log(max(FLOOR, frequency))} of each unit's names: the term an exact pair of one value needs. */
    private final double[] logGiven, logFamily;
    private final boolean enabled;

    private TermFrequencies(double[] given, double[] family, boolean enabled) {
        this.given = given;
        this.family = family;
        this.logGiven = logs(given);
        this.logFamily = logs(family);
        this.enabled = enabled;
    }

    /** No adjustment. */
    static TermFrequencies none() {
        return new TermFrequencies(new double[0], new double[0], false);
    }

    static TermFrequencies of(Features[] features) {
        Map<String, Integer> g = new HashMap<>(), fam = new HashMap<>();
        int gt = 0, ft = 0;
        for (Features f : features) {
            if (f.given != null) { g.merge(f.given, 1, Integer::sum); gt++; }
            if (f.family != null) { fam.merge(f.family, 1, Integer::sum); ft++; }
        }
        double givenTotal = Math.max(1, gt), familyTotal = Math.max(1, ft);
        double[] given = new double[features.length], family = new double[features.length];
        for (int i = 0; i < features.length; i++) {
            given[i] = freq(g, givenTotal, features[i].given);
            family[i] = freq(fam, familyTotal, features[i].family);
        }
        return new TermFrequencies(given, family, true);
    }

    /**
     * The adjustment of a pair of units {@code a}, {@code b} with this pattern, given the logs of
     * the model's u of an exact given and family name ({@link #logUExact}).
     */
    double adjustment(int pattern, int a, int b, double logUGivenExact, double logUFamilyExact) {
        if (!enabled) return 0;
        double adj = 0;
        if (Comparisons.level(pattern, MatchModel.GIVEN) == 1) adj += adjust(logUGivenExact, given, logGiven, a, b);
        if (Comparisons.level(pattern, MatchModel.FAMILY) == 1) adj += adjust(logUFamilyExact, family, logFamily, a, b);
        return adj;
    }

    /** {@code Math.log(model.u(comparison, exact))}, computed once per model. */
    static double logUExact(MatchModel model, int comparison) {
        return Math.log(model.u(comparison, 1));
    }

    private static double freq(Map<String, Integer> counts, double total, String value) {
        Integer c = value == null ? null : counts.get(value);
        return c == null ? 0 : c / total;
    }

    private static double adjust(double logUExact, double[] tf, double[] logTf, int a, int b) {
        // An exact pair shares one value, hence one frequency: the unit's precomputed log is the same double.
        double log = tf[a] == tf[b] ? logTf[a] : Math.log(Math.max(FLOOR, Math.max(tf[a], tf[b])));
        return (logUExact - log) / LN2;
    }

    private static double[] logs(double[] tf) {
        double[] out = new double[tf.length];
        for (int i = 0; i < tf.length; i++) out[i] = Math.log(Math.max(FLOOR, tf[i]));
        return out;
    }
}

package org.tessera.indexer.linkage;

import java.util.HashMap;
import java.util.Map;

/**
 * Term-frequency adjustment of exact name agreement (as Splink's TF levels): two records agreeing
 * on "smith" is weaker evidence than agreeing on "okonkwo". On an exact level the model's u (the
 * average chance that two random records agree) is replaced by the frequency of the value itself:
 * weight += log2(u_exact) - log2(max(tf_a, tf_b, floor)). The floor stops one-off spellings (often
 * typos) from counting as near-proof.
 */
final class TermFrequencies {
    static final double FLOOR = 1e-4;
    static final TermFrequencies NONE = new TermFrequencies(Map.of(), Map.of(), 1, 1);

    private final Map<String, Integer> given;
    private final Map<String, Integer> family;
    private final double givenTotal;
    private final double familyTotal;

    private TermFrequencies(Map<String, Integer> given, Map<String, Integer> family, double givenTotal, double familyTotal) {
        this.given = given;
        this.family = family;
        this.givenTotal = givenTotal;
        this.familyTotal = familyTotal;
    }

    static TermFrequencies of(Features[] features) {
        Map<String, Integer> g = new HashMap<>(), fam = new HashMap<>();
        int gt = 0, ft = 0;
        for (Features f : features) {
            if (f.given != null) { g.merge(f.given, 1, Integer::sum); gt++; }
            if (f.family != null) { fam.merge(f.family, 1, Integer::sum); ft++; }
        }
        return new TermFrequencies(g, fam, Math.max(1, gt), Math.max(1, ft));
    }

    double adjustment(int pattern, Features a, Features b, MatchModel model) {
        if (this == NONE) return 0;
        double adj = 0;
        if (Comparisons.level(pattern, MatchModel.GIVEN) == 1) {
            adj += adjust(model.u(MatchModel.GIVEN, 1), freq(given, givenTotal, a.given), freq(given, givenTotal, b.given));
        }
        if (Comparisons.level(pattern, MatchModel.FAMILY) == 1) {
            adj += adjust(model.u(MatchModel.FAMILY, 1), freq(family, familyTotal, a.family), freq(family, familyTotal, b.family));
        }
        return adj;
    }

    private static double freq(Map<String, Integer> counts, double total, String value) {
        Integer c = counts.get(value);
        return c == null ? 0 : c / total;
    }

    private static double adjust(double uExact, double tfA, double tfB) {
        double tf = Math.max(FLOOR, Math.max(tfA, tfB));
        return (Math.log(uExact) - Math.log(tf)) / Math.log(2);
    }
}

package org.tessera.indexer.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * How a mention is meant: negated ("no signs of neglect"), uncertain ("possible bruise"),
 * historical ("in 2019"), hypothetical ("if he returns"), and whose experience it is
 * ({@code subject}, {@code family}, {@code other}). {@code counts} says whether the hit adds to
 * risk: by default a negated or hypothetical mention does not count ({@link #of}).
 */
public record EvidenceContext(boolean negated, boolean uncertain, boolean historical, boolean hypothetical,
                              String experiencer, boolean counts) {

    public static final EvidenceContext AFFIRMED = of(false, false, false, false, "subject");

    public EvidenceContext {
        experiencer = experiencer == null ? "subject" : experiencer;
    }

    /** The default counting policy: negated and hypothetical mentions do not count; uncertain and historical do. */
    public static EvidenceContext of(boolean negated, boolean uncertain, boolean historical, boolean hypothetical, String experiencer) {
        return new EvidenceContext(negated, uncertain, historical, hypothetical, experiencer, !negated && !hypothetical);
    }

    /** Labels for the {@code hits.context} keyword field; {@code affirmed} when no modifier applies. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>();
        if (negated) labels.add("negated");
        if (uncertain) labels.add("uncertain");
        if (historical) labels.add("historical");
        if (hypothetical) labels.add("hypothetical");
        if (!"subject".equals(experiencer)) labels.add("experiencer:" + experiencer);
        if (labels.isEmpty()) labels.add("affirmed");
        return labels;
    }
}

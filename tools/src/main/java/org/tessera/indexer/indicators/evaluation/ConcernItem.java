package org.tessera.indexer.indicators.evaluation;

import java.util.Objects;

/**
 * One labelled sentence of a concern evaluation corpus ({@code nlp-models/eval/concerns-*.jsonl}).
 *
 * @param concern    a key of the concern map, or {@link #NONE} for a harmless distractor
 * @param context    {@code affirmed}, {@code negated}, {@code hypothetical}, {@code historical} or {@code uncertain}
 * @param subjectAge the child's age in years, or null when the item does not say
 */
public record ConcernItem(String id, String text, String concern, String context, String experiencer, String agency,
                          Double subjectAge) {

    public static final String NONE = "none";
    public static final String AFFIRMED = "affirmed";

    public ConcernItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(concern, "concern");
        Objects.requireNonNull(context, "context");
    }

    public boolean distractor() {
        return NONE.equals(concern);
    }

    public boolean affirmed() {
        return AFFIRMED.equals(context);
    }
}

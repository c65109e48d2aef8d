package org.tessera.indexer.nlp.context;

import java.util.Objects;

/**
 * A character range of the analysed text ({@code end} exclusive) that sits inside the scope of
 * one or more context triggers, with the modifiers that apply to it. Text outside every span
 * is affirmed.
 */
public record ContextSpan(int start, int end, boolean negated, boolean uncertain, boolean historical,
                          boolean hypothetical, Experiencer experiencer) {
    public ContextSpan {
        Objects.requireNonNull(experiencer, "experiencer");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}

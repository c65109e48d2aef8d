package org.tessera.indexer.synthetic.notes;

import org.tessera.indexer.nlp.EntityType;

import java.util.Objects;

/** A mention at character offsets [start, end) of a note's text. */
public record Span(int start, int end, EntityType type) {
    public Span {
        Objects.requireNonNull(type);
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public String coveredText(String text) {
        return text.substring(start, end);
    }
}

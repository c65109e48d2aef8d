package org.tessera.indexer.nlp;

import java.util.Objects;

/** A sentence of an analysed text with its character offsets ({@code end} exclusive). */
public record Sentence(int start, int end, String text) {
    public Sentence {
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start || text.length() != end - start) {
            throw new IllegalArgumentException("bad sentence offsets " + start + ".." + end);
        }
    }

    public boolean contains(int offset) {
        return offset >= start && offset < end;
    }
}

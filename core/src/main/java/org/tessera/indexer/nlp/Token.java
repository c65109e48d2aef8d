package org.tessera.indexer.nlp;

import java.util.Objects;

/** A token with its character offsets in the text it came from ({@code end} exclusive). */
public record Token(int start, int end, String text) {
    public Token {
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad token offsets " + start + ".." + end);
        }
    }
}

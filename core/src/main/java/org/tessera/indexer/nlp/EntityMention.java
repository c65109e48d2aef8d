package org.tessera.indexer.nlp;

import java.util.Objects;

/**
 * One entity found in a text: its type, the covered text and its character offsets
 * ({@code start} inclusive, {@code end} exclusive) in the analysed text.
 */
public record EntityMention(EntityType type, String text, int start, int end) {
    public EntityMention {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad offsets " + start + ".." + end);
        }
        if (text.length() != end - start) {
            throw new IllegalArgumentException("text length does not match offsets " + start + ".." + end);
        }
    }

    /** Builds a mention whose text is cut from {@code source}. */
    public static EntityMention of(EntityType type, String source, int start, int end) {
        return new EntityMention(type, source.substring(start, end), start, end);
    }

    public boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }
}

package org.tessera.indexer.nlp.training;

import java.util.List;
import java.util.Objects;
import org.tessera.indexer.nlp.EntityMention;

/** A generated case note with the gold entity spans written into it. */
public record AnnotatedNote(String text, List<EntityMention> entities) {
    public AnnotatedNote {
        Objects.requireNonNull(text, "text");
        entities = List.copyOf(entities);
        for (EntityMention e : entities) {
            if (e.end() > text.length() || !text.substring(e.start(), e.end()).equals(e.text())) {
                throw new IllegalArgumentException("entity does not match note text: " + e);
            }
        }
    }
}

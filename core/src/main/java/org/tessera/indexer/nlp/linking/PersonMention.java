package org.tessera.indexer.nlp.linking;

import java.util.Objects;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

/** A person named in a note, with its offsets in the note ({@code end} exclusive). */
public record PersonMention(String text, int start, int end) {
    public PersonMention {
        Objects.requireNonNull(text, "text");
    }

    /** From a PERSON entity mention. */
    public static PersonMention of(EntityMention m) {
        if (m.type() != EntityType.PERSON) {
            throw new IllegalArgumentException("not a person mention: " + m.type());
        }
        return new PersonMention(m.text(), m.start(), m.end());
    }
}

package org.tessera.indexer.synthetic.notes;

import java.util.List;
import java.util.Objects;

/** A generated note and its entity mentions (person, location, organisation, date). */
public record NoteWithAnnotations(String text, List<Span> spans) {
    public NoteWithAnnotations {
        Objects.requireNonNull(text);
        spans = List.copyOf(spans);
        for (Span s : spans) {
            if (s.end() > text.length()) {
                throw new IllegalArgumentException("span beyond text: " + s);
            }
        }
    }
}

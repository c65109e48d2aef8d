package org.tessera.indexer.synthetic.notes;

import java.util.List;

/** A composed note: text, entity spans, and the indicator cue phrases it contains. */
public record ComposedNote(String text, List<Span> spans, List<CueMention> cues) {
    public ComposedNote {
        spans = List.copyOf(spans);
        cues = List.copyOf(cues);
    }

    public NoteWithAnnotations annotations() {
        return new NoteWithAnnotations(text, spans);
    }
}

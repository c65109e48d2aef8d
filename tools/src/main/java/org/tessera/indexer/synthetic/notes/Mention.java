package org.tessera.indexer.synthetic.notes;

import java.util.Objects;

/** A request to write a sentence about an indicator with a given cue into a note. */
public record Mention(String indicatorId, Cue cue) {
    public Mention {
        Objects.requireNonNull(indicatorId);
        Objects.requireNonNull(cue);
    }

    public static Mention affirmed(String indicatorId) {
        return new Mention(indicatorId, Cue.AFFIRMED);
    }
}

package org.tessera.indexer.synthetic.notes;

/** Where a requested indicator phrase landed in the note: offsets of the cue phrase itself. */
public record CueMention(String indicatorId, Cue cue, int start, int end, String phrase) {
}

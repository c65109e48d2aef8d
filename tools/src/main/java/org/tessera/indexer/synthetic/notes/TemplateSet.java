package org.tessera.indexer.synthetic.notes;

/**
 * Which template family a note is built from. TRAINING and HELD_OUT are disjoint (every fourth
 * fragment of each section is held out), so an NER model trained on one can be evaluated on
 * text phrased differently. ALL is used for the county's own notes.
 */
public enum TemplateSet {
    ALL, TRAINING, HELD_OUT;

    public boolean admits(int indexInSection) {
        boolean held = indexInSection % 4 == 3;
        return switch (this) {
            case ALL -> true;
            case TRAINING -> !held;
            case HELD_OUT -> held;
        };
    }
}

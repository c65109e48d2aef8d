package org.tessera.indexer.nlp.training;

/**
 * Two disjoint sets of note templates: the model is trained on one and evaluated on the
 * other, so the reported figures measure wording the model never saw. Name lists are split
 * too: held-out notes also use names that never appear in training notes.
 */
public enum TemplateFamily {
    TRAINING,
    HELD_OUT
}

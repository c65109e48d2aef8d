package org.tessera.indexer.nlp.context;

/** Whose experience a mention describes, when the sentence says so. */
public enum Experiencer {
    /** The child or young person the record is about (child, baby, son, daughter, YP). */
    CHILD,
    /** A parent or step-parent (mum, dad, mother, stepfather, parents). */
    PARENT,
    /** Someone else: relative, partner, neighbour, friend, family history. */
    OTHER,
    /** The sentence does not say. */
    UNSTATED
}

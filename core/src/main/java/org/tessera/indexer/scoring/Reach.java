package org.tessera.indexer.scoring;

/** How a hit reaches a child. */
public enum Reach {
    /** The child is on the event and the hit is about the child (or the whole event). */
    DIRECT,
    /** The child is on the event but the hit is about someone else on it. */
    PRESENT,
    /** The child is not on the event; an adult of the child's household at that date is. */
    HOUSEHOLD,
    /**
     * The child is not on the event; a child of its household at that date is, and the indicator
     * reaches siblings (a concern about the care one child receives is one about the others').
     */
    SIBLING
}

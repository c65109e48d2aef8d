package org.tessera.indexer.nlp.context;

/**
 * One label summarising a mention's context, for display and evaluation. When several
 * modifiers apply the first in this order wins: hypothetical, negated, uncertain, historical.
 */
public enum ContextLabel {
    AFFIRMED,
    NEGATED,
    UNCERTAIN,
    HISTORICAL,
    HYPOTHETICAL
}

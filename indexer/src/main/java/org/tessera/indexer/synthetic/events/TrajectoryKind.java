package org.tessera.indexer.synthetic.events;

/**
 * Planted risk patterns. CUMULATIVE: many low/medium events across agencies, none high (the
 * case the product exists for). ACUTE: one high-severity event and the response to it.
 * RESOLVED: a past pattern in the first year that ended, followed by reassuring records.
 */
public enum TrajectoryKind {
    CUMULATIVE, ACUTE, RESOLVED
}

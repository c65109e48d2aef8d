package org.tessera.indexer.synthetic.events;

/**
 * Planted risk patterns. CUMULATIVE: many low/medium events across agencies (the case the
 * product exists for); half of them end in one high-severity event on the trajectory's end date
 * (TrajectoryPlanner.P_ESCALATION), the rest never cross a threshold. ACUTE: one high-severity event and the response to it.
 * RESOLVED: a past pattern in the first year that ended, followed by reassuring records.
 */
public enum TrajectoryKind {
    CUMULATIVE, ACUTE, RESOLVED
}

package org.tessera.indexer.scoring;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Where the scorer gets children's histories from: the {@code events} index ({@link
 * ChildHistoryLoader}), or what a full ingest has just written ({@link EventLedger}). Both give the
 * same histories for the same events: the scores do not depend on where they were read.
 */
public interface ChildHistories {

    /** Histories of the given children up to {@code asOf}; a child without any event gets an empty history. */
    Map<String, ChildHistory> load(Collection<String> childIds, LocalDate asOf);

    /**
     * Children that hits on events dated in [from, to] may reach: children on those events, and
     * children recorded in the households of the people on them. {@code from} null means any date.
     */
    Set<String> childrenReachedBetween(LocalDate from, LocalDate to);

    /**
     * Children recorded in one of the given households on an event dated up to {@code to}: whom a
     * hit on an event of anyone in those households may reach (as household member or sibling).
     */
    Set<String> childrenOfHouseholds(Collection<String> householdIds, LocalDate to);
}

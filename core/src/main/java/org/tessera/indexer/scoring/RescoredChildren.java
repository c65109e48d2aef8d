package org.tessera.indexer.scoring;

import java.util.Objects;
import java.util.Set;

/**
 * The children an ingest rescored, with their histories before and after it: what an arrival
 * needs to tell who entered or rose on the watchlist without reading the whole list twice.
 * {@code before} and {@code after} are views an ingest holds in memory; they are valid only
 * while the listener that receives them runs.
 *
 * @param children the children rescored (every child whose history the ingest may have changed)
 * @param before   histories as they were before the ingest (empty on a first load)
 * @param after    histories of the events as the ingest left them
 */
public record RescoredChildren(Set<String> children, ChildHistories before, ChildHistories after) {
    public RescoredChildren {
        children = Set.copyOf(children);
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wall time per stage of one ingest run (read, feed store, link, events, indicators, persons,
 * stale, rescore), and within "events" the busy time of its sub-stages, named
 * {@value #EVENTS}{@code ...}: those overlap (the engine percolates and indexes one batch while
 * the next is analysed), so they add up to more than "events"; likewise the persons stage's parts,
 * {@code persons/...} ({@link PersonsStage#TIMES}). Thread-safe: sub-stages are timed from the event
 * sink's and the persons writers' threads.
 */
final class StageTimes {

    /** The prefix of the event stage's sub-stages. */
    static final String EVENTS = "events/";

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    synchronized void add(String stage, long elapsedNanos) {
        nanos.merge(stage, elapsedNanos, Long::sum);
    }

    /** Adds the time from {@code startNanos} ({@link System#nanoTime()}) to now. */
    void since(String stage, long startNanos) {
        add(stage, System.nanoTime() - startNanos);
    }

    /** The times so far, in the order the stages were first timed. */
    synchronized Map<String, Long> snapshot() {
        return new LinkedHashMap<>(nanos);
    }
}

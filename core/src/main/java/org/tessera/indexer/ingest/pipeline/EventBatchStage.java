package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tessera.indexer.events.Event;

/**
 * A step that enriches a batch of event documents before they are written, e.g. percolation
 * against the indicators, which adds {@code hits}. Stages run in order, one batch at a time, on the
 * pipeline's event-writing thread (not the thread that reads and analyses); a stage must be
 * deterministic so that re-running an ingest writes identical documents.
 */
public interface EventBatchStage {

    String name();

    /**
     * Called once before the first batch of each ingest run (a stage that gathers per run starts
     * afresh); {@code firstLoad} when the events and persons indices were empty at its start.
     */
    default void begin(boolean firstLoad) {
    }

    /** Called once per run after all its events are written and searchable, before persons and scores. */
    default void afterEvents() {
    }

    void apply(List<ObjectNode> events);

    /**
     * The batch with the typed events its documents were made from (same order, without what
     * earlier stages added to the documents): a stage that only reads may use them instead of
     * reading the documents back. By default the documents alone.
     */
    default void apply(List<Event> events, List<ObjectNode> documents) {
        apply(documents);
    }

    /**
     * Whether this stage reads the documents as they go to the index, stamped with their content
     * hash and ingest time ({@link Event#contentHashOf}); such a stage runs after every other one
     * and after the hashing, and must not change the documents. False by default.
     */
    default boolean readsStamped() {
        return false;
    }

    /**
     * Events of a run into stored indices kept as stored (their basis unchanged, ADR 0025): as
     * read from the index, hits and stamps included; not percolated, not written. A stage that
     * gathers over every event of a run notes them here; called in order with the batches, on
     * the same thread as {@link #apply}. Nothing by default.
     */
    default void kept(List<Event> events) {
    }
}

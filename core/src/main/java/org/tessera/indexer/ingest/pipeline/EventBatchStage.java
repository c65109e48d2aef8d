package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

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
}

package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.tessera.indexer.events.Event;

/**
 * A batch stage for the event stage's tests that notes what it is told: whether the run is a first
 * load, the record id of every event staged and every event kept, and whether the events ended.
 */
final class RecordingBatchStage implements EventBatchStage {

    final List<String> staged = new ArrayList<>();
    final List<String> kept = new ArrayList<>();
    Boolean firstLoad;
    boolean after;

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void begin(boolean firstLoad) {
        this.firstLoad = firstLoad;
    }

    @Override
    public void apply(List<ObjectNode> batch) {
        batch.forEach(e -> staged.add(Event.fromDocument(e).recordId()));
    }

    @Override
    public void kept(List<Event> batch) {
        batch.forEach(e -> kept.add(e.recordId()));
    }

    @Override
    public void afterEvents() {
        after = true;
    }
}

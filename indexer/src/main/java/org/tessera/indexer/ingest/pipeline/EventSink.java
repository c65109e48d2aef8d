package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.BulkWriter;

/**
 * The engine's half of the event stage: runs the batch stages (percolation), stamps the content
 * hash and ingest time, and hands the events to the bulk writer, on a thread of its own.
 *
 * <p>Why a thread: percolating and indexing a batch are work for the engine, during which the
 * ingesting thread used to wait; analysing the text of the next batch is work for this JVM. Run
 * one after the other they left a core idle most of the time. Here the engine works on batch N
 * while the next batch is analysed and built. At most one batch is in flight and one being
 * built, so memory stays bounded and a slow engine slows the producer down (back-pressure).
 *
 * <p>Batches are processed strictly in submission order, one at a time, so the documents written
 * are the same as on a single thread. Not thread-safe: one producing thread submits; the bulk
 * writer must not be used by anyone else until {@link #drain()} has returned.
 */
final class EventSink implements AutoCloseable {

    /** Where the sink reports the time of each of its steps (nanoseconds, may be called from its thread). */
    interface Timer {
        void add(String stage, long nanos);
    }

    private final List<EventBatchStage> stages;
    private final BulkWriter writer;
    private final String index;
    private final Clock clock;
    private final Timer timer;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-event-sink");
        t.setDaemon(true);
        return t;
    });
    private Future<?> inFlight;

    EventSink(List<EventBatchStage> stages, BulkWriter writer, String index, Clock clock, Timer timer) {
        this.stages = List.copyOf(stages);
        this.writer = writer;
        this.index = index;
        this.clock = clock;
        this.timer = timer;
    }

    /** Waits for the previous batch (rethrowing its failure), then starts this one. */
    void submit(List<ObjectNode> events) {
        drain();
        if (!events.isEmpty()) {
            List<ObjectNode> batch = List.copyOf(events);
            inFlight = thread.submit(() -> write(batch));
        }
    }

    /** Returns once every submitted batch is with the bulk writer (not necessarily flushed). */
    void drain() {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing events failed: " + e.getCause(), e.getCause());
        } finally {
            inFlight = null;
        }
    }

    private void write(List<ObjectNode> events) {
        for (EventBatchStage stage : stages) {
            long start = System.nanoTime();
            stage.apply(events);
            timer.add(stage.name(), System.nanoTime() - start);
        }
        long hashStart = System.nanoTime();
        for (ObjectNode event : events) {
            // The hash must cover what the stages added (hits), but not the ingest time.
            event.put("content_hash", Ids.sha256Hex(event.toString()));
            event.put("ingested_at", clock.instant().toString());
        }
        timer.add("hash", System.nanoTime() - hashStart);
        long bulkStart = System.nanoTime();
        for (ObjectNode event : events) {
            writer.add(new BulkWriter.Document(index, event.path("event_id").asText(), event));
        }
        timer.add("bulk events", System.nanoTime() - bulkStart);
    }

    @Override
    public void close() {
        // On failure of the producer the batch in flight is abandoned: the run is re-startable.
        thread.shutdownNow();
        try {
            // the bulk writer is closed next, on the caller's thread: not while this one still uses it
            thread.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

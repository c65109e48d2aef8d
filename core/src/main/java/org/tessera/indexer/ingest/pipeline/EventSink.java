package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * The engine's half of the event stage: runs the batch stages (percolation), stamps the content
 * hash and ingest time, and hands the events to the bulk writer, on a thread of its own.
 *
 * <p>Why threads: percolating and indexing a batch are work for the engine, during which the
 * ingesting thread used to wait; analysing the text of the next batch is work for this JVM. Run
 * one after the other they left a core idle most of the time. Here three batches move at once:
 * batch N is indexed (one thread), N+1 percolated and hashed (another), N+2 analysed and built
 * (the caller). At most one batch waits at each step, so memory stays bounded and a slow engine
 * slows the producer down (back-pressure).
 *
 * <p>Each step handles batches strictly in submission order, one at a time, so the documents
 * written are the same as on a single thread. Not thread-safe: one producing thread submits; the bulk
 * writer must not be used by anyone else until {@link #drain()} has returned.
 */
final class EventSink implements AutoCloseable {

    /** Where the sink reports the time of each of its steps (nanoseconds, may be called from its thread). */
    interface Timer {
        void add(String stage, long nanos);
    }

    private static final ObjectMapper JSON = EngineJson.MAPPER;

    private final List<EventBatchStage> stages;
    private final BulkWriter writer;
    private final String index;
    private final Clock clock;
    private final Timer timer;
    private final ExecutorService percolating = thread("ingest-percolate");
    private final ExecutorService indexing = thread("ingest-bulk");
    /** The batch with the stages; only the caller's thread touches this. */
    private Future<?> staged;
    /** The batch with the bulk writer; set by the percolating thread, read by the caller in {@link #drain()} after {@link #staged}. */
    private volatile Future<?> written;

    EventSink(List<EventBatchStage> stages, BulkWriter writer, String index, Clock clock, Timer timer) {
        this.stages = List.copyOf(stages);
        this.writer = writer;
        this.index = index;
        this.clock = clock;
        this.timer = timer;
    }

    private static ExecutorService thread(String name) {
        return DaemonThreads.single(name);
    }

    /** Waits until the previous batch has left the stages (rethrowing any failure so far), then starts this one. */
    void submit(List<Event> events) {
        submit(events, List.of());
    }

    /**
     * As {@link #submit(List)}, with the batch's events kept as stored ({@link EventBatchStage#kept}):
     * shown to the stages on the same thread, in order, and neither staged nor written.
     */
    void submit(List<Event> events, List<Event> kept) {
        await(staged);
        staged = null;
        if (!kept.isEmpty()) {
            List<Event> stored = List.copyOf(kept);
            staged = percolating.submit(() -> {
                long start = System.nanoTime();
                stages.forEach(stage -> stage.kept(stored));
                timer.add("kept", System.nanoTime() - start);
            });
        }
        if (!events.isEmpty()) {
            await(staged);
            List<Event> batch = List.copyOf(events);
            staged = percolating.submit(() -> {
                long documentsStart = System.nanoTime();
                List<ObjectNode> documents = new ArrayList<>(batch.size());
                batch.forEach(event -> documents.add(event.toDocument()));
                timer.add("documents", System.nanoTime() - documentsStart);
                List<byte[]> serialised = stage(batch, documents);
                // one batch at the bulk writer at a time, in order
                await(written);
                written = indexing.submit(() -> write(batch, documents, serialised));
            });
        }
    }

    /** Returns once every submitted batch is with the bulk writer (not necessarily flushed). */
    void drain() {
        await(staged);
        staged = null;
        await(written);
        written = null;
    }

    private static void await(Future<?> future) {
        if (future == null) {
            return;
        }
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing events failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Runs the stages over the events' documents (percolation adds the hits to the document it
     * percolates), then hashes and serialises each for the bulk writer: its JSON, in order.
     */
    private List<byte[]> stage(List<Event> typed, List<ObjectNode> events) {
        for (EventBatchStage stage : stages) {
            if (!stage.readsStamped()) {
                apply(stage, typed, events);
            }
        }
        long hashStart = System.nanoTime();
        List<byte[]> serialised = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            serialised.add(hashAndStamp(event, clock.instant().toString()));
        }
        timer.add("hash", System.nanoTime() - hashStart);
        // the stages that compare content hashes read the one just taken instead of serialising each document again
        for (EventBatchStage stage : stages) {
            if (stage.readsStamped()) {
                apply(stage, typed, events);
            }
        }
        return serialised;
    }

    private void apply(EventBatchStage stage, List<Event> typed, List<ObjectNode> events) {
        long start = System.nanoTime();
        stage.apply(typed, events);
        timer.add(stage.name(), System.nanoTime() - start);
    }

    /**
     * Adds {@code content_hash} (over the document with what the stages added, hits included, but
     * without the ingest time) and {@code ingested_at}, and returns the document's JSON. The JSON
     * the hash is taken over is reused: the two fields go at its end, where Jackson puts new
     * fields, so the bulk thread need not serialise the document again while the engine waits.
     */
    static byte[] hashAndStamp(ObjectNode event, String ingestedAt) {
        boolean appended = !Event.isStamped(event) && !event.isEmpty();
        // UTF-8 straight from the tree: the bytes of event.toString(), without the String between
        byte[] json = serialise(event);
        String hash = Ids.sha256Hex(json);
        Event.stamp(event, hash, ingestedAt);
        return appended ? Event.appendStamps(json, hash, ingestedAt) : serialise(event);
    }

    private static byte[] serialise(ObjectNode event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an event document", e);
        }
    }

    private void write(List<Event> events, List<ObjectNode> documents, List<byte[]> serialised) {
        long bulkStart = System.nanoTime();
        for (int i = 0; i < events.size(); i++) {
            writer.add(new BulkWriter.Document(index, events.get(i).eventId(), documents.get(i)), serialised.get(i));
        }
        timer.add("bulk events", System.nanoTime() - bulkStart);
    }

    @Override
    public void close() {
        // On failure of the producer the batch in flight is abandoned: the run is re-startable.
        percolating.shutdownNow();
        indexing.shutdownNow();
        try {
            // the bulk writer is closed next, on the caller's thread: not while these still use it
            percolating.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
            indexing.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.nlp.TextAnalysis;

/**
 * Records in batches with their text already analysed, read and analysed ahead on a thread of
 * their own while the caller does something else: during linkage, which runs on one core, text
 * analysis uses the other; during the event stage it keeps batches ready.
 *
 * <p>At most {@code batchesAhead} batches wait, so memory stays bounded whatever the input's
 * size. A failure in reading or analysis is rethrown by {@link #next()}. Closing stops the
 * reader and closes the records it owns. One consumer thread.
 */
final class AnalysedBatches implements Iterator<AnalysedBatches.Batch>, AutoCloseable {

    /** Records and their analyses, index by index; an analysis is null for a record without text. */
    record Batch(List<SourceRecord> records, List<TextAnalysis> analyses) {
        Batch {
            records = List.copyOf(records);
            analyses = java.util.Collections.unmodifiableList(new ArrayList<>(analyses));
            if (records.size() != analyses.size()) {
                throw new IllegalArgumentException("one analysis per record expected");
            }
        }
    }

    /** Where the reader reports the time it spent analysing (nanoseconds, from its own thread). */
    interface Timer {
        void add(long nanos);
    }

    private sealed interface Item {
    }

    private record Ready(Batch batch) implements Item {
    }

    private record Failed(RuntimeException failure) implements Item {
    }

    private record End() implements Item {
    }

    private final Iterator<SourceRecord> records;
    private final AutoCloseable owner;
    private final int batchSize;
    private final Function<List<SourceRecord>, List<TextAnalysis>> analyse;
    private final Timer timer;
    private final BlockingQueue<Item> ready;
    private final Thread reader;
    private Item head;

    /**
     * @param records      the records, read only by the reader thread
     * @param owner        closed when the reader is done with {@code records} (their files)
     * @param batchesAhead batches analysed and waiting, at most
     * @param analyse      the analyses of a batch's records, in order
     */
    AnalysedBatches(Iterator<SourceRecord> records, AutoCloseable owner, int batchSize, int batchesAhead,
                    Function<List<SourceRecord>, List<TextAnalysis>> analyse, Timer timer) {
        if (batchSize < 1 || batchesAhead < 1) {
            throw new IllegalArgumentException("batch size and batches ahead must be positive");
        }
        this.records = Objects.requireNonNull(records, "records");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.batchSize = batchSize;
        this.analyse = Objects.requireNonNull(analyse, "analyse");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.ready = new ArrayBlockingQueue<>(batchesAhead);
        this.reader = new Thread(this::readAll, "ingest-read-analyse");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void readAll() {
        try (owner) {
            List<SourceRecord> batch = new ArrayList<>(batchSize);
            while (records.hasNext()) {
                batch.add(records.next());
                if (batch.size() >= batchSize) {
                    ready.put(new Ready(analysed(batch)));
                    batch = new ArrayList<>(batchSize);
                }
            }
            if (!batch.isEmpty()) {
                ready.put(new Ready(analysed(batch)));
            }
            ready.put(new End());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the consumer: nobody waits for the rest
        } catch (Exception e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("reading records failed: " + e.getMessage(), e);
            try {
                ready.put(new Failed(failure));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Batch analysed(List<SourceRecord> batch) {
        long start = System.nanoTime();
        List<TextAnalysis> analyses = analyse.apply(batch);
        timer.add(System.nanoTime() - start);
        return new Batch(batch, analyses);
    }

    @Override
    public boolean hasNext() {
        if (head == null) {
            try {
                head = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for analysed records", e);
            }
        }
        if (head instanceof Failed failed) {
            throw failed.failure();
        }
        return head instanceof Ready;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch batch = ((Ready) head).batch();
        head = null;
        return batch;
    }

    /** Stops the reader (if still reading) and waits for it to close the records. */
    @Override
    public void close() {
        reader.interrupt();
        ready.clear();
        try {
            reader.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

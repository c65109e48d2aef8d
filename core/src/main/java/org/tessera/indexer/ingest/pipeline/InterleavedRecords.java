package org.tessera.indexer.ingest.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.SourceRecord;

/**
 * The records of several inputs as one sequence in which each input's records are spread evenly:
 * after any prefix, every input has given about the same fraction of its expected records.
 *
 * <p>Why: sources cost different things. School attendance rows carry no text, so a run of them
 * keeps the engine indexing while text analysis idles; a run of case notes does the opposite.
 * Read one file after another, the event stage alternates between the two and neither side of
 * the machine is busy for long; mixed, every batch carries both kinds of work.
 *
 * <p>The order depends only on the inputs and their expected counts, so a re-run over the same
 * files gives the same sequence. At most {@value #OPEN_AT_ONCE} inputs are open at once: larger
 * folders are mixed in consecutive groups of that many. Not thread-safe.
 */
final class InterleavedRecords implements Iterator<SourceRecord>, AutoCloseable {

    static final int OPEN_AT_ONCE = 32;

    /**
     * One input: how many records it is expected to give (counted when it was read before) and
     * how to open it. An input giving more or fewer than expected is still read to its end.
     */
    record Input(long expected, Supplier<Stream<SourceRecord>> open) {
        Input {
            Objects.requireNonNull(open, "open");
        }
    }

    private static final class Lane {
        final int order;
        final long expected;
        final Stream<SourceRecord> stream;
        final Iterator<SourceRecord> records;
        long given;

        Lane(int order, Input input) {
            this.order = order;
            this.expected = Math.max(1, input.expected());
            this.stream = input.open().get();
            this.records = stream.iterator();
        }
    }

    /** The lane furthest behind its share first: (given + 1) / expected, smallest first, then input order. */
    private static final Comparator<Lane> BEHIND_FIRST = (a, b) -> {
        int byShare = Long.compare((a.given + 1) * b.expected, (b.given + 1) * a.expected);
        return byShare != 0 ? byShare : Integer.compare(a.order, b.order);
    };

    private final List<Input> inputs;
    private final PriorityQueue<Lane> lanes = new PriorityQueue<>(BEHIND_FIRST);
    private final List<Lane> open = new ArrayList<>();
    private int nextGroup;

    InterleavedRecords(List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public boolean hasNext() {
        while (true) {
            while (!lanes.isEmpty() && !lanes.peek().records.hasNext()) {
                Lane done = lanes.poll();
                done.stream.close();
                open.remove(done);
            }
            if (!lanes.isEmpty()) {
                return true;
            }
            if (nextGroup >= inputs.size()) {
                return false;
            }
            openNextGroup();
        }
    }

    @Override
    public SourceRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Lane lane = lanes.poll();
        SourceRecord record = lane.records.next();
        lane.given++;
        lanes.add(lane);
        return record;
    }

    private void openNextGroup() {
        int end = Math.min(inputs.size(), nextGroup + OPEN_AT_ONCE);
        for (int i = nextGroup; i < end; i++) {
            Lane lane = new Lane(i, inputs.get(i));
            open.add(lane);
            lanes.add(lane);
        }
        nextGroup = end;
    }

    /** Closes every input still open (all of them are closed as they run out, too). */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Lane lane : open) {
            try {
                lane.stream.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        open.clear();
        lanes.clear();
        if (failure != null) {
            throw failure;
        }
    }
}

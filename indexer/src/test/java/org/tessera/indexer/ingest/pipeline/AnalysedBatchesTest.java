package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.nlp.TextAnalysis;

class AnalysedBatchesTest {

    private static SourceRecord record(int n) {
        return new SourceRecord("notes", String.valueOf(n), "agency", "type", null, null, n % 3 == 0 ? null : "note " + n,
                null, null, null, new Origin("notes.csv", n + 1, n + 1));
    }

    private static Iterator<SourceRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(AnalysedBatchesTest::record).iterator();
    }

    /** A stand-in analysis: records without text get none, as in the pipeline. */
    private static List<TextAnalysis> analyse(List<SourceRecord> batch) {
        List<TextAnalysis> out = new ArrayList<>();
        for (SourceRecord r : batch) {
            out.add(r.text() == null ? null : new TextAnalysis(List.of(), List.of(), List.of()));
        }
        return out;
    }

    @Test
    void everyRecordComesOnceInOrderInBatchesWithItsAnalysis() {
        AtomicInteger closed = new AtomicInteger();
        AtomicLong analysing = new AtomicLong();
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (AnalysedBatches batches = new AnalysedBatches(records(1005), closed::incrementAndGet, 100, 3,
                AnalysedBatchesTest::analyse, analysing::addAndGet)) {
            while (batches.hasNext()) {
                AnalysedBatches.Batch batch = batches.next();
                sizes.add(batch.records().size());
                for (int i = 0; i < batch.records().size(); i++) {
                    assertThat(batch.analyses().get(i) == null).isEqualTo(batch.records().get(i).text() == null);
                    seen.add(batch.records().get(i).recordId());
                }
            }
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 1005).mapToObj(String::valueOf).toList());
        assertThat(sizes).hasSize(11).endsWith(5);
        assertThat(closed).hasValue(1);
        assertThat(analysing.get()).isPositive();
    }

    @Test
    void theReaderStaysAtMostTheGivenNumberOfBatchesAhead() throws Exception {
        AtomicInteger analysedBatches = new AtomicInteger();
        CountDownLatch fourAnalysed = new CountDownLatch(4);
        try (AnalysedBatches batches = new AnalysedBatches(records(10_000), () -> { }, 10, 3, batch -> {
            analysedBatches.incrementAndGet();
            fourAnalysed.countDown();
            return analyse(batch);
        }, nanos -> { })) {
            assertThat(fourAnalysed.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // would the reader run on?
            // three waiting in the queue and one analysed, waiting for room
            assertThat(analysedBatches.get()).isEqualTo(4);
            assertThat(batches.next().records()).hasSize(10);
        }
    }

    @Test
    void aFailureWhileAnalysingReachesTheConsumerAfterTheBatchesBeforeIt() {
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        try (AnalysedBatches batches = new AnalysedBatches(records(50), closed::incrementAndGet, 10, 2, batch -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("text analysis failed: model missing");
            }
            return analyse(batch);
        }, nanos -> { })) {
            assertThat(batches.next().records()).hasSize(10);
            assertThat(batches.next().records()).hasSize(10);
            assertThatThrownBy(batches::hasNext).isInstanceOf(IllegalStateException.class).hasMessageContaining("model missing");
        }
        assertThat(closed).hasValue(1);
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheRecords() {
        AtomicInteger closed = new AtomicInteger();
        try (AnalysedBatches batches = new AnalysedBatches(records(100_000), closed::incrementAndGet, 10, 2,
                AnalysedBatchesTest::analyse, nanos -> { })) {
            batches.next();
        }
        assertThat(closed).hasValue(1);
    }

    @Test
    void noRecordsMeansNoBatches() {
        try (AnalysedBatches batches = new AnalysedBatches(Collections.emptyIterator(), () -> { }, 10, 2,
                AnalysedBatchesTest::analyse, nanos -> { })) {
            assertThat(batches.hasNext()).isFalse();
        }
    }
}

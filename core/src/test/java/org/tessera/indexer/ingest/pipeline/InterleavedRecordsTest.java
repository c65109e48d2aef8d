package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.SourceRecord;

class InterleavedRecordsTest {

    private static SourceRecord record(String source, int n) {
        return new SourceRecord(source, String.valueOf(n), "agency", "type", null, null, null, null, null, null,
                new Origin(source + ".csv", n + 1, n + 1));
    }

    private static InterleavedRecords.Input input(String source, int count, AtomicInteger closed) {
        return new InterleavedRecords.Input(count,
                () -> IntStream.range(0, count).mapToObj(n -> record(source, n)).onClose(closed::incrementAndGet));
    }

    private static List<SourceRecord> drain(InterleavedRecords records) {
        List<SourceRecord> out = new ArrayList<>();
        records.forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyInputKeepsItsShareOfEachStretchAndItsOwnOrder() {
        AtomicInteger closed = new AtomicInteger();
        List<SourceRecord> mixed;
        try (InterleavedRecords records = new InterleavedRecords(List.of(
                input("notes", 100, closed), input("attendance", 900, closed), input("alerts", 10, closed)))) {
            mixed = drain(records);
        }

        assertThat(mixed).hasSize(1010);
        assertThat(mixed.stream().filter(r -> r.source().equals("notes")).map(SourceRecord::recordId))
                .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(String::valueOf).toList());
        // any stretch of 101 records carries about a tenth notes, not all or none of them
        for (int from = 0; from + 101 <= mixed.size(); from += 101) {
            long notes = mixed.subList(from, from + 101).stream().filter(r -> r.source().equals("notes")).count();
            assertThat(notes).isBetween(9L, 11L);
        }
        assertThat(closed).hasValue(3);
    }

    @Test
    void theSameInputsGiveTheSameOrder() {
        AtomicInteger closed = new AtomicInteger();
        List<String> first;
        List<String> second;
        try (InterleavedRecords a = new InterleavedRecords(List.of(input("a", 7, closed), input("b", 13, closed)));
             InterleavedRecords b = new InterleavedRecords(List.of(input("a", 7, closed), input("b", 13, closed)))) {
            first = drain(a).stream().map(SourceRecord::eventId).toList();
            second = drain(b).stream().map(SourceRecord::eventId).toList();
        }
        assertThat(first).isEqualTo(second).doesNotHaveDuplicates().hasSize(20);
    }

    @Test
    void anInputGivingMoreOrFewerThanExpectedIsStillReadToItsEnd() {
        AtomicInteger closed = new AtomicInteger();
        List<SourceRecord> mixed;
        try (InterleavedRecords records = new InterleavedRecords(List.of(
                new InterleavedRecords.Input(2, () -> IntStream.range(0, 50).mapToObj(n -> record("grown", n))),
                new InterleavedRecords.Input(0, () -> IntStream.range(0, 5).mapToObj(n -> record("uncounted", n))),
                new InterleavedRecords.Input(40, () -> Stream.<SourceRecord>empty()),
                input("steady", 30, closed)))) {
            mixed = drain(records);
        }
        assertThat(mixed).hasSize(85);
    }

    @Test
    void largeFoldersAreMixedInGroupsSoFewInputsAreOpenAtOnce() {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        List<InterleavedRecords.Input> inputs = new ArrayList<>();
        for (int i = 0; i < InterleavedRecords.OPEN_AT_ONCE * 2 + 5; i++) {
            String source = "file" + i;
            inputs.add(new InterleavedRecords.Input(3, () -> {
                mostOpen.accumulateAndGet(opened.incrementAndGet() - closed.get(), Math::max);
                return IntStream.range(0, 3).mapToObj(n -> record(source, n)).onClose(closed::incrementAndGet);
            }));
        }
        List<SourceRecord> mixed;
        try (InterleavedRecords records = new InterleavedRecords(inputs)) {
            mixed = drain(records);
        }
        assertThat(mixed).hasSize(inputs.size() * 3);
        assertThat(mostOpen.get()).isLessThanOrEqualTo(InterleavedRecords.OPEN_AT_ONCE);
        assertThat(closed.get()).isEqualTo(inputs.size());
    }

    @Test
    void closingEarlyClosesWhatIsOpen() {
        AtomicInteger closed = new AtomicInteger();
        try (InterleavedRecords records = new InterleavedRecords(List.of(input("a", 10, closed), input("b", 10, closed)))) {
            records.next();
            records.next();
        }
        assertThat(closed).hasValue(2);
    }
}

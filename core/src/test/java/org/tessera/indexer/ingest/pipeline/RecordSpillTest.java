package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.SourceRecord;

class RecordSpillTest {

    private static SourceRecord record(int n) {
        return new SourceRecord("police_incidents", String.valueOf(n), "police", "incident", null, null, null, null, null, null,
                new Origin("police.csv", n, n));
    }

    @Test
    void aFilteredReadEndsCleanlyThoughItsIteratorAsksPastTheEnd(@TempDir Path dir) {
        RecordSpill spill;
        try (RecordSpill.Writer writer = new RecordSpill.Writer(dir.resolve("a.records"))) {
            for (int n = 1; n <= 5; n++) {
                writer.add(record(n));
            }
            spill = writer.finish();
        }
        List<String> read = new ArrayList<>();
        try (Stream<SourceRecord> records = spill.read()) {
            // a filtered stream's iterator advances its source again after the source said it ended (the feed store's write does this)
            Iterator<SourceRecord> it = records.filter(r -> !r.recordId().equals("3")).iterator();
            while (it.hasNext()) {
                read.add(it.next().recordId());
            }
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(read).containsExactly("1", "2", "4", "5");
    }
}

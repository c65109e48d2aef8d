package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
class BulkWriterIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rerunOfIdenticalDocumentsWritesNothingAndKeepsVersions(TestOpenSearch os) throws Exception {
        String events = os.alias("events");
        try (BulkWriter writer = new BulkWriter(os.connection(), BulkWriter.Mode.SKIP_UNCHANGED, 7, 1 << 20, "true")) {
            for (int i = 0; i < 20; i++) {
                writer.add(new BulkWriter.Document(events, "e" + i, event(i, "h" + i)));
            }
            writer.flush();
            assertThat(writer.stats().written()).isEqualTo(20);
        }
        long versionBefore = version(os, events, "e3");

        java.util.List<String> stored = new java.util.ArrayList<>();
        try (BulkWriter again = new BulkWriter(os.connection(), BulkWriter.Mode.SKIP_UNCHANGED, 7, 1 << 20, "true")
                .onWritten(document -> stored.add(document.id()))) {
            for (int i = 0; i < 20; i++) {
                again.add(new BulkWriter.Document(events, "e" + i, event(i, i == 5 ? "changed" : "h" + i)));
            }
            again.flush();
            assertThat(again.stats().unchanged()).isEqualTo(19);
            assertThat(again.stats().written()).isEqualTo(1);
        }
        // the listener hears of the one document stored, not of those skipped as unchanged
        assertThat(stored).containsExactly("e5");
        assertThat(version(os, events, "e3")).isEqualTo(versionBefore);
    }

    @Test
    void aDocumentTheMappingRefusesIsReportedAndTheRestAreWritten(TestOpenSearch os) {
        String events = os.alias("events");
        try (BulkWriter writer = new BulkWriter(os.connection(), BulkWriter.Mode.OVERWRITE, 100, 1 << 20, "true")) {
            writer.add(new BulkWriter.Document(events, "good-1", event(1, "a")));
            ObjectNode bad = event(2, "b");
            bad.put("no_such_field", "strict mapping refuses this");
            writer.add(new BulkWriter.Document(events, "bad-2", bad));
            writer.add(new BulkWriter.Document(events, "good-3", event(3, "c")));
            writer.flush();

            assertThat(writer.stats().written()).isEqualTo(2);
            var failures = writer.drainFailures();
            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f.id()).isEqualTo("bad-2");
                assertThat(f.status()).isEqualTo(400);
                assertThat(f.reason()).contains("no_such_field");
            });
        }
    }

    private static ObjectNode event(int i, String hash) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", "e" + i).put("source", "test").put("agency", "police")
                .put("record_type", "incident").put("event_date", "2025-01-0" + (1 + i % 9))
                .put("text", "Note number " + i).put("content_hash", hash);
        return event;
    }

    private static long version(TestOpenSearch os, String index, String id) throws Exception {
        return JSON.readTree(os.connection().raw("GET", "/" + index + "/_doc/" + id, null).body()).path("_version").asLong();
    }
}

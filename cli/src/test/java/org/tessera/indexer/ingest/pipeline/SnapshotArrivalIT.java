package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.indexer.ingest.pipeline.StoredDocuments.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * A snapshot source delivered again into a loaded county is linked around what it changed, not
 * re-linked whole (ADR 0029): delivered unchanged, no person moves and every event keeps its stored
 * version without being read back whole; with one record changed, that record alone is changed,
 * the persons elsewhere keep their ids and the event is built again.
 */
@ExtendWith(OpenSearchExtension.class)
class SnapshotArrivalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE_FILE = "csc_assessments";

    @Test
    void aSnapshotDeliveredAgainMovesNobodyAndReadsBackOnlyWhatChanged(TestOpenSearch os, @TempDir Path work) throws Exception {
        new CountyGenerator(GeneratorSettings.preset("250-children", 23, 1, GeneratorSettings.DEFAULT_END)).generate(work);
        Path data = work.resolve("data");
        IngestReport first = FeedReplayIT.ingest(os.connection(), data, work.resolve("q-first"));
        assertThat(first.wasRefused()).isFalse();
        Map<String, String> loaded = FeedReplayIT.occurrencePersons(os.connection());
        int persons = snapshot(os.connection(), "persons").size();

        List<Path> files;
        try (Stream<Path> listed = Files.walk(data)) {
            files = listed.filter(p -> p.getFileName().toString().startsWith(SOURCE_FILE)).toList();
        }
        assertThat(files).as("the county's assessments extract").isNotEmpty();

        // the same snapshot again: nothing changed, nobody moves, no event is read back whole
        Path again = Files.createDirectories(work.resolve("again"));
        for (Path file : files) {
            Files.copy(file, again.resolve(file.getFileName()));
        }
        IngestReport unchanged = FeedReplayIT.ingest(os.connection(), again, work.resolve("q-again"));
        assertThat(unchanged.counts()).as("linked around what changed").containsEntry("linked_incrementally", 1L)
                .containsEntry("snapshot_records_changed", 0L).containsEntry("linkage_changed_occurrences", 0L)
                .containsEntry("linkage_unsettled_persons", 0L);
        assertThat(unchanged.counts().getOrDefault("events_built", 0L)).as("events built again").isZero();
        // nothing changed reaches nobody: every event is left as stored unread, every person document too (ADR 0040)
        assertThat(unchanged.counts().getOrDefault("events_kept", 0L)).as("events read back to be kept").isZero();
        assertThat(unchanged.counts().get("events_left_as_stored")).as("events left as stored unread")
                .isEqualTo(unchanged.counts().get("events"));
        assertThat(unchanged.counts().get("persons_left_as_stored")).as("person documents left as stored").isEqualTo(persons);
        assertThat(FeedReplayIT.occurrencePersons(os.connection())).as("every occurrence keeps its person").isEqualTo(loaded);
        assertThat(snapshot(os.connection(), "persons")).as("persons").hasSize(persons);

        // one record's text changed: that record alone is changed and built again
        Path changed = Files.createDirectories(work.resolve("changed"));
        for (Path file : files) {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            if (file.equals(files.getFirst())) {
                lines.set(0, withTextAdded(lines.getFirst()));
            }
            Files.write(changed.resolve(file.getFileName()), lines, StandardCharsets.UTF_8);
        }
        IngestReport oneChanged = FeedReplayIT.ingest(os.connection(), changed, work.resolve("q-changed"));
        assertThat(oneChanged.counts()).containsEntry("linked_incrementally", 1L).containsEntry("snapshot_records_changed", 1L);
        assertThat(oneChanged.counts().get("events_built")).as("the changed record's event, and those of its people").isPositive();
        Map<String, String> after = FeedReplayIT.occurrencePersons(os.connection());
        double[] pr = IncrementalLinking.pairwise(after, loaded);
        assertThat(pr[0]).as("pairwise precision against the load").isGreaterThanOrEqualTo(0.999);
        assertThat(pr[1]).as("pairwise recall against the load").isGreaterThanOrEqualTo(0.999);
        long moved = loaded.entrySet().stream().filter(e -> !e.getValue().equals(after.get(e.getKey()))).count();
        System.out.printf("SnapshotArrivalIT: unchanged %s%nSnapshotArrivalIT: one changed %s; %d of %d occurrences changed person id%n",
                unchanged.counts(), oneChanged.counts(), moved, loaded.size());

        // a cut-off snapshot (one record of the school attendance, a source of many): its withdrawal is held back, and the
        // records it lacks are gathered from the store as unchanged, so nobody loses a member and nothing is built (ADR 0032)
        Path cut = Files.createDirectories(work.resolve("cut"));
        Path attendance;
        try (Stream<Path> listed = Files.walk(data)) {
            attendance = listed.filter(p -> p.getFileName().toString().startsWith("education_attendance")).sorted().findFirst().orElseThrow();
        }
        List<String> attendanceLines = Files.readAllLines(attendance, StandardCharsets.UTF_8);
        assertThat(attendanceLines).as("attendance records enough for a cut-off to be held back").hasSizeGreaterThan(20);
        Files.write(cut.resolve(attendance.getFileName()), attendanceLines.subList(0, 2), StandardCharsets.UTF_8);   // header and one row
        int events = snapshot(os.connection(), "events").size();
        IngestReport cutOff = FeedReplayIT.ingest(os.connection(), cut, work.resolve("q-cut"));
        assertThat(cutOff.wasRefused()).isFalse();
        assertThat(cutOff.counts()).as("held back, linked around what changed").containsEntry("linked_incrementally", 1L)
                .containsEntry("withdrawal_held_back", 1L).containsEntry("snapshot_records_changed", 0L)
                .containsEntry("linkage_changed_occurrences", 0L).containsEntry("linkage_unsettled_persons", 0L);
        assertThat(cutOff.counts().get("records_kept_absent_from_feed_store")).as("absent records read from the store")
                .isEqualTo(cutOff.counts().get("snapshot_records_absent")).isPositive();
        assertThat(cutOff.counts().getOrDefault("events_built", 0L)).as("events built again").isZero();
        assertThat(FeedReplayIT.occurrencePersons(os.connection())).as("every occurrence keeps its person").isEqualTo(after);
        assertThat(snapshot(os.connection(), "events")).as("nothing withdrawn").hasSize(events);
        System.out.printf("SnapshotArrivalIT: cut off %s%n", cutOff.counts());
    }

    /** The JSON line with a sentence appended to its first free-text field (a value with a space in it). */
    private static String withTextAdded(String line) throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(line);
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual() && field.getValue().asText().contains(" ")) {
                record.put(field.getKey(), field.getValue().asText() + " Seen again by the duty team.");
                return JSON.writeValueAsString(record);
            }
        }
        throw new IllegalStateException("no free text in the first assessment");
    }
}

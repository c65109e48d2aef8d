package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/** The read stage: records, documents and occurrences of a folder, bad rows and files quarantined with their reason. */
@ExtendWith(OpenSearchExtension.class)
class ReadStageIT {

    @Test
    void goodRowsAndDocumentsAreDeliveredAndBadOnesQuarantinedWithTheirReason(TestOpenSearch os, @TempDir Path quarantine)
            throws Exception {
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-read-stage")) {
            Path county = StageFixture.county();
            Delivered delivered = run.read(county, run.feed(county, run.files(county)));

            // police: INC-001, 002, 005 (INC-004 has 31/02); health: 2 visits; one letter with a sidecar; empty.pdf unreadable
            assertThat(delivered.records()).isEqualTo(5);
            assertThat(delivered.documents().values()).extracting(SourceRecord::recordId).containsExactly("REF-77");
            assertThat(delivered.documentSources()).contains(DocumentRecords.SOURCE, "school_referrals");
            assertThat(delivered.notes().get(delivered.documents().values().iterator().next().eventId()).path("subject_link").asText())
                    .isEqualTo("sidecar");
            assertThat(run.job.quarantined()).extracting(q -> Path.of(q.file()).getFileName() + ":" + q.line())
                    .contains("police_incidents_2024.csv:6", "empty.pdf:0");
            assertThat(delivered.deliveries().get("police_incidents").recordsRead()).isEqualTo(3);
            assertThat(delivered.deliveries().get("police_incidents").rowsQuarantined()).isEqualTo(1);
            assertThat(delivered.deliveries().get(DocumentRecords.SOURCE).unread()).contains("1 document in the folder could not be read");

            // every person of every record is an occurrence for linkage, dated by its record
            assertThat(delivered.occurrences()).extracting(PersonOccurrence::familyName).contains("Jones", "O'Brien", "Cole");
            assertThat(delivered.occurrenceDates().keySet())
                    .containsExactlyInAnyOrderElementsOf(delivered.occurrences().stream().map(PersonOccurrence::occurrenceId).toList());

            // the event stage reads the records back from the spills: the same records, not parsed again
            List<InterleavedRecords.Input> inputs = delivered.eventInputs();
            assertThat(inputs.stream().mapToLong(InterleavedRecords.Input::expected).sum()).isEqualTo(6);
            try (InterleavedRecords records = new InterleavedRecords(inputs)) {
                List<String> ids = new java.util.ArrayList<>();
                records.forEachRemaining(r -> ids.add(r.recordId()));
                assertThat(ids).containsExactlyInAnyOrder("INC-001", "INC-002", "INC-005", "HV-1", "HV-2", "REF-77");
            }
        }
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The feed store stage: a delivery is stored, and a later delivery of one source alone is joined
 * by what the store holds of every other source (its records, occurrences and document notes).
 */
@ExtendWith(OpenSearchExtension.class)
class FeedStoreStageIT {

    @Test
    void theDocumentsNotesAreStoredAsTheyWereWhenTheWriteStarted(TestOpenSearch os, @TempDir Path quarantine) throws Exception {
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-store-notes")) {
            Path county = StageFixture.county();
            FeedRun feed = run.feed(county, run.files(county));
            Delivered delivered = run.read(county, feed);
            FeedStoreStage stage = run.feedStoreStage();
            stage.gather(delivered, feed, Map.of());
            var writing = stage.storeBeside(delivered, true, java.util.Set.of());
            // linkage marks the notes while the store is written: the store keeps them as read
            String letter = delivered.documents().values().iterator().next().eventId();
            delivered.notes().get(letter).put("subject_link", "linked-meanwhile");
            Futures.await(writing, "storing");

            assertThat(os.connection().get(os.alias("records"), letter)).hasValueSatisfying(doc ->
                    assertThat(doc.path("document_note").path("subject_link").asText()).isEqualTo("sidecar"));
            assertThat(os.connection().count("records")).as("searchable when the write ends").isEqualTo(6);
            assertThat(run.times.snapshot()).containsKey("feed store/write");
        }
    }

    @Test
    void aDeliveryIsStoredAndALaterOneOfOneSourceIsJoinedByTheStoredOthers(TestOpenSearch os, @TempDir Path quarantine,
                                                                           @TempDir Path policeOnly) throws Exception {
        try (StageFixture first = new StageFixture(os, quarantine, "ingest-store-1")) {
            Gathered gathered = first.gathered(StageFixture.county());
            // a first load: nothing stored to join, everything delivered whole
            assertThat(gathered.fromStore()).isEmpty();
            assertThat(gathered.deliveredWhole()).contains("police_incidents", "child_health_visits", "school_referrals");
            assertThat(gathered.total()).isEqualTo(6);
        }
        assertThat(new FeedStore(os.connection()).countPerSource())
                .containsEntry("police_incidents", 3L).containsEntry("child_health_visits", 2L).containsEntry("school_referrals", 1L);

        Files.copy(StageFixture.county().resolve("police_incidents_2024.csv"), policeOnly.resolve("police_incidents_2024.csv"));
        try (StageFixture second = new StageFixture(os, quarantine, "ingest-store-2")) {
            Delivered delivered = second.read(policeOnly, second.feed(policeOnly, second.files(policeOnly)));
            int deliveredOccurrences = delivered.occurrences().size();
            Gathered gathered = second.feedStoreStage().gather(delivered, second.feed(policeOnly, second.files(policeOnly)),
                    new FeedStore(os.connection()).countPerSource());

            assertThat(gathered.deliveredWhole()).containsExactly("police_incidents");
            assertThat(gathered.deliveredPerSource()).containsEntry("police_incidents", 3L);
            assertThat(gathered.total()).as("police delivered, health and the letter from the store").isEqualTo(6);
            assertThat(gathered.fedDocuments()).extracting(SourceRecord::recordId).containsExactly("REF-77");
            // the stored letter's note comes back with it; its subject is linked again in this run
            assertThat(delivered.notes().get(gathered.fedDocuments().get(0).eventId())).isNotNull();
            assertThat(delivered.occurrences()).hasSizeGreaterThan(deliveredOccurrences);
            assertThat(delivered.deliveries().get("child_health_visits").recordsRead()).isEqualTo(2);
            assertThat(second.job.counts()).containsEntry("records_from_feed_store", 3L);
            try (InterleavedRecords records = new InterleavedRecords(gathered.eventInputs())) {
                List<String> ids = new java.util.ArrayList<>();
                records.forEachRemaining(r -> ids.add(r.recordId()));
                assertThat(ids).containsExactlyInAnyOrder("INC-001", "INC-002", "INC-005", "HV-1", "HV-2", "REF-77");
            }
            assertThat(Map.copyOf(new FeedStore(os.connection()).countPerSource())).hasSize(3);
        }
    }
}

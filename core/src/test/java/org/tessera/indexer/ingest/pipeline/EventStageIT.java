package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.opensearch.index.RefreshPause;

/**
 * The event stage: every gathered record becomes one stored event with its linked people, the
 * batch stages see each event once (told it is a first load), and the persons are gathered.
 */
@ExtendWith(OpenSearchExtension.class)
class EventStageIT {

    @Test
    void everyRecordBecomesOneStoredEventWithItsPeopleAndThePersonsAreGathered(TestOpenSearch os, @TempDir Path quarantine)
            throws Exception {
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-event-stage")) {
            Gathered gathered = run.gathered(StageFixture.county());
            Linked linked = run.linkStage().link(gathered);
            RecordingBatchStage seen = new RecordingBatchStage();
            EventsWritten events;
            try (RefreshPause pause = RefreshPause.of(os.connection(), os.alias("events"))) {
                events = run.eventStage(List.of(seen)).write(gathered, linked);
                // searchable at the end of the stage, refreshes paused or not
                assertThat(os.connection().count("events")).isEqualTo(6);
            }

            assertThat(events.firstLoad()).isTrue();
            assertThat(seen.firstLoad).isTrue();
            assertThat(seen.after).isTrue();
            assertThat(seen.staged).containsExactlyInAnyOrder("INC-001", "INC-002", "INC-005", "HV-1", "HV-2", "REF-77");
            assertThat(events.producedEvents()).hasSize(6);
            assertThat(events.producedPerSource()).containsEntry("police_incidents", 3L).containsEntry("child_health_visits", 2L);
            assertThat(events.sources()).containsExactly("child_health_visits", "police_incidents", "school_referrals");
            assertThat(events.written().written()).isEqualTo(6);
            assertThat(events.refused()).isEmpty();
            // one profile per linked person the events name
            assertThat(events.profiles().keySet()).isSubsetOf(linked.linkage().personIds().values()).isNotEmpty();
            var letter = os.connection().search(os.alias("events"),
                    org.tessera.indexer.opensearch.EngineJson.parse("{\"query\":{\"term\":{\"record_id\":\"REF-77\"}}}"))
                    .path("hits").path("hits").get(0).path("_source");
            assertThat(letter.path("document").path("subject_link").asText()).isEqualTo("sidecar");
            assertThat(run.times.snapshot()).containsKeys("events", "indicators", StageTimes.EVENTS + "build events");
        }
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The rescore stage: scoring is told whether the events index holds exactly the run's events (then
 * what the batch stages saw is all there is) and which children went out scored.
 */
@ExtendWith(OpenSearchExtension.class)
class RescoreStageIT {

    @Test
    void scoringIsToldWhetherTheEventsIndexHoldsExactlyTheRunsEvents(TestOpenSearch os, @TempDir Path quarantine) throws Exception {
        AtomicReference<IngestPipeline.Written> told = new AtomicReference<>();
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-rescore-stage")) {
            StageFixture.Ran ran = run.runToPersons(StageFixture.county(), told::set);
            RescoreStage stage = new RescoreStage(run.connection, told::set, run.job);

            stage.rescore(ran.events(), ran.persons());
            assertThat(told.get().eventsComplete()).isTrue();
            assertThat(told.get().scoredWithPersons()).isEqualTo(ran.persons().scoredWithPersons());
            assertThat(run.job.counts()).containsEntry("events_index_complete", 1L);

            // an event this run did not produce: what the stages saw is no longer all there is
            os.connection().index(os.alias("events"), "stray", EngineJson.object().put("event_id", "stray"), Map.of("refresh", "true"));
            stage.rescore(ran.events(), ran.persons());
            assertThat(told.get().eventsComplete()).isFalse();
        }
    }
}

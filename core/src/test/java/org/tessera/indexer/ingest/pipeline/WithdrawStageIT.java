package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The withdraw stage: a complete snapshot without a record withdraws its event and its stored
 * record; a source whose delivery is not complete evidence keeps what it had.
 */
@ExtendWith(OpenSearchExtension.class)
class WithdrawStageIT {

    @Test
    void aCompleteSnapshotWithoutARecordWithdrawsItsEventAndStoredRecord(TestOpenSearch os, @TempDir Path quarantine,
                                                                         @TempDir Path newer) throws Exception {
        try (StageFixture first = new StageFixture(os, quarantine, "ingest-withdraw-1")) {
            StageFixture.Ran ran = first.runToPersons(StageFixture.county(), StageFixture.noScoring());
            List<WithdrawalPolicy.Decision> decisions = withdrawStage(first).withdraw(ran.gathered(), ran.feed(), ran.events(), ran.persons());
            // the first delivery has a quarantined police row: not complete evidence, nothing goes
            assertThat(decisions).filteredOn(d -> d.source().equals("police_incidents")).singleElement()
                    .satisfies(d -> assertThat(d.withdraw()).isFalse());
        }
        // INC-004 (31 February) goes too, so that the police delivery is complete
        UnaryOperator<List<String>> withoutInc2 = lines -> lines.stream()
                .filter(line -> !line.startsWith("INC-002,") && !line.startsWith("INC-004,")).toList();
        StageFixture.countyCopy(newer, Map.of("police_incidents_2024.csv", withoutInc2));
        try (StageFixture second = new StageFixture(os, quarantine, "ingest-withdraw-2")) {
            StageFixture.Ran ran = second.runToPersons(newer, StageFixture.noScoring());
            List<WithdrawalPolicy.Decision> decisions = withdrawStage(second).withdraw(ran.gathered(), ran.feed(), ran.events(), ran.persons());

            assertThat(decisions).filteredOn(d -> d.source().equals("police_incidents")).singleElement()
                    .satisfies(d -> assertThat(d.withdraw()).isTrue());
            assertThat(second.job.counts()).containsEntry("withdrawn_events", 1L);
            os.refresh();
            assertThat(os.connection().count(os.alias("events"), term("INC-002"))).isZero();
            assertThat(os.connection().count(os.alias("events"), term("INC-001"))).isEqualTo(1);
            assertThat(new FeedStore(os.connection()).countPerSource()).containsEntry("police_incidents", 2L);
        }
    }

    private static WithdrawStage withdrawStage(StageFixture run) {
        return new WithdrawStage(run.connection, run.settings, new FeedStore(run.connection), run.clock, run.job, run.jobId);
    }

    private static com.fasterxml.jackson.databind.JsonNode term(String recordId) {
        return EngineJson.parse("{\"term\":{\"record_id\":\"" + recordId + "\"}}");
    }
}

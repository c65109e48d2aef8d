package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The persons stage: one document per person the events describe; on a first load whose events
 * are all stored the children are scored as their documents are written.
 */
@ExtendWith(OpenSearchExtension.class)
class PersonsStageIT {

    @Test
    void everyPersonIsWrittenAndOnAFirstLoadTheChildrenGoOutWithTheirRisk(TestOpenSearch os, @TempDir Path quarantine) throws Exception {
        AtomicReference<Set<String>> asked = new AtomicReference<>();
        IngestPipeline.Scoring scoring = new IngestPipeline.Scoring() {
            @Override
            public void afterIngest(IngestPipeline.Written written) {
            }

            @Override
            public Map<String, ObjectNode> riskWithPersons(Set<String> personIds) {
                asked.set(personIds);
                Map<String, ObjectNode> risks = new HashMap<>();
                personIds.forEach(id -> risks.put(id, EngineJson.object().put("score", 7.5)));
                return risks;
            }
        };
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-persons-stage")) {
            StageFixture.Ran ran = run.runToPersons(StageFixture.county(), scoring);

            assertThat(ran.persons().producedPersons()).isEqualTo(ran.events().profiles().keySet());
            assertThat(os.connection().count("persons")).isEqualTo(ran.persons().producedPersons().size());
            assertThat(ran.persons().allStored()).isTrue();
            // only children are scored, and they are the ones written with a risk
            assertThat(asked.get()).isNotEmpty().isEqualTo(ran.persons().scoredWithPersons());
            for (String child : asked.get()) {
                assertThat(ran.events().profiles().get(child).everChild()).isTrue();
                assertThat(os.connection().get(os.alias("persons"), child))
                        .hasValueSatisfying(doc -> assertThat(doc.path("risk").path("score").asDouble()).isEqualTo(7.5));
            }
            assertThat(run.job.counts()).containsEntry("scored_with_persons", (long) asked.get().size())
                    .containsEntry("documents_written", 6L + ran.persons().producedPersons().size());
            // every child went out with its risk: none for the rescore to catch up on
            assertThat(ran.persons().rewrittenChildren()).isEmpty();
            // its overlapping parts are timed, for the bench's breakdown of the stage
            assertThat(run.times.snapshot()).containsKeys(PersonsStage.TIMES + "scoring", PersonsStage.TIMES + "adults",
                    PersonsStage.TIMES + "children", PersonsStage.TIMES + "build documents", PersonsStage.TIMES + "bulk",
                    PersonsStage.TIMES + "events refresh", PersonsStage.TIMES + "refresh");
            // never more than two requests in flight: the requests' times, summed over the sender threads,
            // fit in two threads' worth of the writing (a fork-join pool once added threads under blocked ones)
            Map<String, Long> times = run.times.snapshot();
            long writing = times.get(PersonsStage.TIMES + "adults") + times.get(PersonsStage.TIMES + "children");
            assertThat(times.get(PersonsStage.TIMES + "bulk")).isLessThanOrEqualTo((long) PersonsStage.REQUESTS_IN_FLIGHT * writing);
        }
    }
}

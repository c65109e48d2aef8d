package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/** The link stage: occurrences into persons, the model's parameters kept for later deltas, the review queue written. */
@ExtendWith(OpenSearchExtension.class)
class LinkStageIT {

    @Test
    void theSameChildAcrossPoliceHealthAndASchoolLetterIsOnePersonAndTheFittedModelIsKept(TestOpenSearch os, @TempDir Path quarantine)
            throws Exception {
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-link-stage")) {
            Gathered gathered = run.gathered(StageFixture.county());
            Map<String, PersonOccurrence> kayleighs = gathered.delivered().occurrences().stream()
                    .filter(o -> "Kayleigh".equals(o.givenNames()))
                    .collect(Collectors.toMap(PersonOccurrence::occurrenceId, o -> o));
            assertThat(kayleighs.values()).extracting(PersonOccurrence::source)
                    .contains("police_incidents", "child_health_visits", "school_referrals");

            Linked linked = run.linkStage().link(gathered);

            Set<String> persons = kayleighs.keySet().stream().map(linked.linkage().personIds()::get).collect(Collectors.toSet());
            assertThat(persons).hasSize(1);
            assertThat(linked.people().birthDate(persons.iterator().next())).isPresent();
            // the occurrences are let go once the persons hold what is needed of them
            assertThat(gathered.delivered().occurrences()).isEmpty();
            // a full run fits the model: kept with the persons for the incremental runs after it
            assertThat(os.connection().get(os.alias("jobs"), LinkStage.LINKAGE_PARAMETERS_ID))
                    .hasValueSatisfying(doc -> assertThat(doc.path("linkage_parameters").isObject()).isTrue());
            assertThat(Futures.await(linked.reviewPairs(), "review pairs")).isEmpty();
            assertThat(run.job.counts()).containsEntry("persons", (long) linked.linkage().stats().persons());
        }
    }
}

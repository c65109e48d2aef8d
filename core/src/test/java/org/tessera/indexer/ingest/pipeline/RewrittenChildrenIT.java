package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The persons stage reports the children whose documents it stored without a {@code risk} (a
 * changed profile replaces the whole document), so that a scoped rescore reaches them without
 * searching the persons index for them. Its own class: it needs empty indices of its own.
 */
@ExtendWith(OpenSearchExtension.class)
class RewrittenChildrenIT {

    @Test
    void theChildrenWrittenWithoutARiskAreReportedForTheRescore(TestOpenSearch os, @TempDir Path quarantine) throws Exception {
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-persons-unscored")) {
            StageFixture.Ran ran = run.runToPersons(StageFixture.county(), StageFixture.noScoring());

            Set<String> children = new TreeSet<>();
            ran.events().profiles().forEach((id, profile) -> {
                if (profile.everChild()) {
                    children.add(id);
                }
            });
            assertThat(children).isNotEmpty();
            assertThat(ran.persons().scoredWithPersons()).isEmpty();
            // each child's document is stored without a risk; the adults, who never carry one, are not listed
            assertThat(ran.persons().rewrittenChildren()).isEqualTo(children);
        }
    }
}

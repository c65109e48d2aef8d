package org.tessera.indexer.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/** The cluster check in a bounded form, so that cluster mode cannot silently break. */
@ExtendWith(OpenSearchExtension.class)
class ClusterModeIT {

    @Test
    void stoppingANodeDuringIngestLosesNothingAfterRecovery(TestOpenSearch single) {
        var root = OpenSearchExtension.testServerProperties().embedded().home().resolveSibling("cluster-check-test");

        ClusterCheck.Result result = new ClusterCheck(root, 9421, "512m").run(3000, single.connection());

        assertThat(result.clusterCount()).isEqualTo(3000);
        assertThat(result.singleNodeCount()).isEqualTo(3000);
        assertThat(result.sampleMismatches()).isZero();
        assertThat(result.searchHitsCluster()).isEqualTo(result.searchHitsSingle()).isPositive();
        assertThat(result.healthAfterRecovery()).isEqualTo("green");
        assertThat(result.passed()).isTrue();
    }
}

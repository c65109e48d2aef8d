package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.config.SettingsSource;

/** The linkage's reach bound is a typed, validated setting (ADR 0057), not a system property read in the link stage. */
class IngestSettingsTest {

    private static final IngestSettings DEFAULTS = IngestSettings.defaults(Path.of("q"));

    @Test
    void theReachBoundIsReadFromTheSettingsWithItsDefault() {
        assertThat(DEFAULTS.maxReachRecords()).isEqualTo(IngestSettings.MAX_REACH_RECORDS_DEFAULT).isEqualTo(1_000_000);
        assertThat(DEFAULTS.withReach(SettingsSource.of(Map.of())).maxReachRecords()).isEqualTo(1_000_000);
        IngestSettings wide = DEFAULTS.withReach(SettingsSource.of(Map.of(IngestSettings.MAX_REACH_RECORDS, "2000000")));
        assertThat(wide.maxReachRecords()).isEqualTo(2_000_000);
        assertThat(wide.batchSize()).isEqualTo(DEFAULTS.batchSize());
        assertThat(wide.withNlp(true, false).maxReachRecords()).as("kept by the other withers").isEqualTo(2_000_000);
        assertThat(DEFAULTS.withReach(SettingsSource.of(Map.of(IngestSettings.MAX_REACH_RECORDS, "2_500_000"))).maxReachRecords())
                .isEqualTo(2_500_000);
    }

    @Test
    void aBoundThatIsNotAPositiveNumberIsRefusedWithTheSettingsName() {
        for (String bad : new String[] {"0", "-5", "lots", "1e6"}) {
            assertThatThrownBy(() -> DEFAULTS.withReach(SettingsSource.of(Map.of(IngestSettings.MAX_REACH_RECORDS, bad))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(IngestSettings.MAX_REACH_RECORDS)
                    .hasMessageContaining(bad);
        }
        assertThatThrownBy(() -> DEFAULTS.withMaxReachRecords(0)).hasMessageContaining(IngestSettings.MAX_REACH_RECORDS);
    }
}

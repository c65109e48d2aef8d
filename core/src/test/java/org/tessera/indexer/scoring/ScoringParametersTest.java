package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScoringParametersTest {

    @Test
    void theShippedFileHoldsExactlyTheDocumentedDefaults() {
        assertThat(ScoringParameters.loadDefault()).isEqualTo(ScoringParameters.defaults());
    }

    @Test
    void missingKeysTakeTheDefaults() {
        ScoringParameters parameters = ScoringParameters.parse("repeat_factor: 0.7\nbands: {amber: 4}\n".getBytes(StandardCharsets.UTF_8), "t.yaml");
        assertThat(parameters.repeatFactor()).isEqualTo(0.7);
        assertThat(parameters.bands().amber()).isEqualTo(4.0);
        assertThat(parameters.bands().red()).isEqualTo(ScoringParameters.defaults().bands().red());
    }

    @Test
    void unknownKeysAndBadValuesFailNamingTheFileAndEveryProblem() {
        assertThatThrownBy(() -> ScoringParameters.parse("""
                repeat_factr: 0.5
                severity_weights: {low: -1, urgent: 3}
                """.getBytes(StandardCharsets.UTF_8), "bad-scoring.yaml"))
                .hasMessageContaining("bad-scoring.yaml")
                .hasMessageContaining("unknown key 'repeat_factr'")
                .hasMessageContaining("severity_weights.low must be a positive number")
                .hasMessageContaining("unknown severity 'urgent'");
    }

    @Test
    void anUnknownKeyInsideASectionIsNamedWithItsSection() {
        assertThatThrownBy(() -> ScoringParameters.parse("watchlist: {min_concern: 3}".getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .hasMessageContaining("x.yaml").hasMessageContaining("unknown key 'watchlist.min_concern'");
    }

    @Test
    void aRedThresholdBelowAmberIsRejected() {
        assertThatThrownBy(() -> ScoringParameters.parse("bands: {amber: 8, red: 6}".getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .hasMessageContaining("x.yaml").hasMessageContaining("bands.red must be above bands.amber");
    }
}

package org.tessera.indexer.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.evaluation.GroundTruth.Category;

class GroundTruthTest {

    private final GroundTruth truth = load();

    private static GroundTruth load() {
        try {
            return GroundTruth.load(Path.of(GroundTruthTest.class.getResource("/evaluation/ground-truth-two-households").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChildWithoutATrajectoryIsOrdinaryNoiseOnlyWhenItsHouseholdHasNone() {
        assertThat(truth.category("P2")).isEqualTo(Category.CUMULATIVE);
        assertThat(truth.category("P3")).isEqualTo(Category.PLANTED_HOUSEHOLD);
        assertThat(truth.category("P5")).isEqualTo(Category.NOISE);
        assertThat(truth.category("P1")).isEqualTo(Category.ADULT);
        assertThat(truth.category("P99")).isEqualTo(Category.UNMAPPED);
        assertThat(truth.category(null)).isEqualTo(Category.UNMAPPED);
        assertThat(truth.children(Category.NOISE)).containsExactly("P5");
    }

    @Test
    void occurrencesAreFoundBySourceRecordAndSlotIncludingQuotedRecordIds() {
        assertThat(truth.personAt("police_incidents", "INC-1", 1)).isEqualTo("P2");
        assertThat(truth.personAt("police_incidents", "INC-1", 2)).isNull();
        assertThat(truth.personAt("education_pastoral_log", "LOG-2, spring", 0)).isEqualTo("P5");
        assertThat(truth.occurrenceCount()).isEqualTo(3);
    }

    @Test
    void trajectoriesAndTheLatestPlantedEventAreRead() {
        assertThat(truth.trajectory("P2").end()).isEqualTo(LocalDate.of(2025, 11, 20));
        assertThat(truth.trajectory("P5")).isNull();
        assertThat(truth.latestEvent()).isEqualTo(LocalDate.of(2025, 6, 30));
    }

    @Test
    void theMedianIsTheLowerMiddleSoAnEvenCountIsNotFlattered() {
        assertThat(RiskEvaluation.median(List.of(300L, -29L, 100L, 200L))).isEqualTo(100L);
        assertThat(RiskEvaluation.median(List.of(5L))).isEqualTo(5L);
        assertThat(RiskEvaluation.median(List.of())).isNull();
    }
}

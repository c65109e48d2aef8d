package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.SourceMapping.FeedKind;

class FeedGateTest {

    private static final LocalDate DAY = LocalDate.of(2026, 6, 10);
    private static final String HASH = "a".repeat(64);
    private static final FeedGate.History AFTER_DAY = new FeedGate.History(Set.of("b".repeat(64)), DAY, 4);

    @Test
    void theNextDaysDeltaIsAppliedWithTheNextSequence() {
        FeedGate.Decision d = FeedGate.decide("police", FeedKind.DELTA, null, HASH, DAY.plusDays(1), AFTER_DAY, 10, 10);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.APPLY);
        assertThat(d.sequence()).isEqualTo(5);
    }

    @Test
    void aDeltaWithContentAppliedBeforeIsSkippedAsAReplay() {
        FeedGate.Decision d = FeedGate.decide("police", FeedKind.DELTA, null, "b".repeat(64), DAY, AFTER_DAY, 10, 10);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.SKIP);
        assertThat(d.reason()).startsWith("replay");
    }

    @Test
    void anOlderDeliveryIsRefusedAsOutOfOrder() {
        FeedGate.Decision d = FeedGate.decide("police", FeedKind.DELTA, null, HASH, DAY.minusDays(3), AFTER_DAY, 10, 10);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.REFUSE);
        assertThat(d.reason()).startsWith("out of order").contains("2026-06-07").contains("2026-06-10");
    }

    @Test
    void aDeltaThatSkipsDaysIsRefusedNamingTheMissingDays() {
        FeedGate.Decision d = FeedGate.decide("police", FeedKind.DELTA, null, HASH, DAY.plusDays(3), AFTER_DAY, 10, 10);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.REFUSE);
        assertThat(d.reason()).startsWith("date gap").contains("2 day(s) from 2026-06-11 to 2026-06-12 missing");
    }

    @Test
    void aSnapshotMayFollowAfterDaysAndIsNeverSkippedAsAReplay() {
        assertThat(FeedGate.decide("housing", FeedKind.SNAPSHOT, null, HASH, DAY.plusDays(7), AFTER_DAY, 10, 10).outcome())
                .isEqualTo(FeedGate.Outcome.APPLY);
        assertThat(FeedGate.decide("housing", FeedKind.SNAPSHOT, null, "b".repeat(64), null, AFTER_DAY, 10, 10).outcome())
                .isEqualTo(FeedGate.Outcome.APPLY);
    }

    @Test
    void aDeliveryDeclaredTheOtherKindIsRefused() {
        FeedGate.Decision d = FeedGate.decide("housing", FeedKind.SNAPSHOT, FeedKind.DELTA, HASH, null, FeedGate.History.NONE, 0, 0);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.REFUSE);
        assertThat(d.reason()).contains("declared a delta").contains("sends a snapshot");
    }

    @Test
    void aDeltaForEventsTheFeedStoreDoesNotHoldIsRefused() {
        FeedGate.Decision d = FeedGate.decide("police", FeedKind.DELTA, null, HASH, null, FeedGate.History.NONE, 0, 120);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.REFUSE);
        assertThat(d.reason()).contains("120 events").contains("feed store none");
    }

    @Test
    void aDeltaWithoutAnAsOfDateIsAppliedInArrivalOrder() {
        FeedGate.Decision d = FeedGate.decide("police", FeedKind.DELTA, null, HASH, null, AFTER_DAY, 10, 10);
        assertThat(d.outcome()).isEqualTo(FeedGate.Outcome.APPLY);
        assertThat(d.sequence()).isEqualTo(5);
    }
}

package org.tessera.portal.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WatchlistReasonTest {

    @Test
    void theReasonNamesBandScoreRiseTopIndicatorsAndAgencies() {
        assertThat(WatchlistService.reason("amber", 8.4, 3.1, List.of("dv_child_present", "missed_health_appointments", "persistent_absence", "x"), 4))
                .isEqualTo("Amber band, score 8.4 (+3.1 in 30 days); mainly dv_child_present, missed_health_appointments, persistent_absence; 4 agencies");
    }

    @Test
    void aChildListedOnlyForARiseSaysSo() {
        assertThat(WatchlistService.reason(null, 2.0, 2.5, List.of(), 1)).isEqualTo("Rising band, score 2.0 (+2.5 in 30 days)");
    }
}

package org.tessera.portal.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.arrivals.Alert;
import org.tessera.indexer.arrivals.WatchlistChange;

class SubscriptionTest {

    private static Alert alert(String section, String... districts) {
        return new Alert("al-1", Instant.parse("2026-12-06T09:00:00Z"), "arrival-1",
                new WatchlistChange("pe-1", WatchlistChange.Kind.ENTERED, section, null, "red", null, 10, 0, "why"), List.of(districts));
    }

    @Test
    void matchesFollowedSectionsAndWhenDistrictsAreChosenOnlyThose() {
        Subscription everywhere = new Subscription("duty", Set.of("single_concern"), Set.of(), null);
        Subscription tc1 = new Subscription("duty", Set.of("single_concern", "cumulative"), Set.of(" tc1 "), "duty@example.org");

        assertThat(everywhere.matches(alert("single_concern", "NR1"))).isTrue();
        assertThat(everywhere.matches(alert("cumulative", "NR1"))).isFalse();
        assertThat(tc1.districts()).containsExactly("TC1");
        assertThat(tc1.matches(alert("cumulative", "TC1"))).isTrue();
        assertThat(tc1.matches(alert("cumulative", "TC2"))).isFalse();
        assertThat(Subscription.none("duty").matches(alert("cumulative", "TC1"))).isFalse();
    }

    @Test
    void refusesUnknownSectionsMalformedDistrictsAndAddresses() {
        assertThatThrownBy(() -> new Subscription("duty", Set.of("all"), Set.of(), null)).hasMessageContaining("unknown watchlist section 'all'");
        assertThatThrownBy(() -> new Subscription("duty", Set.of(), Set.of("Tessford"), null)).hasMessageContaining("not a postcode district");
        assertThatThrownBy(() -> new Subscription("duty", Set.of(), Set.of(), "duty at example")).hasMessageContaining("not an e-mail address");
    }
}

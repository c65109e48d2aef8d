package org.tessera.portal.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ranking's candidates are batched by household ({@link DutyWatchlist#byHousehold}): every
 * candidate once, children who share a household next to each other, whatever order the persons
 * index gave them in. The list itself does not depend on it (WatchlistRankerTest, WatchlistBatchesIT).
 */
class CandidateOrderTest {

    @Test
    void childrenOfOneHouseholdAreNeighboursAndEveryCandidateIsKept() {
        Set<String> candidates = new LinkedHashSet<>(List.of("a1", "b1", "c1", "a2", "b2", "lone", "a3", "c2", "nohousehold"));
        Map<String, List<String>> households = Map.of(
                "a1", List.of("h-a", "h-postcode"), "a2", List.of("h-a"), "a3", List.of("h-a"),
                "b1", List.of("h-b"), "b2", List.of("h-b", "h-postcode"),
                "c1", List.of("h-c"), "c2", List.of("h-c"),
                "lone", List.of("h-lone"));

        List<String> ordered = List.copyOf(DutyWatchlist.byHousehold(candidates, households));

        assertThat(ordered).containsExactlyInAnyOrderElementsOf(candidates);
        // a1 leads: its households' children follow it (h-a's, then h-postcode's b2, then b2's h-b: b1).
        assertThat(ordered).containsExactly("a1", "a2", "a3", "b2", "b1", "c1", "c2", "lone", "nohousehold");
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventEntity;

/** What makes an event's basis: everything but what analysis and percolation derive from it, and the stamps. */
class StoredEventsTest {

    private static Event.Builder visit() {
        return Event.builder().eventId("ev-1").source("child_health_visits").recordId("HV-1").agency("health")
                .recordType("visit").text("Seen in clinic with grandmother.").personIds(List.of("pe-a", "pe-b"))
                .childIds(List.of("pe-a")).householdIds(List.of("h-1"));
    }

    @Test
    void theStoredVersionWithItsAnalysisHitsAndStampsHasTheBasisBuiltNow() {
        Event built = visit().build();
        Event stored = visit().entities(List.of(new EventEntity("person", "grandmother", 20, 31, null)))
                .build().withHits(List.of()).withStamps("abc", "2026-12-06T10:00:00Z");
        assertThat(StoredEvents.sameBasis(built, stored)).isTrue();
    }

    @Test
    void aChangedTextPersonOrHouseholdIsAnotherBasis() {
        Event stored = visit().build().withHits(List.of()).withStamps("abc", "2026-12-06T10:00:00Z");
        assertThat(StoredEvents.sameBasis(visit().text("Seen in clinic with grandmother and uncle.").build(), stored)).isFalse();
        assertThat(StoredEvents.sameBasis(visit().personIds(List.of("pe-a", "pe-c")).build(), stored)).isFalse();
        assertThat(StoredEvents.sameBasis(visit().householdIds(List.of("h-2")).build(), stored)).isFalse();
    }
}

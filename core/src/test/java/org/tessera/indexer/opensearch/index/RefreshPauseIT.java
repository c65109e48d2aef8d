package org.tessera.indexer.opensearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * A bulk load stops the events index refreshing and puts the defined interval back when it ends;
 * a load killed while paused is repaired on the next start (ensure), so events never stay
 * unsearchable.
 */
@ExtendWith(OpenSearchExtension.class)
class RefreshPauseIT {

    @Test
    void aPauseStopsRefreshesUntilItIsClosedAndADocumentIsSearchableAfterIt(TestOpenSearch os) {
        String events = os.alias("events");
        assertThat(RefreshPause.interval(os.connection(), events)).isEqualTo("1s");
        try (RefreshPause paused = RefreshPause.of(os.connection(), events)) {
            assertThat(RefreshPause.interval(os.connection(), events)).isEqualTo("-1");
            os.connection().raw("PUT", "/" + events + "/_doc/paused-1", "{\"event_id\":\"paused-1\",\"event_date\":\"2025-01-01\"}");
        }
        assertThat(RefreshPause.interval(os.connection(), events)).isEqualTo("1s");
        // searchable without anyone asking for a refresh: the pause's close made it so
        assertThat(os.connection().raw("GET", "/" + events + "/_count", null, java.util.Map.of("q", "event_id:paused-1")).body())
                .contains("\"count\":1");
    }

    @Test
    void aSmallWriteLeavesTheIntervalAloneAndIsSearchableWhenItCloses(TestOpenSearch os) {
        String events = os.alias("events");
        RefreshPause.set(os.connection(), events, "30s");   // no periodic refresh would make the write searchable in time
        try (RefreshPause notPaused = RefreshPause.of(os.connection(), events, false)) {
            assertThat(notPaused.pauses()).isFalse();
            assertThat(RefreshPause.interval(os.connection(), events)).isEqualTo("30s");
            os.connection().raw("PUT", "/" + events + "/_doc/small-1", "{\"event_id\":\"small-1\",\"event_date\":\"2025-01-03\"}");
        }
        assertThat(RefreshPause.interval(os.connection(), events)).isEqualTo("30s");
        assertThat(os.connection().raw("GET", "/" + events + "/_count", null, java.util.Map.of("q", "event_id:small-1")).body())
                .contains("\"count\":1");
        RefreshPause.set(os.connection(), events, "1s");
    }

    @Test
    void closingTwiceRestoresOnceAndAWaitForWriteAfterTheFirstCloseReturns(TestOpenSearch os) {
        String events = os.alias("events");
        RefreshPause paused = RefreshPause.of(os.connection(), events);
        paused.close();
        RefreshPause.set(os.connection(), events, "30s");
        paused.close();
        assertThat(RefreshPause.interval(os.connection(), events)).isEqualTo("30s");
        RefreshPause.set(os.connection(), events, "1s");
        var answer = os.connection().raw("PUT", "/" + events + "/_doc/after-pause", "{\"event_id\":\"after-pause\",\"event_date\":\"2025-01-02\"}",
                java.util.Map.of("refresh", "wait_for"));
        assertThat(answer.ok()).isTrue();
    }

    @Test
    void anIndexLeftPausedByAKilledLoadIsSetBackToItsDefinedIntervalOnTheNextStart(TestOpenSearch os) {
        String persons = os.alias("persons");
        RefreshPause.of(os.connection(), persons);   // never closed: the process "died"
        assertThat(RefreshPause.interval(os.connection(), persons)).isEqualTo("-1");
        os.indices().ensureAll();
        assertThat(RefreshPause.interval(os.connection(), persons)).isEqualTo("1s");
    }
}

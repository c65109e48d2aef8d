package org.tessera.portal.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.opensearch.EngineMeter;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.audit.ReadPurpose;

/**
 * ADR 0022: the watchlist is ranked off the views. After the events change, a view does not rank on
 * its thread and does not wait (fresh-wait 0): it shows the ranking kept, saying it is updating; the
 * background refresher ranks the change with no view asking, and then the views show it. Real
 * OpenSearch, the fixtures; engine work counted per thread by the gateway's {@link EngineMeter}.
 */
@SpringBootTest
@WithMockUser(username = "duty", roles = "DUTY_MANAGER")
class WatchlistRankedAheadIT {

    private static final String PURPOSE = "watchlist ranking test";

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry, "ranked-ahead");
        registry.add("tessera.watchlist.fresh-wait", () -> "0s");
        registry.add("tessera.watchlist.refresh-every", () -> "1s");
    }

    @Autowired
    DutyWatchlist watchlist;
    @Autowired
    OpenSearchConnection connection;

    @Test
    void aViewAfterAChangeNeitherRanksNorWaitsAndTheRefresherRanksTheChange() throws InterruptedException {
        TestIndices.loadFixtures(connection);
        TestIndices.loadReferralFixtures(connection);
        watchlist.rank();
        var before = ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 200));
        assertThat(before).isNotEmpty();
        assertThat(watchlist.freshness().updating()).isFalse();

        // The events change: the kept ranking is no longer of what the engine shows.
        touch("ev-ranked-ahead-1");
        var shown = new java.util.concurrent.atomic.AtomicReference<java.util.List<DutyWatchlistEntry>>();
        EngineMeter.Work view = work(() -> {
            shown.set(ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 200)));
            return null;
        });
        System.out.printf("first view after the change: %s%n", view.describe());
        // The view read no history (ranking the fixtures reads the children's and households' records in
        // scrolls: more requests): the audit append, the last visit, _stats, the reviews and the decisions.
        assertThat(view.requests()).isLessThanOrEqualTo(6);
        assertThat(shown.get()).extracting(DutyWatchlistEntry::personId)
                .containsExactlyElementsOf(before.stream().map(DutyWatchlistEntry::personId).toList());

        // The refresher (every second) ranks the change with no view asking.
        long deadline = System.currentTimeMillis() + 60_000;
        while (watchlist.freshness().updating() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertThat(watchlist.freshness().updating()).isFalse();
        assertThat(watchlist.freshness().rankedAt()).isNotNull();
    }

    private EngineMeter.Work work(Supplier<?> page) {
        EngineMeter.Mark mark = connection.meter().mark();
        ReadPurpose.with(PURPOSE, page::get);
        return mark.since();
    }

    /** An event of nobody the list shows: the events index changed, so the kept ranking is not of it. */
    private void touch(String id) {
        var answer = connection.raw("PUT", "/" + connection.alias("events") + "/_doc/" + id, "{\"event_id\":\"" + id
                + "\",\"agency\":\"housing\",\"record_type\":\"note\",\"event_date\":\"2020-01-01\",\"text\":\"A note.\","
                + "\"people\":[{\"person_id\":\"p-nobody\",\"is_child\":false}],\"person_ids\":[\"p-nobody\"]}", Map.of("refresh", "true"));
        assertThat(answer.ok()).as(answer.body()).isTrue();
    }
}

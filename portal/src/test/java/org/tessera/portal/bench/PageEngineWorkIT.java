package org.tessera.portal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.tessera.portal.profile.ProfileService;
import org.tessera.portal.review.ReferralReviewService;
import org.tessera.portal.watchlist.DutyWatchlist;

/**
 * The three pages of {@code tessera bench portal} ask the engine for the same work whatever else the
 * county holds: 300 more children (each with a hit in the watchlist period, so that a ranking over
 * every child the period's hits reach would read them all, scored green) change neither the
 * requests nor the documents of a watchlist view, a profile or a review page, and not the documents
 * the watchlist's ranking reads when it is computed again. Counted by the gateway's
 * {@link EngineMeter} on this thread (real OpenSearch, the fixtures). Nor do ten times the records of the
 * child change the review page's work, when no section lists the added records one by one.
 */
@SpringBootTest
@WithMockUser(username = "duty", roles = "DUTY_MANAGER")
class PageEngineWorkIT {

    private static final String PURPOSE = "benchmark (engine work test)";
    private static final int OTHERS = 300;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry, "engine-work");
    }

    /** Documents a page may read more or less from one view to the next (audit tail, last visits), whatever the county. */
    private static final long DOCUMENT_SLACK = 4;

    @Autowired
    DutyWatchlist watchlist;
    @Autowired
    ProfileService profiles;
    @Autowired
    ReferralReviewService reviews;
    @Autowired
    OpenSearchConnection connection;

    private record Pages(EngineMeter.Work rankingComputed, EngineMeter.Work watchlist, EngineMeter.Work profile, EngineMeter.Work review,
                         EngineMeter.Work reviewKept) {
    }

    @Test
    void pagesAskTheSameOfTheEngineWhateverElseTheCountyHolds() {
        TestIndices.loadFixtures(connection);
        TestIndices.loadReferralFixtures(connection);
        // Warm up: the audit chain's tail is read on its first append, and a view reads the user's two
        // latest watchlist views (its "new since your last visit"): from the third view on, both are constant.
        for (int i = 0; i < 3; i++) {
            work(() -> watchlist.entries(false, 200));
        }
        Pages small = measure("ev-touch-1");
        addOtherChildren();
        Pages large = measure("ev-touch-2");
        System.out.printf("engine work, fixtures / with %d more children:%n  ranking computed: %s / %s%n  watchlist view: %s / %s%n"
                        + "  profile: %s / %s%n  review page: %s / %s%n  review page kept: %s / %s%n", OTHERS, small.rankingComputed().describe(),
                large.rankingComputed().describe(), small.watchlist().describe(), large.watchlist().describe(), small.profile().describe(),
                large.profile().describe(), small.review().describe(), large.review().describe(), small.reviewKept().describe(),
                large.reviewKept().describe());

        // Requests are exact; documents may differ by the few audit and last-visit documents a view reads
        // as they become searchable (seen: 0 or 2 on a watchlist view, 23 or 24 computing the ranking).
        // 300 more children would add hundreds if a page scanned the county.
        // Round trips pinned: a watchlist view after a change of the events reads _stats, the listed children's
        // reviews (_mget) and, in one _msearch, the user's last visit and the page's decisions (was four
        // requests one after another); a profile one _msearch and the history's fingerprint; a review page built
        // again (its child's history kept) the fingerprint of what it reads and its three _msearch; a review page
        // kept (nothing it reads has changed) the fingerprint alone, no document. The audit
        // append runs on a thread of its own (ADR 0033) and is not counted.
        assertThat(small.watchlist().requests()).isEqualTo(3);
        assertThat(small.profile().requests()).isEqualTo(2);
        assertThat(small.review().requests()).isEqualTo(4);
        assertThat(small.reviewKept().requests()).isEqualTo(1);
        assertThat(small.reviewKept().documents()).isZero();
        assertThat(large.reviewKept().requests()).isEqualTo(1);
        assertThat(large.reviewKept().documents()).isZero();
        assertThat(large.watchlist().requests()).isEqualTo(small.watchlist().requests());
        assertThat(large.watchlist().documents()).isCloseTo(small.watchlist().documents(), within(DOCUMENT_SLACK));
        assertThat(large.profile().requests()).isEqualTo(small.profile().requests());
        assertThat(large.profile().documents()).isCloseTo(small.profile().documents(), within(DOCUMENT_SLACK));
        assertThat(large.review().requests()).isEqualTo(small.review().requests());
        assertThat(large.review().documents()).isCloseTo(small.review().documents(), within(DOCUMENT_SLACK));
        // A child with ten times the records: the review reads what its sections list and counts the rest at
        // the engine, so the added routine records (which no section lists) change neither its requests nor its documents.
        long records = recordsOf("p-jayden");
        addRoutineRecords("p-jayden", 9 * records);
        work(() -> reviews.open("p-jayden"));
        decide("dc-busier");
        EngineMeter.Work busier = work(() -> reviews.open("p-jayden"));
        System.out.printf("review page, p-jayden with %d / %d records: %s / %s%n", records, recordsOf("p-jayden"),
                large.review().describe(), busier.describe());
        assertThat(recordsOf("p-jayden")).isEqualTo(10 * records);
        assertThat(busier.requests()).isEqualTo(large.review().requests());
        assertThat(busier.documents()).isCloseTo(large.review().documents(), within(DOCUMENT_SLACK));
        // Computing the ranking again reads the listed children's histories, not the other children's.
        assertThat(large.rankingComputed().documents()).isCloseTo(small.rankingComputed().documents(), within(DOCUMENT_SLACK));
        // A warm view neither ranks nor reads histories: a handful of requests.
        assertThat(small.watchlist().requests()).isLessThan(small.rankingComputed().requests());
    }

    /**
     * The profile reads the person and its household in one round trip (the engine looks up the
     * person's relations and households): the same members, in the same order, as the members search
     * given the person document's relations and households, for every fixture person.
     */
    @Test
    void theProfileListsTheHouseholdTheMembersSearchFinds() {
        TestIndices.loadFixtures(connection);
        TestIndices.loadReferralFixtures(connection);
        var people = connection.raw("POST", "/" + connection.alias("persons") + "/_search",
                "{\"size\":200,\"_source\":[\"person_id\",\"relations\",\"household_ids\"]}", Map.of());
        assertThat(people.ok()).as(people.body()).isTrue();
        int withMembers = 0;
        for (var hit : org.tessera.portal.common.Json.parse(people.body()).path("hits").path("hits")) {
            var source = hit.path("_source");
            String id = source.path("person_id").asText();
            java.util.List<String> related = new java.util.ArrayList<>();
            source.path("relations").forEach(r -> related.add(r.path("person_id").asText()));
            java.util.List<String> expected = org.tessera.portal.common.HouseholdMembers.of(connection, id, related,
                    org.tessera.portal.common.Json.strings(source.path("household_ids"))).stream().map(m -> m.path("person_id").asText()).toList();
            java.util.List<String> shown = ReadPurpose.with(PURPOSE, () -> profiles.open(id)).orElseThrow().household().stream()
                    .map(org.tessera.portal.profile.Profile.Member::personId).toList();
            assertThat(shown).as(id).containsExactlyElementsOf(expected);
            withMembers += expected.isEmpty() ? 0 : 1;
        }
        assertThat(withMembers).as("fixture persons with household members").isGreaterThanOrEqualTo(3);
        assertThat(ReadPurpose.with(PURPOSE, () -> profiles.open("p-jayden")).orElseThrow().household()).isNotEmpty();
    }

    /** A change to the events (so the ranking is computed again), then each page twice: the second view is measured. */
    private Pages measure(String touchId) {
        touch(touchId);
        // The ranking is computed off the views (ADR 0022): measured where it runs.
        EngineMeter.Work ranking = work(() -> {
            watchlist.rank();
            return null;
        });
        EngineMeter.Work view = work(() -> watchlist.entries(false, 200));
        work(() -> profiles.open("p-jayden"));
        EngineMeter.Work profile = work(() -> profiles.open("p-jayden"));
        work(() -> reviews.open("p-jayden"));
        EngineMeter.Work reviewKept = work(() -> reviews.open("p-jayden"));
        // A decision on nobody the page shows: the page is built again, the child's history is kept.
        decide("dc-" + touchId);
        EngineMeter.Work review = work(() -> reviews.open("p-jayden"));
        assertThat(ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 200))).isNotEmpty();
        return new Pages(ranking, view, profile, review, reviewKept);
    }

    /** A MASH decision on a person none of the pages shows: the decisions index changed, nothing else. */
    private void decide(String id) {
        index("decisions", id, "{\"decision_id\":\"" + id + "\",\"person_id\":\"p-nobody\",\"rag\":\"green\",\"outcome\":\"nfa\","
                + "\"rationale\":\"Not known to services.\",\"consent\":\"given\",\"decided_at\":\"2026-11-28T10:00:00Z\",\"decided_by\":\"duty\"}");
    }

    private EngineMeter.Work work(Supplier<?> page) {
        EngineMeter.Mark mark = connection.meter().mark();
        ReadPurpose.with(PURPOSE, page::get);
        return mark.since();
    }

    /** An event of nobody the pages show: the events index changed, so the kept ranking is computed again. */
    private void touch(String id) {
        index("events", id, "{\"event_id\":\"" + id + "\",\"agency\":\"housing\",\"record_type\":\"note\",\"event_date\":\"2020-01-01\","
                + "\"text\":\"A note.\",\"people\":[{\"person_id\":\"p-nobody\",\"is_child\":false}],\"person_ids\":[\"p-nobody\"]}");
    }

    private void addOtherChildren() {
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < OTHERS; i++) {
            String child = "p-other-" + i;
            String household = "h-other-" + i;
            action(bulk, "persons", child, "{\"person_id\":\"" + child + "\",\"is_child\":true,\"full_name\":\"Other Child " + i + "\","
                    + "\"given_names\":[\"Other\"],\"family_name\":[\"Child" + i + "\"],\"date_of_birth\":\"2016-01-01\",\"household_ids\":[\""
                    + household + "\"],\"risk\":{\"score\":0.0,\"band\":\"green\",\"velocity\":0.0,\"as_of\":\"" + TestIndices.FIXTURES_AS_OF + "\"}}");
            for (int e = 0; e < 2; e++) {
                String event = "ev-other-" + i + "-" + e;
                // A hit that does not count (negated): a hit in the period, no points.
                action(bulk, "events", event, "{\"event_id\":\"" + event + "\",\"agency\":\"education\",\"record_type\":\"note\","
                        + "\"event_date\":\"2026-11-0" + (e + 1) + "\",\"text\":\"No signs of neglect.\",\"people\":[{\"person_id\":\"" + child
                        + "\",\"role\":\"subject\",\"is_child\":true,\"household_id\":\"" + household + "\"}],\"person_ids\":[\"" + child
                        + "\"],\"child_ids\":[\"" + child + "\"],\"household_ids\":[\"" + household + "\"],\"hits\":[{\"indicator_id\":\"neglect_home_conditions\","
                        + "\"indicator_version\":1,\"severity\":\"medium\",\"weight\":1.0,\"counts\":false,\"context\":\"negated\","
                        + "\"evidence\":\"No signs of neglect\",\"field\":\"text\",\"method\":\"percolate\"}],\"indicator_ids\":[\"neglect_home_conditions\"]}");
            }
        }
        var answer = connection.raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true"));
        assertThat(answer.ok()).isTrue();
        assertThat(answer.body()).doesNotContain("\"errors\":true");
    }

    private long recordsOf(String personId) {
        var answer = connection.raw("POST", "/" + connection.alias("events") + "/_count",
                "{\"query\":{\"term\":{\"person_ids\":\"" + personId + "\"}}}", Map.of());
        assertThat(answer.ok()).as(answer.body()).isTrue();
        return Long.parseLong(answer.body().replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** Routine notes of the child by five agencies, years old, flagging nothing: records no section lists one by one. */
    private void addRoutineRecords(String child, long count) {
        String[] agencies = {"education", "health", "police", "social_care", "housing"};
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String event = "ev-routine-" + i;
            action(bulk, "events", event, "{\"event_id\":\"" + event + "\",\"agency\":\"" + agencies[i % agencies.length]
                    + "\",\"record_type\":\"note\",\"event_date\":\"2019-0" + (1 + i % 9) + "-1" + (i % 10) + "\",\"text\":\"A routine note.\","
                    + "\"people\":[{\"person_id\":\"" + child + "\",\"role\":\"subject\",\"is_child\":true}],\"person_ids\":[\"" + child
                    + "\"],\"child_ids\":[\"" + child + "\"]}");
        }
        var answer = connection.raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true"));
        assertThat(answer.ok()).isTrue();
        assertThat(answer.body()).doesNotContain("\"errors\":true");
    }

    private void action(StringBuilder bulk, String index, String id, String document) {
        bulk.append("{\"index\":{\"_index\":\"").append(connection.alias(index)).append("\",\"_id\":\"").append(id).append("\"}}\n")
                .append(document).append('\n');
    }

    private void index(String index, String id, String document) {
        var answer = connection.raw("PUT", "/" + connection.alias(index) + "/_doc/" + id, document, Map.of("refresh", "true"));
        assertThat(answer.ok()).as(answer.body()).isTrue();
    }
}

package org.tessera.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.review.ReferralReviewService;
import org.tessera.portal.watchlist.DutyWatchlist;
import org.tessera.portal.watchlist.DutyWatchlistEntry;

/**
 * ADR 0033: the audit append runs beside the read, and the read's answer is returned only once its
 * record is stored. With the real audit index refusing writes (a write block), a review of a child
 * must fail and hand back nothing; once the index takes writes again the same review answers and its
 * record is in a chain that still verifies.
 */
@SpringBootTest
@WithMockUser(username = "duty", roles = "DUTY_MANAGER")
class AuditBeforeAnswerIT {

    private static final String PURPOSE = "Referral screening (MASH): audit refused test";

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @Autowired
    ReferralReviewService reviews;
    @Autowired
    DutyWatchlist watchlist;
    @Autowired
    OpenSearchConnection connection;

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
        TestIndices.loadReferralFixtures(connection);
    }

    private void auditWrites(boolean blocked) {
        connection.raw("PUT", "/" + connection.alias("audit") + "/_settings",
                "{\"index.blocks.write\": " + blocked + "}");
    }

    private long reviewsAudited() {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return new AuditLog(connection, Clock.systemUTC(), TestIndices.auditAnchor())
                .recent(0, 1000, "duty", null, "p-jayden").stream().filter(r -> PURPOSE.equals(r.purpose())).count();
    }

    @Test
    void aReadWhoseAuditRecordCannotBeStoredAnswersNothing() {
        long before = reviewsAudited();
        auditWrites(true);
        try {
            assertThatThrownBy(() -> ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden")))
                    .hasStackTraceContaining("the engine refused audit record");
        } finally {
            auditWrites(false);
        }
        assertThat(reviewsAudited()).as("nothing stored while the audit index refused writes").isEqualTo(before);

        assertThat(ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden"))).isPresent();
        assertThat(reviewsAudited()).isEqualTo(before + 1);
        assertThat(new AuditLog(connection, Clock.systemUTC(), TestIndices.auditAnchor()).verify().intact())
                .as("the chain verifies after the refused append").isTrue();
    }

    private long watchlistViewsAudited() {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return new AuditLog(connection, Clock.systemUTC(), TestIndices.auditAnchor())
                .recent(0, 1000, "duty", AuditTrail.WATCHLIST_VIEW, null).stream().filter(r -> PURPOSE.equals(r.purpose())).count();
    }

    /**
     * The watchlist view awaits its record last (after its one {@code _msearch} of the last visit and the
     * decisions): still nothing without it. And "new since your last visit" is the previous view, never
     * the view's own record: right after a view, every listed child with evidence before now is not new.
     */
    @Test
    void aWatchlistViewWhoseAuditRecordCannotBeStoredAnswersNothingAndItsOwnRecordIsNotItsLastVisit() {
        watchlist.rank();
        long before = watchlistViewsAudited();
        auditWrites(true);
        try {
            assertThatThrownBy(() -> ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 200)))
                    .hasStackTraceContaining("the engine refused audit record");
        } finally {
            auditWrites(false);
        }
        assertThat(watchlistViewsAudited()).as("nothing stored while the audit index refused writes").isEqualTo(before);

        java.util.List<DutyWatchlistEntry> first = ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 200));
        assertThat(first).isNotEmpty();
        assertThat(watchlistViewsAudited()).isEqualTo(before + 1);
        // The first view's record is searchable: the second view finds it as its last visit (today) in
        // its _msearch, so no listed child (the fixtures' evidence is weeks old) is new. Were no last
        // visit found, every new-state child with evidence would be.
        assertThat(first).anySatisfy(e -> assertThat(e.state()).isEqualTo("new"));
        java.util.List<DutyWatchlistEntry> second = ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 200));
        assertThat(second).allSatisfy(e -> assertThat(e.newSinceLastVisit()).as(e.personId()).isFalse());
        assertThat(watchlistViewsAudited()).isEqualTo(before + 2);
        assertThat(new AuditLog(connection, Clock.systemUTC(), TestIndices.auditAnchor()).verify().intact()).isTrue();
    }
}

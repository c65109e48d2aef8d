package org.tessera.portal.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.audit.AuditRecord;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.audit.ReadPurpose;
import org.tessera.portal.review.ReferralReview.Line;
import org.tessera.portal.review.ReferralReview.Page;
import org.tessera.portal.watchlist.DutyWatchlist;

/** The referral review over the Smith household's records in the real OpenSearch: content, decisions, pack, audit. */
@SpringBootTest
@WithMockUser(username = "duty", roles = "DUTY_MANAGER")
class ReferralReviewServiceIT {

    private static final String PURPOSE = "Referral screening (MASH): contact from school";

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @Autowired
    ReferralReviewService reviews;
    @Autowired
    DutyWatchlist watchlist;
    @Autowired
    DecisionStore decisions;
    @Autowired
    OpenSearchConnection connection;

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
        TestIndices.loadReferralFixtures(connection);
    }

    private static String text(Page page, String section) {
        return String.join("\n", page.section(section).lines().stream().map(Line::text).toList());
    }

    private List<AuditRecord> audit(String action) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return new AuditLog(connection, java.time.Clock.systemUTC(), TestIndices.auditAnchor()).recent(0, 20, "duty", action, "p-jayden");
    }

    @Test
    void theReviewAnswersTheManagersQuestionsEachStatementWithItsRecords() {
        Page page = ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden")).orElseThrow();

        assertThat(text(page, "identity")).contains("Identity confirmed", "NHS number 943 476 5919", "Police reference P-1001",
                "Possible duplicate: Jaiden Smyth", "School: Tessford Primary School", "GP practice: Mill Road Surgery")
                .doesNotContain("source_ids");
        assertThat(text(page, "household"))
                .contains("Domestic abuse at the address in the last 12 months: 3 incidents", "DASH high", "DASH medium")
                .contains("Darren Cole – probation: Community order", "risk to children: yes", "Darren Cole – offending: 2025-12-02 common assault")
                .contains("Darren Cole – MARAC: 2026-03-01 (referred)")
                .contains("Kelly Smith – mental health: Parental mental ill-health", "Kelly Smith – substance misuse: Parental alcohol misuse");
        assertThat(text(page, "agencies")).contains("probation: last contact 2026-04-20", "open episode: under supervision");
        assertThat(text(page, "history")).contains("Repeat no further action: 2 contacts or referrals ended NFA (2025-10-02, 2025-03-12)");
        assertThat(text(page, "health")).contains("A&E attendances in the last 12 months: 1 (2026-08-15 head injury)",
                "Missed health appointments (was not brought, no access): 1");
        assertThat(text(page, "education")).contains("Attendance 2025/26: 85 % over 2 returns, down from 94 % in 2024/25",
                "Exclusions: 1 (2026-03-04 suspension physical assault against a pupil)");
        assertThat(text(page, "housing")).contains("rent arrears 2026-05-11", "(household record)");
        assertThat(text(page, "concerns")).contains("Cumulative score", "domestic abuse:");
        assertThat(text(page, "threshold")).contains("Today's single-event rule would have flagged this child on 2026-02-14");

        Line probation = page.section("household").lines().stream().filter(l -> l.text().startsWith("Darren Cole – probation")).findFirst().orElseThrow();
        assertThat(probation.sources()).extracting(ReferralReview.Source::eventId).containsExactly("ev-probation-1");
        assertThat(probation.sources().getFirst().date()).isEqualTo("2026-04-20");

        assertThat(audit(AuditTrail.REFERRAL_REVIEW_VIEW)).anySatisfy(r -> assertThat(r.purpose()).isEqualTo(PURPOSE));
    }

    @Test
    void whatIsNewCountsFromTheLastDecisionAndANewContactShowsThere() {
        TestIndices.index(connection, "decisions", "decision_id", "fixtures/referral/decision-2026-11-10.json");
        assertThat(text(ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden")).orElseThrow(), "new")).isEqualTo("Nothing new");

        TestIndices.index(connection, "events", "event_id", "fixtures/referral/new-contact.json");
        Page page = ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden")).orElseThrow();
        assertThat(page.section("new").summary()).isEqualTo("1 record since the last review on 2026-11-10 (No further action)");
        assertThat(text(page, "new")).contains("2026-11-28 social care contact", "Child frightened to go home");
    }

    @Test
    void aDecisionIsStoredAuditedAndShownOnTheWatchlist() {
        MashDecision decision = reviews.decide("p-jayden", MashDecision.Rag.AMBER, MashDecision.Outcome.STRATEGY_DISCUSSION,
                "Third incident in the year with the child present; adult posing a risk to children in the home.",
                MashDecision.Consent.NOT_SOUGHT_RISK, LocalDate.parse("2026-11-30"));

        assertThat(decisions.history("p-jayden")).containsExactly(decision);
        assertThat(audit(AuditTrail.MASH_DECISION)).anySatisfy(r -> assertThat(r.detail()).isEqualTo("Amber, Section 47 strategy discussion"));
        assertThat(ReadPurpose.with(PURPOSE, () -> watchlist.entries(false, 50))).filteredOn(e -> e.personId().equals("p-jayden"))
                .singleElement().satisfies(e -> assertThat(e.decision()).startsWith("Amber · Section 47 strategy discussion"));
        assertThat(text(ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden")).orElseThrow(), "decisions")).contains("Third incident in the year");
    }

    @Test
    void aDecisionNeedsARationaleAndANextReviewUnlessNoFurtherAction() {
        assertThatThrownBy(() -> reviews.decide("p-jayden", MashDecision.Rag.GREEN, MashDecision.Outcome.EARLY_HELP, " ",
                MashDecision.Consent.GIVEN, LocalDate.parse("2026-12-20"))).hasMessageContaining("rationale");
        assertThatThrownBy(() -> reviews.decide("p-jayden", MashDecision.Rag.GREEN, MashDecision.Outcome.EARLY_HELP, "Family asked for help",
                MashDecision.Consent.GIVEN, null)).hasMessageContaining("next review");
        assertThat(decisions.history("p-jayden")).isEmpty();
    }

    @Test
    @WithMockUser(username = "pat", roles = "PRACTITIONER")
    void aPractitionerReadsTheReviewButCannotRecordTheDecision() {
        assertThat(ReadPurpose.with("Section 47 enquiry", () -> reviews.open("p-jayden"))).isPresent();
        assertThatThrownBy(() -> reviews.decide("p-jayden", MashDecision.Rag.RED, MashDecision.Outcome.STRATEGY_DISCUSSION, "x",
                MashDecision.Consent.NOT_YET, LocalDate.parse("2026-11-30"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void thePackSaysWhatThePageSaysWithTheMarkingAndIsAuditedAsADisclosure() throws IOException {
        Page page = ReadPurpose.with(PURPOSE, () -> reviews.open("p-jayden")).orElseThrow();
        byte[] pdf = ReadPurpose.with(PURPOSE, () -> reviews.pack("p-jayden", PackFormat.PDF)).orElseThrow();
        String pdfText;
        try (var document = Loader.loadPDF(pdf)) {
            pdfText = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
        }
        assertThat(pdfText).contains(PackFormat.MARKING, "Strategy discussion pack: Jayden Lee Smith", PURPOSE,
                "Darren Cole – probation: Community order", "ref ev-probation-1", "probation offender supervision, 2026-04-20");
        // Every section of the page is in the pack.
        for (ReferralReview.Section section : page.sections()) {
            assertThat(pdfText).contains(section.title());
        }

        byte[] docx = ReadPurpose.with(PURPOSE, () -> reviews.pack("p-jayden", PackFormat.DOCX)).orElseThrow();
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx)); XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            assertThat(extractor.getText()).contains(PackFormat.MARKING, "Kelly Smith – substance misuse", "ref ev-welfare-1");
            assertThat(document.getHeaderList()).anySatisfy(h -> assertThat(h.getText()).contains(PackFormat.MARKING));
        }
        assertThat(audit(AuditTrail.DISCLOSURE)).filteredOn(r -> PURPOSE.equals(r.purpose()))
                .extracting(AuditRecord::detail).contains("strategy pack pdf", "strategy pack docx");
    }
}

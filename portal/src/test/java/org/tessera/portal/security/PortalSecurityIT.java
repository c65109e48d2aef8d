package org.tessera.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.audit.AuditRecord;
import org.tessera.indexer.audit.AuditVerification;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.indicators.IndicatorService;
import org.tessera.portal.profile.ProfileService;
import org.tessera.portal.watchlist.ReviewAction;
import org.tessera.portal.watchlist.DutyWatchlist;

@SpringBootTest
@AutoConfigureMockMvc
@org.springframework.test.context.ActiveProfiles("demo")
class PortalSecurityIT {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    OpenSearchConnection connection;
    @Autowired
    IndicatorService indicators;
    @Autowired
    DutyWatchlist watchlist;
    @Autowired
    ProfileService profiles;
    @Autowired
    AuditTrail auditTrail;

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
    }

    private AuditLog auditLog() {
        return new AuditLog(connection, java.time.Clock.systemUTC(), TestIndices.auditAnchor());
    }

    private List<AuditRecord> auditFor(String user, String action) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return auditLog().recent(0, 50, user, action, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/search", "/profile/p-jayden", "/watchlist", "/indicators", "/jobs", "/audit"})
    void everyViewSendsAnonymousUsersToSignIn(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().is3xxRedirection()).andExpect(header().string("Location",
                org.hamcrest.Matchers.containsString("/login")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/search?q=smith", "/api/persons/p-jayden?purpose=x", "/api/persons/p-jayden/chronology", "/api/watchlist"})
    void everyApiCallIsRefusedWithoutSignIn(String path) throws Exception {
        mvc.perform(get(path)).andExpect(status().isUnauthorized());
        // Without a session there is no CSRF token either, so the refusal may come from either check.
        mvc.perform(post("/api/indicators/test").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isIn(401, 403));
    }

    @Test
    void responsesCarryTheSecurityHeaders() throws Exception {
        mvc.perform(get("/api/watchlist").param("purpose", "MASH screening").with(httpBasic("duty", "duty-demo")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("frame-ancestors 'none'")));
    }

    @Test
    void aPractitionerFindsAChildByMisspeltNameAndPartialPostcodeAndTheSearchIsAudited() throws Exception {
        mvc.perform(get("/api/search").param("purpose", "Referral screening").param("q", "Jaydon TC1").with(httpBasic("practitioner", "practitioner-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.people[0].personId").value("p-jayden"));
        assertThat(auditFor("practitioner", AuditTrail.SEARCH)).anySatisfy(r -> assertThat(r.query()).isEqualTo("Jaydon TC1"));
    }

    @Test
    void openingAProfileNeedsAPurposeAndIsAuditedWithIt() throws Exception {
        mvc.perform(get("/api/persons/p-jayden").with(httpBasic("practitioner", "practitioner-demo")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/persons/p-jayden").param("purpose", "Section 47 enquiry").with(httpBasic("practitioner", "practitioner-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.identity.name").value("Jayden Lee Smith"))
                .andExpect(jsonPath("$.household[*].personId").value(org.hamcrest.Matchers.containsInAnyOrder("p-kelly", "p-darren")));
        assertThat(auditFor("practitioner", AuditTrail.PROFILE_VIEW))
                .anySatisfy(r -> {
                    assertThat(r.targetPersonId()).isEqualTo("p-jayden");
                    assertThat(r.purpose()).isEqualTo("Section 47 enquiry");
                });
    }

    @Test
    void exportingAChronologyNeedsAPurposeAndIsAuditedAsAnExport() throws Exception {
        mvc.perform(get("/api/persons/p-jayden/chronology.csv").param("purpose", "Strategy meeting")
                        .with(httpBasic("practitioner", "practitioner-demo")))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .startsWith("date,agency,record_type")
                        .contains("\"2026-02-14\",\"police\",\"incident\"")
                        .contains("\"neglect_concern;dv_child_present\""));
        assertThat(auditFor("practitioner", AuditTrail.EXPORT)).anySatisfy(r -> {
            assertThat(r.targetPersonId()).isEqualTo("p-jayden");
            assertThat(r.purpose()).isEqualTo("Strategy meeting");
        });
    }

    @Test
    void anAuditorCannotSearchOrOpenProfilesAndTheRefusalIsAudited() throws Exception {
        mvc.perform(get("/api/search").param("purpose", "Referral screening").param("q", "smith").with(httpBasic("auditor", "auditor-demo"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/persons/p-jayden").param("purpose", "curious").with(httpBasic("auditor", "auditor-demo")))
                .andExpect(status().isForbidden());
        assertThat(auditFor("auditor", AuditTrail.ACCESS_DENIED)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theWatchlistListsTheCumulativePictureFirstThenTheSingleSeriousConcern() throws Exception {
        // Jayden: domestic abuse, missed appointments and absence across three agencies; Amelia: one missing episode.
        mvc.perform(get("/api/watchlist").param("purpose", "MASH screening").with(httpBasic("duty", "duty-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].personId").value("p-jayden"))
                .andExpect(jsonPath("$[0].section").value("cumulative"))
                .andExpect(jsonPath("$[0].concerns").value(3))
                .andExpect(jsonPath("$[0].name").value("Jayden Lee Smith"))
                .andExpect(jsonPath("$[0].reason").value(org.hamcrest.Matchers.startsWith("3 concerns from 3 agencies in 365 days")))
                .andExpect(jsonPath("$[1].personId").value("p-amelia"))
                .andExpect(jsonPath("$[1].section").value("single_concern"))
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    @WithMockUser(username = "sw1", roles = "PRACTITIONER")
    void theProfileExplainsTheScoreWithTheScorersOwnContributionsAndMonthlyTrend() {
        var contributions = profiles.contributions("p-jayden");
        // The negated neglect concern of September scores nothing and is not listed.
        org.assertj.core.api.Assertions.assertThat(contributions).extracting(c -> c.indicatorId())
                .containsExactly("dv_child_present", "persistent_absence", "missed_health_appointments");
        org.assertj.core.api.Assertions.assertThat(contributions.getFirst().hits()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(contributions.getFirst().lastDate()).isEqualTo("2026-11-02");
        double explained = contributions.stream().mapToDouble(c -> c.points()).sum();
        var trend = profiles.trend("p-jayden");
        org.assertj.core.api.Assertions.assertThat(trend).hasSize(36);
        org.assertj.core.api.Assertions.assertThat(trend.getLast().month()).isEqualTo("2026-11");
        org.assertj.core.api.Assertions.assertThat(trend.getLast().score()).isCloseTo(explained, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aPractitionerCannotActOnTheWatchlistOrTestIndicatorsButADutyManagerCan() throws Exception {
        String acknowledge = "{\"action\":\"acknowledge\"}";
        mvc.perform(post("/api/watchlist/p-amelia/review").contentType(MediaType.APPLICATION_JSON).content(acknowledge)
                .with(httpBasic("practitioner", "practitioner-demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/indicators/test").contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"reported missing\"}")
                .with(httpBasic("practitioner", "practitioner-demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/watchlist/p-amelia/review").contentType(MediaType.APPLICATION_JSON).content(acknowledge)
                .with(httpBasic("duty", "duty-demo"))).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("acknowledged"));
    }

    @Test
    void aDismissalNeedsAReasonAndEveryActionIsKeptInTheReviewHistory() throws Exception {
        mvc.perform(post("/api/watchlist/p-oliver/review").contentType(MediaType.APPLICATION_JSON).content("{\"action\":\"dismiss\"}")
                .with(httpBasic("duty", "duty-demo"))).andExpect(status().isBadRequest());
        mvc.perform(post("/api/watchlist/p-oliver/review").contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"assign\",\"assignee\":\"sw-team-2\"}")
                .with(httpBasic("duty", "duty-demo"))).andExpect(status().isOk());
        mvc.perform(post("/api/watchlist/p-oliver/review").contentType(MediaType.APPLICATION_JSON)
                .content("{\"action\":\"dismiss\",\"reason\":\"known to CSC, plan in place\"}")
                .with(httpBasic("duty", "duty-demo"))).andExpect(status().isOk()).andExpect(jsonPath("$.state").value("dismissed"));
        String review = connection.raw("GET", "/" + connection.alias("reviews") + "/_source/p-oliver", null).body();
        var json = org.tessera.portal.common.Json.parse(review);
        assertThat(json.path("state").asText()).isEqualTo("dismissed");
        // A dismissed child has nobody working on it; the assignment stays in the history.
        assertThat(json.path("assigned_to").isNull()).isTrue();
        assertThat(json.path("history")).hasSize(2);
        assertThat(json.path("history").get(0).path("reason").asText()).isEqualTo("assigned to sw-team-2");
        assertThat(json.path("history").get(1).path("reason").asText()).isEqualTo("known to CSC, plan in place");
    }

    @Test
    void anAnalystTestsTextThroughTheRealPercolator() throws Exception {
        mvc.perform(post("/api/indicators/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Amelia was reported missing from care last night.\"}")
                        .with(httpBasic("analyst", "analyst-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("missing_episode"))
                .andExpect(jsonPath("$[0].highlighted[0]").value(org.hamcrest.Matchers.containsString(
                        "<mark class=\"evidence\" title=\"affirmed\">reported missing</mark>")))
                .andExpect(jsonPath("$[0].counts").value(true));
        mvc.perform(post("/api/indicators/test").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Amelia has not been reported missing since the summer.\"}")
                        .with(httpBasic("analyst", "analyst-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("missing_episode"))
                .andExpect(jsonPath("$[0].context").value("negated"))
                .andExpect(jsonPath("$[0].counts").value(false));
        mvc.perform(get("/api/persons/p-jayden").param("purpose", "x").with(httpBasic("analyst", "analyst-demo")))
                .andExpect(status().isForbidden());
    }

    @Test
    @WithMockUser(username = "analyst2", roles = "ANALYST")
    void onlyAnAdministratorEnablesIndicators() {
        assertThatThrownBy(() -> indicators.setEnabled("hungry_at_school", true)).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    @WithMockUser(username = "admin2", roles = "ADMINISTRATOR")
    void anAdministratorEnablesAnIndicatorButCannotReadTheAudit() {
        indicators.setEnabled("hungry_at_school", true);
        assertThat(indicators.catalogue()).filteredOn(i -> i.id().equals("hungry_at_school")).singleElement()
                .satisfies(i -> assertThat(i.enabled()).isTrue());
        indicators.setEnabled("hungry_at_school", false);
        assertThatThrownBy(() -> auditTrail.recent(0, 10, null, null, null)).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> profiles.open("p-jayden")).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    @WithMockUser(username = "practitioner2", roles = "PRACTITIONER")
    void aPractitionerCannotDismissAWatchlistEntry() {
        assertThatThrownBy(() -> watchlist.review("p-jayden", ReviewAction.DISMISS, null, "no concern"))
                .isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void everyFailedSignInIsAuditedTheDelayedOnesToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/watchlist").with(httpBasic("duty-lock", "wrong" + i))).andExpect(status().isUnauthorized());
        }
        assertThat(auditFor("duty-lock", AuditTrail.LOGIN_FAILED)).hasSize(5);
    }

    @Test
    void defect10_guessingAPasswordSlowsTheGuesserButDoesNotLockTheUserOut() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(get("/api/watchlist").with(from("192.0.2.66")).with(httpBasic("analyst", "wrong" + i))).andExpect(status().isUnauthorized());
        }
        // The guesser, even with the right password, waits: the password is not even checked.
        mvc.perform(get("/api/indicators/x").with(from("192.0.2.66")).with(httpBasic("analyst", "analyst-demo")))
                .andExpect(status().isUnauthorized());
        assertThat(auditFor("analyst", AuditTrail.LOGIN_FAILED)).anySatisfy(r -> assertThat(r.detail()).isEqualTo("SignInDelayedException"));
        // The user from their own address signs in at once: five wrong passwords elsewhere lock nobody out.
        mvc.perform(post("/api/indicators/test").with(from("192.0.2.10")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"reported missing\"}").with(httpBasic("analyst", "analyst-demo"))).andExpect(status().isOk());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void defect3_theChronologyNeedsAPurposeAndWritesExactlyOneAuditRecordWithIt() throws Exception {
        int before = auditFor("practitioner", AuditTrail.CHRONOLOGY_VIEW).size();
        mvc.perform(get("/api/persons/p-jayden/chronology").with(httpBasic("practitioner", "practitioner-demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("purpose is required")));
        assertThat(auditFor("practitioner", AuditTrail.CHRONOLOGY_VIEW)).as("nothing read, nothing recorded").hasSize(before);
        mvc.perform(get("/api/persons/p-jayden/chronology").param("purpose", "Strategy discussion 4711")
                        .with(httpBasic("practitioner", "practitioner-demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].text").exists());
        assertThat(auditFor("practitioner", AuditTrail.CHRONOLOGY_VIEW)).hasSize(before + 1)
                .filteredOn(r -> "Strategy discussion 4711".equals(r.purpose())).singleElement().satisfies(r -> {
            assertThat(r.targetPersonId()).isEqualTo("p-jayden");
            assertThat(r.purpose()).isEqualTo("Strategy discussion 4711");
        });
    }

    @Test
    void defect8_signInsAreAuditedAndARefusalIsRecordedOnce() throws Exception {
        mvc.perform(get("/api/persons/p-jayden").param("purpose", "curious").with(httpBasic("admin", "admin-demo")))
                .andExpect(status().isForbidden());
        assertThat(auditFor("admin", AuditTrail.ACCESS_DENIED)).as("one record, none for /error").hasSize(1);
        assertThat(auditFor("admin", AuditTrail.LOGIN)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"page=-1", "page=600", "page=2147483647", "size=-5&page=3", "page=abc"})
    void defect8_impossiblePagingIsABadRequestNotARefusal(String paging) throws Exception {
        mvc.perform(get("/api/search?q=smith&purpose=screening&" + paging).with(httpBasic("duty", "duty-demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").isNotEmpty());
        assertThat(auditFor("duty", AuditTrail.ACCESS_DENIED)).isEmpty();
    }

    @Test
    void defect8_aHugeQueryIsABadRequestNotARefusal() throws Exception {
        String words = String.join(" ", java.util.Collections.nCopies(1400, "word"));
        mvc.perform(get("/api/search").param("q", words).param("purpose", "screening").with(httpBasic("duty", "duty-demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("characters")));
        assertThat(auditFor("duty", AuditTrail.ACCESS_DENIED)).isEmpty();
    }

    @Test
    void alteringAnAuditRecordMakesTheVerifierFail() throws Exception {
        mvc.perform(get("/api/search").param("purpose", "Referral screening").param("q", "Amelia").with(httpBasic("duty", "duty-demo"))).andExpect(status().isOk());
        AuditRecord target = auditFor("duty", AuditTrail.SEARCH).getFirst();
        AuditVerification before = auditLog().verify();
        assertThat(before.intact()).as(before.problem()).isTrue();

        String endpoint = "/" + connection.alias("audit") + "/_doc/" + target.sequence();
        String original = AuditLog.toJson(target).toString();
        String altered = AuditLog.toJson(target).put("query", "Someone Else").toString();
        try {
            assertThat(connection.raw("PUT", endpoint, altered, Map.of("refresh", "true")).ok()).isTrue();
            AuditVerification after = auditLog().verify();
            assertThat(after.intact()).isFalse();
            assertThat(after.brokenAt()).isEqualTo(target.sequence());
        } finally {
            connection.raw("PUT", endpoint, original, Map.of("refresh", "true"));
        }
        assertThat(auditLog().verify().intact()).isTrue();
    }

    @Test
    @WithMockUser(username = "duty2", roles = "DUTY_MANAGER")
    void aDismissedChildReappearsOnlyOnNewCountingEvidence() {
        watchlist.review("p-amelia", org.tessera.portal.watchlist.ReviewAction.DISMISS, null, "known to the team, plan in place");
        org.assertj.core.api.Assertions.assertThat(org.tessera.portal.audit.ReadPurpose.with("Watchlist review", () -> watchlist.entries(false, 50))).noneMatch(e -> e.personId().equals("p-amelia"));
        org.assertj.core.api.Assertions.assertThat(org.tessera.portal.audit.ReadPurpose.with("Watchlist review", () -> watchlist.entries(true, 50)))
                .anySatisfy(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.personId()).isEqualTo("p-amelia");
                    org.assertj.core.api.Assertions.assertThat(e.state()).isEqualTo("dismissed");
                    org.assertj.core.api.Assertions.assertThat(e.reviewReason()).isEqualTo("known to the team, plan in place");
                });

        // A newer record whose only hit does not count (a negated mention) is no new evidence.
        addAmeliaEvent("ev-police-4", "{\"indicator_id\":\"missing_episode\",\"severity\":\"high\",\"counts\":false,\"context\":\"negated\"}");
        org.assertj.core.api.Assertions.assertThat(org.tessera.portal.audit.ReadPurpose.with("Watchlist review", () -> watchlist.entries(false, 50))).noneMatch(e -> e.personId().equals("p-amelia"));

        // Counting evidence dated after the dismissal brings the child back as new.
        addAmeliaEvent("ev-police-5", "{\"indicator_id\":\"missing_episode\",\"severity\":\"high\",\"counts\":true}");
        org.assertj.core.api.Assertions.assertThat(org.tessera.portal.audit.ReadPurpose.with("Watchlist review", () -> watchlist.entries(false, 50)))
                .anySatisfy(e -> {
                    org.assertj.core.api.Assertions.assertThat(e.personId()).isEqualTo("p-amelia");
                    org.assertj.core.api.Assertions.assertThat(e.state()).isEqualTo("new");
                });
    }

    private void addAmeliaEvent(String id, String hit) {
        String event = "{\"event_id\":\"" + id + "\",\"agency\":\"police\",\"record_type\":\"incident\",\"event_date\":\"2026-11-28\","
                + "\"person_ids\":[\"p-amelia\"],\"child_ids\":[\"p-amelia\"],"
                + "\"people\":[{\"person_id\":\"p-amelia\",\"role\":\"subject\",\"is_child\":true}],\"hits\":[" + hit + "]}";
        var answer = connection.raw("PUT", "/" + connection.alias("events") + "/_doc/" + id, event, java.util.Map.of("refresh", "true"));
        org.assertj.core.api.Assertions.assertThat(answer.ok()).as(answer.body()).isTrue();
    }
}

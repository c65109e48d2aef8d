package org.tessera.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.audit.AuditRecord;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.audit.AuditTrail;

/**
 * The hostile suite (issue 16): the real portal on a port, called over HTTP the way an attacker
 * or a careless client would. Every route is enumerated from Spring's handler mappings and
 * Vaadin's route registry, so a new route that is missing from the policy tables below fails this
 * test until someone decides who may call it. For every API route, anonymously and as every role:
 * the expected status, the security headers, and for every read of personal data exactly one audit
 * record carrying the stated purpose (none when refused or when no purpose was given).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class HostileAccessIT {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    private static final Map<String, String> PASSWORDS = Map.of("practitioner", "practitioner-demo", "duty", "duty-demo",
            "analyst", "analyst-demo", "auditor", "auditor-demo", "admin", "admin-demo");
    private static final Map<String, String> ROLE_OF = Map.of("practitioner", Roles.PRACTITIONER, "duty", Roles.DUTY_MANAGER,
            "analyst", Roles.ANALYST, "auditor", Roles.AUDITOR, "admin", Roles.ADMINISTRATOR);
    private static final Set<String> CHILD_DATA = Set.of(Roles.PRACTITIONER, Roles.DUTY_MANAGER);

    /** How one API route is called, who may call it, and the audit action of the read it is (null: no read of personal data). */
    record ApiRoute(String method, String path, String body, Set<String> roles, String readAction, int allowedStatus) {
        ApiRoute(String method, String path, String body, Set<String> roles, String readAction) {
            this(method, path, body, roles, readAction, 200);
        }
    }

    /** The API policy: every route Spring maps under /api must be here. */
    private static final Map<String, ApiRoute> API = new LinkedHashMap<>();

    static {
        api(new ApiRoute("GET", "/api/search?q=Jayden", null, CHILD_DATA, AuditTrail.SEARCH));
        api(new ApiRoute("GET", "/api/persons/p-jayden", null, CHILD_DATA, AuditTrail.PROFILE_VIEW));
        api(new ApiRoute("GET", "/api/persons/p-jayden/chronology", null, CHILD_DATA, AuditTrail.CHRONOLOGY_VIEW));
        api(new ApiRoute("GET", "/api/persons/p-jayden/chronology.csv", null, CHILD_DATA, AuditTrail.EXPORT));
        api(new ApiRoute("GET", "/api/watchlist", null, CHILD_DATA, AuditTrail.WATCHLIST_VIEW));
        api(new ApiRoute("POST", "/api/watchlist/p-amelia/review", "{\"action\":\"acknowledge\"}", Set.of(Roles.DUTY_MANAGER), null));
        api(new ApiRoute("GET", "/api/review/p-jayden", null, CHILD_DATA, AuditTrail.REFERRAL_REVIEW_VIEW));
        api(new ApiRoute("GET", "/api/review/p-jayden/pack?format=pdf", null, CHILD_DATA, AuditTrail.DISCLOSURE));
        api(new ApiRoute("POST", "/api/review/p-amelia/decision",
                "{\"rag\":\"green\",\"outcome\":\"nfa\",\"consent\":\"given\",\"rationale\":\"hostile access test\"}", Set.of(Roles.DUTY_MANAGER), null));
        api(new ApiRoute("POST", "/api/indicators/test", "{\"text\":\"reported missing\"}", Set.of(Roles.ANALYST, Roles.ADMINISTRATOR), null));
        // An empty batch: refused (400) once the role is allowed, so nothing is ingested into the shared indices.
        api(new ApiRoute("POST", "/api/arrivals/police_incidents", "[]", Set.of(Roles.ANALYST, Roles.ADMINISTRATOR), null, 400));
        api(new ApiRoute("GET", "/api/alerts", null, Set.of(Roles.DUTY_MANAGER), null));
        api(new ApiRoute("GET", "/api/alerts/subscription", null, Set.of(Roles.DUTY_MANAGER), null));
        api(new ApiRoute("PUT", "/api/alerts/subscription", "{\"sections\":[\"cumulative\"]}", Set.of(Roles.DUTY_MANAGER), null));
        api(new ApiRoute("GET", "/api/alerts/stream?seconds=1", null, Set.of(Roles.DUTY_MANAGER), null));
    }

    private static void api(ApiRoute route) {
        API.put(route.method() + " " + route.path().replaceAll("\\?.*", "").replace("p-jayden", "{id}").replace("p-amelia", "{id}")
                .replace("police_incidents", "{source}"), route);
    }

    /** The view policy: every Vaadin route must be here, with the roles that may open it. */
    private static final Map<String, Set<String>> VIEWS = Map.of(
            "login", Set.of("anonymous"),
            "", Set.copyOf(Roles.ALL),
            "search", CHILD_DATA,
            "profile/:___url_parameter", CHILD_DATA,
            "review/:___url_parameter", CHILD_DATA,
            "watchlist", CHILD_DATA,
            "indicators", Set.of(Roles.ANALYST, Roles.ADMINISTRATOR),
            "jobs", Set.of(Roles.ANALYST, Roles.ADMINISTRATOR),
            "audit", Set.of(Roles.AUDITOR));

    /** Spring MVC routes outside the API, each with why it exists. */
    private static final Map<String, String> OTHER_MVC = Map.of("/error", "Spring Boot's error page (JSON or HTML), open to all");

    @LocalServerPort
    int port;
    @Autowired
    OpenSearchConnection connection;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mvcRoutes;
    @Autowired
    WebApplicationContext context;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
    }

    // ---------------------------------------------------------------- routes

    @Test
    void everyRouteIsInThePolicy() {
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mvcRoutes.getHandlerMethods().keySet()) {
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("ANY")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                    if (pattern.startsWith("/api")) {
                        mapped.add(method + " " + pattern);
                    } else {
                        assertThat(OTHER_MVC).as("Spring MVC route %s is in no policy", pattern).containsKey(pattern);
                    }
                }
            }
        }
        assertThat(mapped.remove("ANY /api/**")).as("unknown API paths answer 404, not the portal's page").isTrue();
        assertThat(mapped).as("every API route has a policy, every policy a route").containsExactlyInAnyOrderElementsOf(API.keySet());
        assertThat(viewRoutes().keySet()).as("every Vaadin route has a policy").containsExactlyInAnyOrderElementsOf(VIEWS.keySet());
    }

    private Map<String, Class<?>> viewRoutes() {
        Map<String, Class<?>> routes = new LinkedHashMap<>();
        for (RouteData route : ApplicationRouteRegistry.getInstance(new VaadinServletContext(context.getServletContext())).getRegisteredRoutes()) {
            routes.put(route.getTemplate(), route.getNavigationTarget());
        }
        return routes;
    }

    // ---------------------------------------------------------------- API, per role

    @Test
    void everyApiRouteAnswersEachRoleAsThePolicySaysAndEveryReadIsAuditedOnceWithItsPurpose() throws Exception {
        List<String> problems = new ArrayList<>();
        for (ApiRoute route : API.values()) {
            HttpResponse<String> anonymous = call(route, null, "hostile-anonymous");
            headers(anonymous, problems);
            if (anonymous.statusCode() != 401 || !anonymous.body().contains("Sign-in required") || anonymous.headers().firstValue("Set-Cookie").isPresent()) {
                problems.add("anonymous " + route.path() + ": " + anonymous.statusCode() + " " + anonymous.headers().map());
            }
            for (String user : PASSWORDS.keySet()) {
                boolean allowed = route.roles().contains(ROLE_OF.get(user));
                String purpose = "hostile " + user + " " + route.path() + " " + System.nanoTime();
                int readsBefore = route.readAction() == null ? 0 : reads(user, route.readAction(), null).size();
                HttpResponse<String> answer = call(route, user, purpose);
                headers(answer, problems);
                int expected = allowed ? route.allowedStatus() : 403;
                if (answer.statusCode() != expected) {
                    problems.add(user + " " + route.method() + " " + route.path() + ": expected " + expected + ", got "
                            + answer.statusCode() + " " + answer.body());
                }
                if (route.readAction() == null) {
                    continue;
                }
                List<AuditRecord> withPurpose = reads(user, route.readAction(), purpose);
                if (withPurpose.size() != (allowed ? 1 : 0)) {
                    problems.add(user + " " + route.path() + ": " + withPurpose.size() + " audit records with the purpose, expected " + (allowed ? 1 : 0));
                }
                if (reads(user, route.readAction(), null).size() != readsBefore + (allowed ? 1 : 0)) {
                    problems.add(user + " " + route.path() + ": audit records of " + route.readAction() + " did not grow by exactly "
                            + (allowed ? 1 : 0));
                }
                if (allowed) {
                    // The same read without a purpose: refused with a reason, nothing read, nothing recorded.
                    int before = reads(user, route.readAction(), null).size();
                    HttpResponse<String> noPurpose = call(route, user, null);
                    headers(noPurpose, problems);
                    if (noPurpose.statusCode() != 400 || !noPurpose.body().contains("purpose is required")) {
                        problems.add(user + " " + route.path() + " without a purpose: " + noPurpose.statusCode() + " " + noPurpose.body());
                    }
                    if (reads(user, route.readAction(), null).size() != before) {
                        problems.add(user + " " + route.path() + " without a purpose was audited as a read");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private HttpResponse<String> call(ApiRoute route, String user, String purpose) throws Exception {
        String uri = route.path();
        if (purpose != null && route.readAction() != null) {
            uri += (uri.contains("?") ? "&" : "?") + "purpose=" + URLEncoder.encode(purpose, StandardCharsets.UTF_8);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url(uri)).header("Accept", "*/*");
        if (route.body() != null) {
            request.header("Content-Type", "application/json").method(route.method(), HttpRequest.BodyPublishers.ofString(route.body()));
        } else {
            request.method(route.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<AuditRecord> reads(String user, String action, String purpose) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        return new AuditLog(connection, Clock.systemUTC(), TestIndices.auditAnchor()).recent(0, 1000, user, action, null).stream()
                .filter(r -> purpose == null || purpose.equals(r.purpose())).toList();
    }

    // ---------------------------------------------------------------- views

    @Test
    void everyViewSendsAnonymousCallersToSignInWithoutASessionAndEachRoleOpensOnlyItsViews() throws Exception {
        AccessAnnotationChecker checker = new AccessAnnotationChecker();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Class<?>> route : viewRoutes().entrySet()) {
            String path = "/" + route.getKey().replace(":___url_parameter", "p-jayden");
            HttpResponse<String> anonymous = get(path, null);
            headers(anonymous, problems);
            if (VIEWS.get(route.getKey()).contains("anonymous")) {
                if (anonymous.statusCode() != 200) {
                    problems.add("anonymous " + path + ": " + anonymous.statusCode());
                }
            } else {
                String location = anonymous.headers().firstValue("Location").orElse("");
                if (anonymous.statusCode() != 302 || !location.endsWith("/login") || location.contains("jsessionid")) {
                    problems.add("anonymous " + path + ": " + anonymous.statusCode() + " to " + location);
                }
                if (anonymous.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID"))) {
                    problems.add("anonymous " + path + " opened a session");
                }
            }
            for (String user : PASSWORDS.keySet()) {
                Principal principal = () -> user;
                boolean allowed = checker.hasAccess(route.getValue(), principal, role -> role.equals(ROLE_OF.get(user)));
                boolean expected = VIEWS.get(route.getKey()).contains(ROLE_OF.get(user)) || VIEWS.get(route.getKey()).contains("anonymous");
                if (allowed != expected) {
                    problems.add(user + " view " + route.getKey() + ": open " + allowed + ", policy says " + expected);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    // ---------------------------------------------------------------- HTTP hardening

    @Test
    void defect7_signInNeedsItsCsrfTokenAndSessionIdsNeverTravelInUrls() throws Exception {
        HttpResponse<String> page = get("/login", null);
        String cookie = sessionCookie(page);
        Matcher token = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("the sign-in page carries its CSRF token for the login form").isTrue();

        HttpResponse<String> forged = post("/login", "username=duty&password=duty-demo", cookie);
        assertThat(forged.statusCode()).as("POST /login without a token").isEqualTo(403);

        HttpResponse<String> signedIn = post("/login", "username=duty&password=duty-demo&_csrf="
                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8), cookie);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error").doesNotContain("jsessionid");
        String session = sessionCookie(signedIn);
        assertThat(session).as("a new session id after sign-in").isNotNull().isNotEqualTo(cookie);

        HttpResponse<String> search = get("/search", session);
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).doesNotContain("jsessionid");
        List<String> problems = new ArrayList<>();
        headers(search, problems);
        assertThat(problems).isEmpty();
        assertThat(reads("duty", AuditTrail.LOGIN, null)).as("a successful sign-in is audited").isNotEmpty();
    }

    @Test
    void defect7_everyKindOfResponseCarriesTheSecurityHeaders() throws Exception {
        List<String> problems = new ArrayList<>();
        headers(get("/login", null), problems);                                   // HTML page
        headers(get("/tessera.css", null), problems);                             // static resource
        HttpResponse<String> json = get("/api/watchlist?purpose=hostile", basic("duty"));
        assertThat(json.statusCode()).isEqualTo(200);
        headers(json, problems);                                                   // API JSON
        HttpResponse<String> missing = get("/api/no-such-route", basic("duty"));
        assertThat(missing.statusCode()).isEqualTo(404);
        headers(missing, problems);                                                // error page (API)
        HttpResponse<String> htmlError = http.send(HttpRequest.newBuilder(url("/api/no-such-route")).header("Accept", "text/html")
                .header("Authorization", basic("duty")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(htmlError.statusCode()).isEqualTo(404);
        headers(htmlError, problems);                                              // error page (HTML)
        headers(get("/api/watchlist", null), problems);                            // 401
        assertThat(problems).isEmpty();
    }

    @Test
    void defect8_anonymousFloodsOpenNoSessionsAndWriteABoundedNumberOfAuditRecords() throws Exception {
        int before = reads("anonymous", AuditTrail.ACCESS_DENIED, null).size();
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> answer = get("/api/persons/p-" + i + "/chronology?purpose=x", null);
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
            HttpResponse<String> view = get("/search", null);
            assertThat(view.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
        assertThat(reads("anonymous", AuditTrail.ACCESS_DENIED, null).size() - before).as("records for 60 anonymous refusals").isLessThanOrEqualTo(2);
    }

    @Test
    void defect8_engineErrorsAreBadRequestsNeverRefusals() throws Exception {
        int refusals = reads("duty", AuditTrail.ACCESS_DENIED, null).size();
        for (String query : List.of("page=-1", "page=500", "page=2147483647", "q=" + "word+".repeat(1400))) {
            String uri = "/api/search?purpose=hostile&" + (query.startsWith("q=") ? query : "q=smith&" + query);
            HttpResponse<String> answer = get(uri, basic("duty"));
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            assertThat(answer.body()).contains("error");
        }
        assertThat(reads("duty", AuditTrail.ACCESS_DENIED, null)).hasSize(refusals);
    }

    // ---------------------------------------------------------------- helpers

    private static void headers(HttpResponse<String> response, List<String> problems) {
        String where = response.request().method() + " " + response.uri().getPath() + " (" + response.statusCode() + ")";
        var headers = response.headers();
        if (!headers.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'")
                || !headers.firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'")) {
            problems.add(where + ": Content-Security-Policy " + headers.firstValue("Content-Security-Policy"));
        }
        if (!headers.firstValue("X-Content-Type-Options").orElse("").equals("nosniff")) {
            problems.add(where + ": X-Content-Type-Options " + headers.firstValue("X-Content-Type-Options"));
        }
        if (!headers.firstValue("X-Frame-Options").orElse("").equals("DENY")) {
            problems.add(where + ": X-Frame-Options " + headers.firstValue("X-Frame-Options"));
        }
        if (!headers.firstValue("Referrer-Policy").orElse("").equals("same-origin")) {
            problems.add(where + ": Referrer-Policy " + headers.firstValue("Referrer-Policy"));
        }
        if (headers.firstValue("Location").orElse("").contains("jsessionid")) {
            problems.add(where + ": session id in a URL");
        }
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORDS.get(user)).getBytes(StandardCharsets.UTF_8));
    }

    /** GET with a session cookie ({@code JSESSIONID=...}) or an Authorization header ({@code Basic ...}). */
    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", "text/html,application/json");
        if (credentials != null) {
            request.header(credentials.startsWith("Basic ") ? "Authorization" : "Cookie", credentials);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst().orElse(null);
    }
}

package org.tessera.portal.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.portal.alerts.AlertsTestSetup.incident;
import static org.tessera.portal.alerts.AlertsTestSetup.request;
import static org.tessera.portal.alerts.AlertsTestSetup.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.common.Json;

/**
 * Records arrive through the REST endpoint and the drop folder of a running portal; a child who
 * enters the watchlist is alerted to the duty manager who follows the section: on their API stream
 * (server-sent events) and by e-mail, received by a real SMTP server (GreenMail, in process) from
 * Spring Mail's client, holding a link and no personal detail. Replays are not applied twice; bad
 * payloads and wrong roles are refused with the reason; creation, delivery and mail are audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AlertsIT {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(AlertsTestSetup.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        AlertsTestSetup.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    OpenSearchConnection connection;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
    }

    private HttpResponse<String> subscribe(String json) {
        return send(http, request(port, "/api/alerts/subscription", "duty", "duty-demo").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> arrive(String source, String contentType, String body, String user, String password) {
        return send(http, request(port, "/api/arrivals/" + source + "?wait=true", user, password).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void anArrivalThatPutsAChildOnTheWatchlistIsStreamedAndMailedToTheSubscriberWithALinkOnly() throws Exception {
        assertThat(subscribe("{\"sections\":[\"single_concern\",\"cumulative\"],\"email\":\"duty@example.org\"}").statusCode()).isEqualTo(200);
        List<String> streamed = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(
                request(port, "/api/alerts/stream", "duty", "duty-demo").GET().build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> opened = stream.get(30, TimeUnit.SECONDS);
        assertThat(opened.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> opened.body().forEach(streamed::add));

        HttpResponse<String> applied = arrive("police_incidents", "text/csv", incident("INC-API-1", "Zebedee"), "analyst", "analyst-demo");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode answer = Json.parse(applied.body());
        assertThat(answer.path("status").asText()).isEqualTo("applied");
        assertThat(answer.path("alerts").asInt()).isPositive();
        String jobId = answer.path("job_id").asText();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (streamed.stream().noneMatch(l -> l.startsWith("data:") && l.contains(jobId)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(streamed).as("the duty manager's open stream").anySatisfy(line -> assertThat(line).startsWith("event:").contains("alert"));
        assertThat(streamed).anySatisfy(line -> assertThat(line).startsWith("data:").contains(jobId).contains("\"kind\":\"entered\"")
                .contains("\"band\":\"red\"").doesNotContain("Quillfeather"));
        reader.interrupt();

        assertThat(smtp.waitForIncomingEmail(30_000, 1)).as("alert mail received").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("duty@example.org");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("tessera-alerts@example.org");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body).contains("https://tessera.example.org/watchlist?alert=al-");
        assertThat(body + mail.getSubject()).doesNotContain("Quillfeather", "Zebedee", "Marguerite", "TC9", "Quillon", "2017", "red", "domestic");

        JsonNode listed = Json.parse(send(http, request(port, "/api/alerts", "duty", "duty-demo").GET().build()).body());
        assertThat(listed).anySatisfy(alert -> {
            assertThat(alert.path("arrival_job_id").asText()).isEqualTo(jobId);
            assertThat(alert.path("section").asText()).isEqualTo("single_concern");
        });
        String personId = listed.get(0).path("person_id").asText();
        assertThat(audited("alert_created", "tessera", personId)).isPositive();
        assertThat(audited("alert_delivered", "duty", personId)).isPositive();
        assertThat(audited("alert_mailed", "duty", personId)).isPositive();
        assertThat(audited("alert_view", "duty", null)).isPositive();
        assertThat(audited("arrival", "analyst", null)).isPositive();
        JsonNode job = Json.parse(connection.raw("GET", "/" + connection.alias("jobs") + "/_doc/" + jobId, null).body()).path("_source");
        assertThat(job.path("kind").asText()).isEqualTo("arrival");
        assertThat(job.path("status").asText()).isEqualTo("finished");

        // The same payload again: a replay, not applied twice.
        long events = connection.count("events");
        HttpResponse<String> replay = arrive("police_incidents", "text/csv", incident("INC-API-1", "Zebedee"), "analyst", "analyst-demo");
        assertThat(Json.parse(replay.body()).path("status").asText()).isEqualTo("replay");
        assertThat(Json.parse(replay.body()).path("first_job_id").asText()).isEqualTo(jobId);
        assertThat(connection.count("events")).isEqualTo(events);
    }

    @Test
    void aFileInTheDropFolderIsAppliedAndAlertedLikeAPostedOne() throws Exception {
        assertThat(subscribe("{\"sections\":[\"single_concern\"],\"districts\":[\"TC9\"]}").statusCode()).isEqualTo(200);
        Files.writeString(AlertsTestSetup.DROP.resolve("police_incidents_2026-11-28.csv.part"), incident("INC-DROP-1", "Ambrose"));
        Files.move(AlertsTestSetup.DROP.resolve("police_incidents_2026-11-28.csv.part"), AlertsTestSetup.DROP.resolve("police_incidents_2026-11-28.csv"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode listed = Json.object();
        while (System.nanoTime() < deadline) {
            listed = Json.parse(send(http, request(port, "/api/alerts?size=100", "duty", "duty-demo").GET().build()).body());
            boolean found = false;
            for (JsonNode alert : listed) {
                found |= Json.parse(connection.raw("GET", "/" + connection.alias("jobs") + "/_doc/" + alert.path("arrival_job_id").asText(), null)
                        .body()).path("_source").path("input").asText().contains("police_incidents_2026-11-28.csv (drop-folder)");
            }
            if (found) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(listed).as("an alert from the dropped file").isNotEmpty();
        try (Stream<java.nio.file.Path> applied = Files.list(AlertsTestSetup.DROP.resolve("applied"))) {
            assertThat(applied.map(p -> p.getFileName().toString())).anySatisfy(name -> assertThat(name).endsWith("police_incidents_2026-11-28.csv"));
        }
    }

    @Test
    void badPayloadsAndWrongRolesAreRefusedWithTheReason() {
        HttpResponse<String> unknown = arrive("no_such_source", "application/json", "{\"a\":1}", "analyst", "analyst-demo");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("no source named 'no_such_source'");

        HttpResponse<String> notJson = arrive("csc_assessments", "application/json", "{not json", "analyst", "analyst-demo");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not JSON");

        HttpResponse<String> wrongLayout = arrive("police_incidents", "text/csv", "ref,when\r\nX,28/11/2026\r\n", "analyst", "analyst-demo");
        assertThat(wrongLayout.statusCode()).isEqualTo(422);
        assertThat(Json.parse(wrongLayout.body()).path("error").asText()).contains("required column(s)").contains("incident_ref");

        HttpResponse<String> practitioner = arrive("police_incidents", "text/csv", incident("INC-X", "Basil"), "practitioner", "practitioner-demo");
        assertThat(practitioner.statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = send(http, HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/arrivals/police_incidents"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(incident("INC-Y", "Basil"))).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(subscribe("{\"sections\":[\"everything\"]}").statusCode()).isEqualTo(400);
    }

    private long audited(String action, String user, String personId) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_refresh", null);
        var query = Json.object();
        var filter = query.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("action", action);
        filter.addObject().putObject("term").put("user", user);
        if (personId != null) {
            filter.addObject().putObject("term").put("target_person_id", personId);
        }
        return Json.parse(connection.raw("POST", "/" + connection.alias("audit") + "/_count", query.toString()).body()).path("count").asLong();
    }
}

package org.tessera.portal.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.tessera.portal.TestIndices;

/**
 * What the alert tests share, so that their Spring contexts are one: indices of their own (an
 * arrival's ingest loads the shipped catalogue), a drop folder, the SMTP server's address
 * (GreenMail, in process) and the portal's address for mail links.
 */
public final class AlertsTestSetup {

    public static final int SMTP_PORT = Integer.getInteger("tessera.test.smtp-port", 3941);
    public static final Path DROP = folder("tessera-drop");
    private static final Path WORK = folder("tessera-arrivals-work");
    public static final Path QUARANTINE = folder("tessera-arrivals-quarantine");

    private AlertsTestSetup() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        TestIndices.register(registry, "alerts");
        registry.add("tessera.arrivals.watch-folder", DROP::toString);
        registry.add("tessera.arrivals.settle", () -> "300ms");
        registry.add("tessera.arrivals.poll-interval", () -> "200ms");
        registry.add("tessera.arrivals.work-folder", WORK::toString);
        registry.add("tessera.arrivals.quarantine-folder", QUARANTINE::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("tessera.alerts.portal-url", () -> "https://tessera.example.org");
        registry.add("tessera.alerts.mail-from", () -> "tessera-alerts@example.org");
    }

    /**
     * A high-risk domestic incident (DASH high) about a family the fixtures do not hold, the day
     * before the fixtures' as-of day: its child enters the watchlist in red.
     */
    public static String incident(String ref, String childGivenName) {
        return "incident_ref,occurred,incident_type,incident_type_desc,narrative,officer_notes,dash,outcome,loc_street,loc_town,loc_postcode,"
                + "involvement,forename,surname,aka,dob,sex,addr1,addr2,postcode,nhs_no,pnc_id,person_ref\r\n"
                + ref + ",28/11/2026 23:10,DOM,Domestic incident,\"Officers attended; the mother had been assaulted by her partner. "
                + "Her son " + childGivenName + " (9) was in the house.\",DASH completed,H,arrest,7 Quillon Row,Tessford,TC9 9ZZ,VICTIM,"
                + "Marguerite,Quillfeather,,02/02/1990,F,7 Quillon Row,Tessford,TC9 9ZZ,,,QX-" + ref + "-1\r\n"
                + ref + ",28/11/2026 23:10,DOM,Domestic incident,,,H,arrest,7 Quillon Row,Tessford,TC9 9ZZ,CHILD," + childGivenName
                + ",Quillfeather,,11/04/2017,M,7 Quillon Row,Tessford,TC9 9ZZ,,,QX-" + ref + "-2\r\n";
    }

    /** A request with HTTP basic credentials (an API client: no session, no CSRF token). */
    public static HttpRequest.Builder request(int port, String path, String user, String password) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path folder(String name) {
        try {
            Path dir = Files.createTempDirectory(name);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

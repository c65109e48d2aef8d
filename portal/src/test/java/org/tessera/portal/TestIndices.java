package org.tessera.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.tessera.indexer.opensearch.EmbeddedOpenSearch;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.portal.common.Json;

/**
 * The real test OpenSearch for the portal's integration tests: the indexer's shared test server
 * (started once, or reused when already up), and one index prefix per test JVM so that the
 * Spring contexts of all test classes share the same fresh indices, filled with the fixtures
 * under {@code src/test/resources/fixtures/}.
 */
public final class TestIndices {

    private static final String PREFIX = "it-portal-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private static OpenSearchProperties server;
    /** The audit key and checkpoint of this test JVM: every Spring context of the run seals the same chain. */
    private static final java.nio.file.Path AUDIT_DIR = auditDirectory();

    private static java.nio.file.Path auditDirectory() {
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tessera-audit");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The audit anchor the portal under test uses (its key, and the checkpoint of the shared prefix's
     * chain), for tests that read or verify the chain themselves.
     */
    public static org.tessera.indexer.audit.AuditAnchor auditAnchor() {
        return org.tessera.indexer.audit.AuditAnchor.forWriter(org.tessera.indexer.config.SettingsSource.of(
                Map.of("tessera.audit.key-file", AUDIT_DIR.resolve("audit.key").toString(),
                        "tessera.opensearch.index-prefix", PREFIX)));
    }

    private TestIndices() {
    }

    /** The day the fixtures describe: their newest event is five days before it. */
    public static final String FIXTURES_AS_OF = "2026-11-29";

    public static synchronized void register(DynamicPropertyRegistry registry) {
        if (server == null) {
            OpenSearchProperties properties = OpenSearchExtension.testServerProperties();
            EmbeddedOpenSearch startedHere = null;
            if (!properties.external()) {
                EmbeddedOpenSearch embedded = new EmbeddedOpenSearch(properties.embedded());
                boolean wasRunning = embedded.status().running();
                embedded.start();
                properties = properties.withUris(List.of(embedded.url()));
                startedHere = wasRunning ? null : embedded;
            }
            server = properties;
            OpenSearchProperties connectTo = properties.withIndexPrefix(PREFIX);
            EmbeddedOpenSearch stopAtExit = startedHere;
            // As the indexer's tests do: a server this JVM started stops with it (it kept running after
            // the build, a core's worth of background work on a two-core machine).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                deleteIndices(connectTo);
                if (stopAtExit != null && !Boolean.getBoolean("tessera.test.opensearch.keep")) {
                    stopAtExit.stop();
                }
            }, "delete-portal-test-indices"));
        }
        registry.add("tessera.opensearch.uris", () -> server.uris().getFirst().toString());
        // The fixtures' events run to 2026-11-24: risk and the watchlist are computed for the day after, whatever today is.
        registry.add("tessera.risk.as-of", () -> FIXTURES_AS_OF);
        registry.add("tessera.opensearch.index-prefix", () -> PREFIX);
        // Tests see what they wrote: a view waits for the ranking of it, and nothing ranks behind their back
        // (ADR 0022; WatchlistRankedAheadIT tests the background ranking with its own settings).
        registry.add("tessera.watchlist.fresh-wait", () -> "5m");
        registry.add("tessera.watchlist.refresh-every", () -> "0s");
        registry.add("tessera.audit.key-file", () -> AUDIT_DIR.resolve("audit.key").toString());
        // Tests run the nightly rescore themselves, never on the clock.
        registry.add("tessera.risk.rescore-cron", () -> "-");
    }

    /**
     * As {@link #register(DynamicPropertyRegistry)}, with indices of their own ({@code PREFIX-own-*}),
     * for tests whose work (an ingest loads the shipped indicator catalogue) must not reach the
     * indices the other test classes share. Deleted with the rest when the JVM ends.
     */
    public static synchronized void register(DynamicPropertyRegistry registry, String own) {
        register(registry);
        String prefix = PREFIX + "-" + own;
        registry.add("tessera.opensearch.index-prefix", () -> prefix);
    }

    /** The indices live only as long as the test JVM (wildcard deletes are refused, so by name). */
    private static void deleteIndices(OpenSearchProperties properties) {
        try (OpenSearchConnection connection = OpenSearchConnection.open(properties)) {
            var listed = connection.raw("GET", "/_cat/indices/" + PREFIX + "-*", null, Map.of("format", "json", "h", "index"));
            for (var index : Json.parse(listed.body())) {
                connection.raw("DELETE", "/" + index.path("index").asText(), null);
            }
        } catch (RuntimeException e) {
            System.err.println("could not delete test indices " + PREFIX + "-*: " + e.getMessage());
        }
    }

    /**
     * Puts the indices back to the fixtures: events and reviews a test added are removed, every
     * fixture document is indexed again (ids come from the documents), then a refresh.
     */
    public static synchronized void loadFixtures(OpenSearchConnection connection) {
        for (String index : List.of("events", "reviews", "decisions")) {
            connection.raw("POST", "/" + connection.alias(index) + "/_delete_by_query", "{\"query\":{\"match_all\":{}}}",
                    Map.of("refresh", "true", "conflicts", "proceed"));
        }
        bulk(connection, "persons", "person_id");
        bulk(connection, "events", "event_id");
        bulk(connection, "indicators", null);
        bulk(connection, "jobs", "job_id");
        connection.raw("POST", "/" + connection.alias("*") + "/_refresh", null);
    }

    /**
     * Adds the Smith household's records that a MASH referral review reads (previous contacts
     * ending NFA, MARAC, probation, adult mental health and alcohol, A&E, exclusion, arrears):
     * {@code fixtures/referral/events.jsonl}, over {@link #loadFixtures}.
     */
    public static synchronized void loadReferralFixtures(OpenSearchConnection connection) {
        bulk(connection, "events", "event_id", "fixtures/referral/events.jsonl");
        connection.raw("POST", "/" + connection.alias("events") + "/_refresh", null);
    }

    /** Indexes the documents of a test resource (one JSON a line) into {@code index}, ids from {@code idField}. */
    public static void index(OpenSearchConnection connection, String index, String idField, String resource) {
        bulk(connection, index, idField, resource);
    }

    private static void bulk(OpenSearchConnection connection, String index, String idField) {
        bulk(connection, index, idField, "fixtures/" + index + ".jsonl");
    }

    private static void bulk(OpenSearchConnection connection, String index, String idField, String resource) {
        StringBuilder body = new StringBuilder();
        for (String line : lines(resource)) {
            var doc = Json.parse(line);
            String id = idField == null ? doc.path("indicator").path("id").asText() : doc.path(idField).asText();
            body.append("{\"index\":{\"_index\":\"").append(connection.alias(index)).append("\",\"_id\":\"").append(id).append("\"}}\n");
            body.append(line).append('\n');
        }
        var response = connection.raw("POST", "/_bulk", body.toString(), Map.of("refresh", "true"));
        if (!response.ok() || response.body().contains("\"errors\":true")) {
            throw new IllegalStateException("fixture " + index + " was not indexed: " + response.body());
        }
    }

    private static List<String> lines(String resource) {
        try (InputStream in = TestIndices.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String prefix() {
        return PREFIX.toLowerCase(Locale.ROOT);
    }
}

package org.tessera.indexer.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;

/**
 * Gives integration tests a real OpenSearch: one server per test JVM, started by the project's
 * own launcher (or reused when one already answers on the test port, or an external one named by
 * {@code tessera.test.opensearch.uris}), and fresh indices per test class under a unique prefix,
 * deleted afterwards. Resolves {@link TestOpenSearch} and {@link OpenSearchConnection} parameters.
 *
 * <p>Settings: {@code tessera.test.opensearch.port} (default 9401), {@code .home},
 * {@code tessera.test.opensearch.keep=true} to leave a server this run started running.
 */
public final class OpenSearchExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenSearchExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedServer server = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
        String prefix = "it-" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "") + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        OpenSearchProperties properties = server.properties().withIndexPrefix(prefix);
        OpenSearchConnection connection = OpenSearchConnection.open(properties);
        IndexManager indices = new IndexManager(connection, IndexDefinitions.loadDefault());
        indices.ensureAll();
        context.getStore(NAMESPACE).put(TestOpenSearch.class, new TestOpenSearch(connection, indices, properties));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestOpenSearch test = context.getStore(NAMESPACE).remove(TestOpenSearch.class, TestOpenSearch.class);
        if (test != null) {
            try {
                test.indices().deleteAll();
            } finally {
                test.connection().close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestOpenSearch.class || type == OpenSearchConnection.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestOpenSearch test = context.getStore(NAMESPACE).get(TestOpenSearch.class, TestOpenSearch.class);
        if (test == null) {
            throw new IllegalStateException("OpenSearchExtension resolves parameters only after @BeforeAll set-up");
        }
        return parameter.getParameter().getType() == TestOpenSearch.class ? test : test.connection();
    }

    /** Settings for the shared test server, defaulting away from the development server's port and home. */
    public static OpenSearchProperties testServerProperties() {
        SettingsSource settings = SettingsSource.standard(null);
        int port = settings.getInt("tessera.test.opensearch.port", 9401);
        Path home = settings.get("tessera.test.opensearch.home").map(Path::of)
                .orElseGet(() -> OpenSearchSettings.defaultHome().resolveSibling("opensearch-test"));
        EmbeddedProperties embedded = new EmbeddedProperties(home, port, port + 100, "768m", null, "tessera", Duration.ofSeconds(180));
        List<URI> uris = settings.get("tessera.test.opensearch.uris")
                .map(value -> List.of(value.split(",")).stream().map(String::trim).map(URI::create).toList())
                .orElse(List.of());
        return new OpenSearchProperties(uris, null, null, null, null, "it", -1, embedded);
    }

    /** The server for the whole test JVM; stopped at the end only if this JVM started it. */
    record SharedServer(OpenSearchProperties properties, EmbeddedOpenSearch startedHere) implements AutoCloseable {

        static SharedServer start() {
            OpenSearchProperties properties = testServerProperties();
            if (properties.external()) {
                return new SharedServer(properties, null);
            }
            EmbeddedOpenSearch embedded = new EmbeddedOpenSearch(properties.embedded());
            boolean wasRunning = embedded.status().running();
            if (!wasRunning) {
                // A test server is disposable: start every build from empty data, so indices left
                // by an aborted run never accumulate.
                embedded.deleteData();
            }
            embedded.start();
            // Every later connection goes straight to the running server.
            OpenSearchProperties connected = properties.withUris(List.of(embedded.url()));
            return new SharedServer(connected, wasRunning ? null : embedded);
        }

        @Override
        public void close() {
            if (startedHere != null && !Boolean.getBoolean("tessera.test.opensearch.keep")) {
                log.info("Stopping the test OpenSearch this run started");
                startedHere.stop();
            }
        }
    }
}

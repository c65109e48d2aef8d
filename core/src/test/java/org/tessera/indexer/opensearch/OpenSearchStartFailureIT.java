package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot succeed says why at once: its transport port is taken by another program.
 * On a server home of its own (not the shared test server); the HTTP port is the test port + 50.
 */
class OpenSearchStartFailureIT {

    private static EmbeddedProperties properties;

    @BeforeAll
    static void ownHome() {
        EmbeddedProperties shared = OpenSearchExtension.testServerProperties().embedded();
        int http = shared.httpPort() + 50;
        properties = new EmbeddedProperties(shared.home().resolveSibling(shared.home().getFileName() + "-start-failure"),
                http, http + 100, "512m", null, "tessera", Duration.ofSeconds(180));
    }

    @AfterAll
    static void stop() {
        new EmbeddedOpenSearch(properties).stop();
    }

    @Test
    void aTakenTransportPortIsNamedWithItsSettingBeforeLaunching() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), properties.transportPort()));
            assertThatThrownBy(() -> new EmbeddedOpenSearch(properties).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transport port " + properties.transportPort())
                    .hasMessageContaining("tessera.opensearch.embedded.transport-port");
        }
    }

    @Test
    void aServerThatExitsDuringStartIsReportedWithItsOwnReasonNotAfterTheTimeout() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), properties.transportPort()));
            // Without the launcher's own check, OpenSearch starts, fails to bind and exits.
            EmbeddedOpenSearch launcher = new EmbeddedOpenSearch(properties, false);
            assertThatThrownBy(launcher::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited during start")
                    .hasMessageContaining(String.valueOf(properties.transportPort()))
                    .hasMessageContaining("tessera.opensearch.embedded.transport-port")
                    .hasMessageNotContaining("did not become healthy");
            assertThat(launcher.status().running()).isFalse();
        }
    }
}

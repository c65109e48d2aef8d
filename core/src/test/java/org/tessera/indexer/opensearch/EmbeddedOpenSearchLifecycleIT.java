package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The launcher's promises, on a server of its own (not the shared test server). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedOpenSearchLifecycleIT {

    private static EmbeddedOpenSearch launcher;

    @BeforeAll
    static void ownServer() {
        EmbeddedProperties shared = OpenSearchExtension.testServerProperties().embedded();
        launcher = new EmbeddedOpenSearch(new EmbeddedProperties(
                shared.home().resolveSibling("opensearch-lifecycle-test"), 9402, 9502, "512m", null, "tessera", Duration.ofSeconds(180)));
        launcher.stop();
    }

    @AfterAll
    static void stopIt() {
        launcher.stop();
    }

    @Test
    @Order(1)
    void startLeavesAServerWithThePercolatorModule() {
        EngineStatus status = launcher.start();

        assertThat(status.running()).isTrue();
        assertThat(status.hasPercolator()).isTrue();
        assertThat(status.version()).isEqualTo(EmbeddedProperties.OPENSEARCH_VERSION);
        assertThat(launcher.status().pid()).isEqualTo(status.pid());
    }

    @Test
    @Order(2)
    void secondStartReusesTheRunningServer() {
        long first = launcher.status().pid();

        EngineStatus again = launcher.start();

        assertThat(again.pid()).isEqualTo(first);
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(launcher.home().toString()))
                .filter(p -> p.info().commandLine().orElse("").contains("org.opensearch.bootstrap.OpenSearch"))
                .count()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void startAfterKillNineRecoversFromTheStalePidFile() throws Exception {
        ProcessHandle server = ProcessHandle.of(launcher.status().pid()).orElseThrow();
        server.destroyForcibly();
        server.onExit().get();
        assertThat(launcher.status().running()).isFalse();

        EngineStatus restarted = launcher.start();

        assertThat(restarted.running()).isTrue();
        assertThat(restarted.pid()).isNotEqualTo(server.pid());
    }

    @Test
    @Order(4)
    void stopLeavesNoProcess() throws Exception {
        ProcessHandle server = ProcessHandle.of(launcher.status().pid()).orElseThrow();

        assertThat(launcher.stop()).isTrue();

        assertThat(server.isAlive()).isFalse();
        assertThat(launcher.status().running()).isFalse();
    }
}

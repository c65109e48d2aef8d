package org.tessera.portal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.bench.PortalLoadBenchmark;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;

/**
 * {@code tessera bench portal} against the real portal over the fixtures: 20 users through the
 * HTTP API for a few seconds, every request answered. Its figures are development figures on six
 * fixture children, printed, never asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tessera.portal.server-timing=true")
@org.springframework.test.context.ActiveProfiles("demo")
class PortalBenchIT {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    OpenSearchConnection connection;

    @Test
    void twentyDutyManagersLoadWatchlistReviewAndProfileWithoutAnError() throws Exception {
        TestIndices.loadFixtures(connection);
        TestIndices.loadReferralFixtures(connection);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PortalLoadBenchmark.Result result = new PortalLoadBenchmark(URI.create("http://localhost:" + port), "duty", "duty-demo",
                new PrintStream(printed, true, StandardCharsets.UTF_8)).run(20, 8);
        System.out.println(printed.toString(StandardCharsets.UTF_8));

        assertThat(result.all().errors()).isZero();
        assertThat(result.byKind()).hasSize(3).allSatisfy(kind -> assertThat(kind.count()).isPositive());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("review page:", "profile:", "watchlist:", "p95", "engine per view:");
        // Every answer said what it asked of the engine (Server-Timing), and every page asked something.
        assertThat(result.engineByKind()).hasSize(3).allSatisfy(work -> {
            assertThat(work.views()).isPositive();
            assertThat(work.meanRequests()).isPositive();
        });

        // Each review page and profile a child not opened before, in turn over the whole list.
        ByteArrayOutputStream spread = new ByteArrayOutputStream();
        PortalLoadBenchmark.Result team = new PortalLoadBenchmark(URI.create("http://localhost:" + port), "duty", "duty-demo",
                new PrintStream(spread, true, StandardCharsets.UTF_8)).run(5, 3, PortalLoadBenchmark.Children.SPREAD);
        System.out.println(spread.toString(StandardCharsets.UTF_8));
        assertThat(team.all().errors()).isZero();
        assertThat(spread.toString(StandardCharsets.UTF_8)).contains("each review page and profile opens the next in turn", "children opened: ");
    }
}

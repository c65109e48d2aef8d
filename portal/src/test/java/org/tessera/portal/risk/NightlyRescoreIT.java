package org.tessera.portal.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.RescoreResult;
import org.tessera.portal.TestIndices;
import org.tessera.portal.common.Json;

/**
 * The nightly rescore brings every stored score up to the risk day (here: stale scores planted on
 * the fixture children) and leaves a finished {@code rescore} job for the jobs page.
 */
@SpringBootTest
class NightlyRescoreIT {

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry);
    }

    @Autowired
    NightlyRescore nightly;
    @Autowired
    OpenSearchConnection connection;

    @BeforeEach
    void fixtures() {
        TestIndices.loadFixtures(connection);
    }

    @Test
    void staleScoresAreRescoredAsOfTheRiskDayAndTheRunIsRecordedAsAJob() {
        String persons = connection.alias("persons");
        // Yesterday's world: every child carries an old score from a day long gone.
        connection.raw("POST", "/" + persons + "/_update_by_query",
                "{\"query\":{\"term\":{\"is_child\":true}},\"script\":{\"lang\":\"painless\",\"source\":"
                        + "\"ctx._source.risk = ['score': 42.0, 'band': 'red', 'as_of': '2000-01-01']\"}}",
                Map.of("refresh", "true", "conflicts", "proceed"));
        long stale = count(persons, "{\"query\":{\"term\":{\"risk.as_of\":\"2000-01-01\"}}}");
        long before = count(persons, "{\"query\":{\"match_all\":{}}}");
        assertThat(stale).as("children with a planted stale score").isGreaterThan(1);

        RescoreResult result = nightly.run();

        assertThat(result.failures()).isEmpty();
        assertThat(result.scored()).isGreaterThanOrEqualTo((int) stale);
        assertThat(count(persons, "{\"query\":{\"term\":{\"risk.as_of\":\"2000-01-01\"}}}")).isZero();
        assertThat(count(persons, "{\"query\":{\"term\":{\"risk.as_of\":\"" + TestIndices.FIXTURES_AS_OF + "\"}}}")).isGreaterThanOrEqualTo(stale);
        assertThat(count(persons, "{\"query\":{\"match_all\":{}}}")).as("no person created").isEqualTo(before);
        connection.raw("POST", "/" + connection.alias("jobs") + "/_refresh", null);
        assertThat(count(connection.alias("jobs"), "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"kind\":\"rescore\"}},"
                + "{\"term\":{\"status\":\"finished\"}}]}}}")).isGreaterThanOrEqualTo(1);
    }

    private long count(String index, String query) {
        return Json.parse(connection.raw("POST", "/" + index + "/_count", query).body()).path("count").asLong();
    }
}

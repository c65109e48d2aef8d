package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineExceptionTest {

    @Test
    void theReasonIsTheCauseOfTheEnginesErrorWhenItGivesOne() {
        String body = "{\"error\":{\"type\":\"search_phase_execution_exception\",\"reason\":\"all shards failed\","
                + "\"caused_by\":{\"type\":\"query_shard_exception\",\"reason\":\"failed to create query: x\"}},\"status\":400}";

        EngineException e = EngineException.of("POST", "/tessera-events/_search", 400, body);

        assertThat(e.reason()).isEqualTo("failed to create query: x");
        assertThat(e.getMessage()).isEqualTo("OpenSearch POST /tessera-events/_search answered 400: failed to create query: x");
    }

    @Test
    void withoutACauseTheErrorsOwnReasonThenTheAbbreviatedBody() {
        assertThat(EngineException.reasonOf("{\"error\":{\"type\":\"t\",\"reason\":\"no such index [x]\"}}")).isEqualTo("no such index [x]");
        assertThat(EngineException.reasonOf("{\"error\":\"Incorrect HTTP method\"}")).isEqualTo("Incorrect HTTP method");
        assertThat(EngineException.reasonOf("<html>bad gateway</html>")).isEqualTo("<html>bad gateway</html>");
        assertThat(EngineException.reasonOf("x".repeat(700))).hasSize(503).endsWith("...");
        assertThat(EngineException.reasonOf("")).isEqualTo("(no body)");
    }

    @Test
    void theStatusDecides() {
        assertThat(EngineException.of("GET", "/a/_doc/1", 404, "").notFound()).isTrue();
        assertThat(EngineException.of("PUT", "/a/_create/1", 409, "").conflict()).isTrue();
        assertThat(new EngineException("GET", "/", 0, "connection refused", null).getMessage())
                .isEqualTo("OpenSearch GET / failed: connection refused");
    }
}

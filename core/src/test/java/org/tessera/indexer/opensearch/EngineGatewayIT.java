package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway's verbs against the real engine: answers, the one error type, bulk refusals, scrolls. */
@ExtendWith(OpenSearchExtension.class)
class EngineGatewayIT {

    @Test
    void anErrorStatusIsAnEngineExceptionWithTheRequestTheStatusAndTheEnginesReason(TestOpenSearch os) {
        OpenSearchConnection engine = os.connection();
        ObjectNode body = EngineJson.object();
        body.putObject("query").putObject("no_such_query");

        assertThatThrownBy(() -> engine.search(os.alias("events"), body))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.badRequest()).isTrue();
                    assertThat(e.method()).isEqualTo("POST");
                    assertThat(e.endpoint()).isEqualTo("/" + os.alias("events") + "/_search");
                    assertThat(e.reason()).contains("no_such_query");
                    assertThat(e.getMessage()).startsWith("OpenSearch POST /" + os.alias("events") + "/_search answered 400: ");
                });
    }

    @Test
    void getIsEmptyForAMissingDocumentOrIndexAndCreateRefusesAnExistingId(TestOpenSearch os) {
        OpenSearchConnection engine = os.connection();
        String index = os.alias("jobs");
        ObjectNode doc = EngineJson.object().put("status", "running");

        assertThat(engine.get(index, "job/1 a")).isEmpty();
        assertThat(engine.get(os.alias("no-such-index"), "x")).isEmpty();
        assertThat(engine.create(index, "job/1 a", doc)).isTrue();
        assertThat(engine.create(index, "job/1 a", doc)).isFalse();
        assertThat(engine.get(index, "job/1 a")).hasValueSatisfying(source -> assertThat(source.path("status").asText()).isEqualTo("running"));

        engine.index(index, "job/1 a", EngineJson.object().put("status", "finished"), Map.of("refresh", "true"));
        ObjectNode byId = EngineJson.object();
        byId.putObject("ids").putArray("values").add("job/1 a");
        assertThat(engine.count(index, byId)).isEqualTo(1);
        assertThat(engine.get(index, "job/1 a").orElseThrow().path("status").asText()).isEqualTo("finished");
    }

    @Test
    void bulkReturnsTheItemsTheEngineRefusedAndWritesTheOthers(TestOpenSearch os) {
        OpenSearchConnection engine = os.connection();
        String index = os.alias("jobs");
        String ndjson = "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"ok\"}}\n{\"status\":\"running\"}\n"
                + "{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"bad\"}}\n{\"no_such_field\":1}\n";

        OpenSearchConnection.BulkAnswer answer = engine.bulk(ndjson, Map.of("refresh", "wait_for"));

        assertThat(answer.items()).isEqualTo(2);
        assertThat(answer.written()).isEqualTo(1);
        assertThat(answer.failures()).singleElement().asString().startsWith("bad: strict_dynamic_mapping_exception");
        assertThat(engine.get(index, "ok")).isPresent();
    }

    @Test
    void scrollVisitsEveryMatchingDocumentAcrossPages(TestOpenSearch os) {
        OpenSearchConnection engine = os.connection();
        String index = os.alias("jobs");
        ObjectNode jobs = writeJobs(engine, index, "j", 25, i -> i % 5 == 0 ? "failed" : "finished");
        ObjectNode query = EngineJson.object();
        var filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("status", "finished");
        filter.add(jobs);

        List<String> seen = new ArrayList<>();
        engine.scroll(index, query, 3, List.of("status"), (id, source) -> {
            assertThat(source.path("status").asText()).isEqualTo("finished");
            seen.add(id);
        });

        assertThat(seen).hasSize(20).doesNotHaveDuplicates().allMatch(id -> id.startsWith("j"));
        assertThat(engine.count(index, query)).isEqualTo(20);
        ObjectNode countOnly = EngineJson.object().put("size", 0);
        countOnly.set("query", query);
        JsonNode answer = engine.search(index, countOnly);
        assertThat(answer.path("hits").path("total").path("value").asInt()).isEqualTo(20);
    }

    /**
     * The one way to page: every match whatever the page size; matches that fit one page in one plain
     * search (no scroll context: session 19, an arrival's reads are mostly such), and more than a page
     * by that search, then a scroll with no request for an empty page once the total (a scroll's is
     * always exact: the engine refuses {@code track_total_hits: false} in a scroll) says the last page
     * has come: the search, open, the pages after the first, clear. No scroll context stays open.
     */
    @Test
    void scrollEndsWithThePageThatCompletesTheTotalAndLeavesNoContextOpen(TestOpenSearch os) {
        OpenSearchConnection engine = os.connection();
        String index = os.alias("jobs");
        ObjectNode query = writeJobs(engine, index, "page", 12, i -> "finished");
        ObjectNode none = EngineJson.object();
        none.putObject("ids").putArray("values").add("no-such-job");

        // {page size, matches, requests}: fewer than a page, exactly a page, pages and a part, whole pages, no match
        // (until session 19 a scroll from its first page: 2, 2, 4, 4, 13, 2)
        int[][] cases = {{20, 12, 1}, {12, 12, 1}, {5, 12, 5}, {4, 12, 5}, {1, 12, 14}, {5, 0, 1}};
        for (int[] c : cases) {
            ObjectNode body = EngineJson.object().put("size", c[0]);
            body.putArray("sort").add("_doc");
            body.set("query", c[1] == 0 ? none : query);
            List<String> seen = new ArrayList<>();
            EngineMeter.Mark mark = engine.meter().mark();

            engine.scroll(index, body, hit -> seen.add(hit.path("_id").asText()));

            long requests = mark.since().requests();
            assertThat(seen).as("page %d", c[0]).hasSize(c[1]).doesNotHaveDuplicates();
            assertThat(requests).as("requests at page %d, %d matches", c[0], c[1]).isEqualTo(c[2]);
        }
        JsonNode stats = engine.call("GET", "/_nodes/stats/indices/search", (JsonNode) null);
        stats.path("nodes").forEach(node ->
                assertThat(node.path("indices").path("search").path("scroll_current").asLong()).isZero());
    }

    /**
     * Writes {@code count} jobs with ids {@code prefix0...} and the given statuses, searchable on
     * return, and answers the {@code ids} query that matches exactly them (the other tests of this
     * class write to the same index).
     */
    private static ObjectNode writeJobs(OpenSearchConnection engine, String index, String prefix, int count, IntFunction<String> status) {
        StringBuilder ndjson = new StringBuilder();
        ObjectNode query = EngineJson.object();
        var ids = query.putObject("ids").putArray("values");
        for (int i = 0; i < count; i++) {
            ndjson.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(prefix).append(i).append("\"}}\n")
                    .append("{\"status\":\"").append(status.apply(i)).append("\"}\n");
            ids.add(prefix + i);
        }
        assertThat(engine.bulk(ndjson.toString(), Map.of("refresh", "wait_for")).failures()).isEmpty();
        return query;
    }
}

package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The few engine requests the scoring reads are made of: query pieces over the {@code events}
 * mapping, a scroll over matching documents, and composite aggregations for id sets of any size.
 * Thread-safe (stateless over a thread-safe connection).
 */
public final class EventQueries {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final OpenSearchConnection connection;

    public EventQueries(OpenSearchConnection connection) {
        this.connection = connection;
    }

    public OpenSearchConnection connection() {
        return connection;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectNode term(String field, Object value) {
        ObjectNode q = object();
        q.putObject("term").set(field, JSON.valueToTree(value));
        return q;
    }

    static ObjectNode terms(String field, Collection<String> values) {
        ObjectNode q = object();
        ArrayNode array = q.putObject("terms").putArray(field);
        values.forEach(array::add);
        return q;
    }

    static ObjectNode nested(String path, JsonNode query) {
        ObjectNode q = object();
        q.putObject("nested").put("path", path).set("query", query);
        return q;
    }

    static ObjectNode bool(String occurrence, JsonNode... clauses) {
        ObjectNode q = object();
        ObjectNode bool = q.putObject("bool");
        ArrayNode array = bool.putArray(occurrence);
        for (JsonNode clause : clauses) {
            array.add(clause);
        }
        if (occurrence.equals("should")) {
            bool.put("minimum_should_match", 1);
        }
        return q;
    }

    /** {@code event_date} within [from, to], both whole days, from open when null. */
    static ObjectNode dateRange(LocalDate from, LocalDate to) {
        ObjectNode q = object();
        ObjectNode range = q.putObject("range").putObject("event_date");
        if (from != null) {
            range.put("gte", from.toString());
        }
        // lt the next day: an event_date with a time of day on the as-of day is still included.
        range.put("lt", to.plusDays(1).toString());
        range.put("format", "strict_date_optional_time||yyyy-MM-dd");
        return q;
    }

    static ObjectNode hasHits() {
        ObjectNode exists = object();
        exists.putObject("exists").put("field", "hits.indicator_id");
        return nested("hits", exists);
    }

    /**
     * Sends NDJSON bulk actions; returns the reason of every item the engine refused (the others
     * are written), each prefixed with its document id.
     */
    public java.util.List<String> bulk(String ndjson, boolean refresh) {
        JsonNode answer = call("POST", "/_bulk", ndjson, refresh ? Map.of("refresh", "wait_for") : Map.of());
        java.util.List<String> failures = new java.util.ArrayList<>();
        if (answer.path("errors").asBoolean(false)) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                if (result.has("error")) {
                    failures.add(result.path("_id").asText() + ": " + result.path("error").path("type").asText()
                            + " " + result.path("error").path("reason").asText());
                }
            }
        }
        return failures;
    }

    /** Scrolls over every document of {@code alias} matching {@code query}, handing (id, source) to {@code each}. */
    public void scroll(String alias, JsonNode query, Collection<String> sourceFields, BiConsumer<String, JsonNode> each) {
        ObjectNode body = object();
        body.put("size", PAGE);
        body.set("query", query);
        ArrayNode source = body.putArray("_source");
        sourceFields.forEach(source::add);
        body.putArray("sort").add("_doc");
        JsonNode page = call("POST", "/" + alias + "/_search", body, Map.of("scroll", "2m"));
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (true) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return;
                }
                for (JsonNode hit : hits) {
                    each.accept(hit.path("_id").asText(), hit.path("_source"));
                }
                ObjectNode next = object();
                next.put("scroll", "2m");
                next.put("scroll_id", scrollId);
                page = call("POST", "/_search/scroll", next, Map.of());
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                ObjectNode clear = object();
                clear.putArray("scroll_id").add(scrollId);
                connection.raw("DELETE", "/_search/scroll", clear.toString());
            }
        }
    }

    /**
     * Distinct values of a nested field over the nested objects matching {@code nestedFilter},
     * on documents matching {@code query}; paged with a composite aggregation so any number works.
     */
    public Set<String> nestedValues(String alias, JsonNode query, String path, JsonNode nestedFilter, String field) {
        Set<String> values = new LinkedHashSet<>();
        JsonNode after = null;
        while (true) {
            ObjectNode composite = object();
            ObjectNode spec = composite.putObject("composite");
            spec.put("size", PAGE);
            spec.putArray("sources").addObject().putObject("v").putObject("terms").put("field", field);
            if (after != null) {
                spec.set("after", after);
            }
            ObjectNode body = object();
            body.put("size", 0);
            body.set("query", query);
            ObjectNode nestedAgg = body.putObject("aggs").putObject("n");
            nestedAgg.putObject("nested").put("path", path);
            ObjectNode filterAgg = nestedAgg.putObject("aggs").putObject("f");
            filterAgg.set("filter", nestedFilter);
            filterAgg.putObject("aggs").set("v", composite);
            JsonNode result = call("POST", "/" + alias + "/_search", body, Map.of()).path("aggregations").path("n").path("f").path("v");
            for (JsonNode bucket : result.path("buckets")) {
                values.add(bucket.path("key").path("v").asText());
            }
            after = result.get("after_key");
            if (after == null || result.path("buckets").isEmpty()) {
                return values;
            }
        }
    }

    JsonNode call(String method, String endpoint, JsonNode body, Map<String, String> query) {
        return call(method, endpoint, body == null ? null : body.toString(), query);
    }

    /** Sends a request and parses the answer; an HTTP error status is an exception with the engine's message. */
    public JsonNode call(String method, String endpoint, String body, Map<String, String> query) {
        OpenSearchConnection.RawResponse response = connection.raw(method, endpoint, body, query);
        if (!response.ok()) {
            throw new IllegalStateException("OpenSearch " + method + " " + endpoint + " answered " + response.status() + ": "
                    + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable answer from OpenSearch " + endpoint, e);
        }
    }

    static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}

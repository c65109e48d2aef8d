package org.tessera.portal.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The portal's few ways to talk JSON to OpenSearch through {@link OpenSearchConnection#raw}:
 * query bodies are built as trees (never by string concatenation of user input) and answers
 * read as trees. Stateless and thread-safe.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("OpenSearch answered with invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** POSTs {@code body} to {@code endpoint} and returns the answer; engine errors become exceptions naming the call. */
    public static JsonNode call(OpenSearchConnection connection, String method, String endpoint, JsonNode body) {
        return call(connection, method, endpoint, body, java.util.Map.of());
    }

    public static JsonNode call(OpenSearchConnection connection, String method, String endpoint, JsonNode body,
                                java.util.Map<String, String> query) {
        var response = connection.raw(method, endpoint, body == null ? null : body.toString(), query);
        if (!response.ok()) {
            throw new SearchUnavailableException(method + " " + endpoint + " failed with HTTP " + response.status(), response.status());
        }
        return parse(response.body());
    }

    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    public static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            values.add(node.asText());
        }
        return values;
    }

    public static Double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }
}

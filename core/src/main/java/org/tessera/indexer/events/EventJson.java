package org.tessera.indexer.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Event} and its parts write and read single values of an {@code events} document:
 * absent stays absent (nothing is written for null, a missing or JSON-null field reads as null or
 * empty), and values of another JSON type are read leniently. Stateless, thread-safe.
 */
final class EventJson {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventJson() {
    }

    /** A copy of a list, null as empty. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A single value as a list of one, null as empty. */
    static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /**
     * Writes a number or a truth value (Integer, Double, Boolean), nothing for null, as
     * {@link ObjectNode#put} would; any other type is a programming error.
     */
    static void putValue(ObjectNode node, String field, Object value) {
        switch (value) {
            case null -> { }
            case Integer i -> node.put(field, i);
            case Double d -> node.put(field, d);
            case Boolean b -> node.put(field, b);
            default -> throw new IllegalArgumentException(field + ": not a number or a truth value: " + value.getClass());
        }
    }

    static void strings(ArrayNode array, List<String> values) {
        for (String value : values) {
            array.add(value);
        }
    }

    /** The text of a field; null when missing or JSON null (a blank string stays as stored). */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !(value.isNumber() || value.isTextual()) ? null : value.asDouble();
    }

    static Integer whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !(value.isNumber() || value.isTextual()) ? null : value.asInt();
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asBoolean();
    }

    /** An array's strings, a single value as a list of one, nothing as empty. */
    static List<String> strings(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            return List.of(value.asText());
        }
        List<String> out = new ArrayList<>(value.size());
        value.forEach(v -> out.add(v.asText()));
        return out;
    }
}

package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Objects;

/**
 * One coded field of the record ({@code codes.*}): a keyword, a whole number, a decimal or a
 * list of keywords. The mapping declares which codes are numeric; a value that would not
 * parse is kept as text under {@code NAME_text}.
 */
public sealed interface EventCode {

    /** The value(s) as strings, numbers as JSON prints them. */
    List<String> strings();

    JsonNode toJson();

    record Text(String value) implements EventCode {
        public Text {
            Objects.requireNonNull(value, "value");
        }

        public List<String> strings() {
            return List.of(value);
        }

        public JsonNode toJson() {
            return NODES.textNode(value);
        }
    }

    record Whole(long value) implements EventCode {
        public List<String> strings() {
            return List.of(Long.toString(value));
        }

        public JsonNode toJson() {
            return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
        }
    }

    record Decimal(double value) implements EventCode {
        public List<String> strings() {
            return List.of(Double.toString(value));
        }

        public JsonNode toJson() {
            return NODES.numberNode(value);
        }
    }

    record Texts(List<String> values) implements EventCode {
        public Texts {
            values = List.copyOf(values);
        }

        public List<String> strings() {
            return values;
        }

        public JsonNode toJson() {
            ArrayNode array = NODES.arrayNode();
            EventJson.strings(array, values);
            return array;
        }
    }

    /** The value as a number when it is one (a whole number or a decimal), else null. */
    default Double number() {
        return switch (this) {
            case Whole w -> (double) w.value();
            case Decimal d -> d.value();
            default -> null;
        };
    }

    /** The values as text, a list's joined by commas, for display. */
    default String display() {
        List<String> values = strings();
        return values.isEmpty() ? null : String.join(", ", values);
    }

    static EventCode fromJson(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isArray()) {
            return new Texts(EventJson.strings(value));
        }
        if (value.isIntegralNumber()) {
            return new Whole(value.asLong());
        }
        if (value.isNumber()) {
            return new Decimal(value.asDouble());
        }
        return new Text(value.asText());
    }
}

package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates, in this JVM, an indicator query that reads no note text against one event document:
 * {@code bool} (must, filter, should with {@code minimum_should_match}, must_not), {@code term},
 * {@code terms}, {@code range}, {@code exists}, {@code match_all} and {@code constant_score}, over
 * keyword fields (plain or with the {@code folded} normalizer) and numeric fields, as the engine
 * reads them: any value of an array may match, a float field compares in float precision, an
 * integer field drops a value's fraction.
 *
 * <p>A prediction, never the last word: a first load writes the predicted hits with the events and
 * then checks every prediction against the engine's own answer to the same query
 * ({@link IndicatorBackfill#attachAll}), rewriting any event it got wrong. Queries outside this
 * subset are not predicted ({@link #supports}). Thread-safe.
 */
final class StructuredQueryEvaluator {

    private static final Set<String> INTEGERS = Set.of("integer", "long", "short", "byte");
    private static final Set<String> DECIMALS = Set.of("float", "half_float", "double");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final EventFields fields;

    StructuredQueryEvaluator(EventFields fields) {
        this.fields = fields;
    }

    /** Whether {@link #matches} can answer for this query: the subset above, every field mapped with a type it knows. */
    boolean supports(JsonNode query) {
        if (query == null || !query.isObject() || query.size() != 1) {
            return false;
        }
        Map.Entry<String, JsonNode> only = query.properties().iterator().next();
        JsonNode body = only.getValue();
        return switch (only.getKey()) {
            case "bool" -> supportsBool(body);
            case "constant_score" -> supports(body.get("filter"));
            case "match_all" -> true;
            case "exists" -> fields.contains(body.path("field").asText());
            case "term" -> singleField(body) && known(fieldOf(body)) && isScalar(termValue(body));
            case "terms" -> singleField(body) && known(fieldOf(body)) && body.get(fieldOf(body)).isArray();
            case "range" -> singleField(body) && numeric(fieldOf(body)) && rangeBounds(body.get(fieldOf(body)));
            default -> false;
        };
    }

    private boolean supportsBool(JsonNode body) {
        for (Map.Entry<String, JsonNode> clause : body.properties()) {
            switch (clause.getKey()) {
                case "must", "filter", "should", "must_not" -> {
                    for (JsonNode query : clauses(clause.getValue())) {
                        if (!supports(query)) {
                            return false;
                        }
                    }
                }
                case "minimum_should_match" -> {
                    if (!clause.getValue().canConvertToInt() && !clause.getValue().asText().matches("\\d+")) {
                        return false;   // percentages and combinations: left to the engine
                    }
                }
                case "boost", "_name" -> { }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the event matches the query; only for queries it {@link #supports}. */
    boolean matches(JsonNode query, JsonNode event) {
        Map.Entry<String, JsonNode> only = query.properties().iterator().next();
        JsonNode body = only.getValue();
        return switch (only.getKey()) {
            case "bool" -> matchesBool(body, event);
            case "constant_score" -> matches(body.get("filter"), event);
            case "match_all" -> true;
            case "exists" -> !values(event, body.path("field").asText()).isEmpty();
            case "term" -> anyEqual(fieldOf(body), event, List.of(termValue(body)));
            case "terms" -> {
                List<JsonNode> wanted = new ArrayList<>();
                body.get(fieldOf(body)).forEach(wanted::add);
                yield anyEqual(fieldOf(body), event, wanted);
            }
            case "range" -> inRange(fieldOf(body), body.get(fieldOf(body)), event);
            default -> throw new IllegalArgumentException("unsupported query type " + only.getKey());
        };
    }

    private boolean matchesBool(JsonNode body, JsonNode event) {
        for (JsonNode query : clauses(body.get("must"))) {
            if (!matches(query, event)) {
                return false;
            }
        }
        for (JsonNode query : clauses(body.get("filter"))) {
            if (!matches(query, event)) {
                return false;
            }
        }
        for (JsonNode query : clauses(body.get("must_not"))) {
            if (matches(query, event)) {
                return false;
            }
        }
        List<JsonNode> should = clauses(body.get("should"));
        if (should.isEmpty()) {
            return true;
        }
        // The engine's default: with no must or filter clause one should clause must match, else none need.
        int required = body.has("minimum_should_match") ? Integer.parseInt(body.get("minimum_should_match").asText())
                : clauses(body.get("must")).isEmpty() && clauses(body.get("filter")).isEmpty() ? 1 : 0;
        int matched = 0;
        for (JsonNode query : should) {
            if (matches(query, event) && ++matched >= required) {
                return true;
            }
        }
        return matched >= required;
    }

    private boolean anyEqual(String field, JsonNode event, List<JsonNode> wanted) {
        List<JsonNode> values = values(event, field);
        if (values.isEmpty()) {
            return false;
        }
        if (numeric(field)) {
            for (JsonNode value : values) {
                Double have = number(field, value);
                for (JsonNode want : wanted) {
                    Double expected = number(field, want);
                    if (have != null && have.equals(expected)) {
                        return true;
                    }
                }
            }
            return false;
        }
        boolean folded = "folded".equals(fields.normalizer(field));
        for (JsonNode value : values) {
            String have = folded ? fold(value.asText()) : value.asText();
            for (JsonNode want : wanted) {
                if (have.equals(folded ? fold(want.asText()) : want.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean inRange(String field, JsonNode bounds, JsonNode event) {
        for (JsonNode value : values(event, field)) {
            Double have = number(field, value);
            if (have != null && within(field, have, bounds)) {
                return true;
            }
        }
        return false;
    }

    private boolean within(String field, double value, JsonNode bounds) {
        boolean single = "float".equals(fields.type(field)) || "half_float".equals(fields.type(field));
        for (Map.Entry<String, JsonNode> bound : bounds.properties()) {
            double limit = single ? (float) bound.getValue().asDouble() : bound.getValue().asDouble();
            boolean ok = switch (bound.getKey()) {
                case "gt" -> value > limit;
                case "gte" -> value >= limit;
                case "lt" -> value < limit;
                case "lte" -> value <= limit;
                default -> true;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A field's value as the engine indexes it: a float field in float precision, an integer field without its fraction. */
    private Double number(String field, JsonNode value) {
        double parsed;
        if (value.isNumber()) {
            parsed = value.asDouble();
        } else if (isNumber(value.asText())) {
            parsed = Double.parseDouble(value.asText().strip());
        } else {
            return null;
        }
        String type = fields.type(field);
        if (INTEGERS.contains(type)) {
            return (double) (long) parsed;
        }
        return "float".equals(type) || "half_float".equals(type) ? (double) (float) parsed : parsed;
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return !text.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean rangeBounds(JsonNode bounds) {
        if (bounds == null || !bounds.isObject() || bounds.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> bound : bounds.properties()) {
            if (!Set.of("gt", "gte", "lt", "lte").contains(bound.getKey())
                    || !(bound.getValue().isNumber() || isNumber(bound.getValue().asText()))) {
                return false;
            }
        }
        return true;
    }

    /** The non-null values at a dotted path (objects, or the same path stored as a dotted key). */
    private static List<JsonNode> values(JsonNode event, String field) {
        JsonNode node = HitFactory.at(event, field);
        List<JsonNode> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> {
                if (isScalar(value)) {
                    values.add(value);
                }
            });
        } else if (isScalar(node)) {
            values.add(node);
        }
        return values;
    }

    private boolean known(String field) {
        String type = fields.type(field);
        if ("keyword".equals(type)) {
            String normalizer = fields.normalizer(field);
            return normalizer == null || normalizer.equals("folded");
        }
        return numeric(field);
    }

    private boolean numeric(String field) {
        String type = fields.type(field);
        return type != null && (INTEGERS.contains(type) || DECIMALS.contains(type));
    }

    /** A term query's value: {@code {"field": v}} or {@code {"field": {"value": v}}}. */
    private static JsonNode termValue(JsonNode body) {
        JsonNode value = body.get(fieldOf(body));
        return value.isObject() ? value.get("value") : value;
    }

    private static boolean isScalar(JsonNode value) {
        return value != null && !value.isMissingNode() && !value.isNull() && !value.isContainerNode();
    }

    private static boolean singleField(JsonNode body) {
        return body != null && body.isObject() && body.size() == 1;
    }

    private static String fieldOf(JsonNode body) {
        return body.properties().iterator().next().getKey();
    }

    private static List<JsonNode> clauses(JsonNode clause) {
        List<JsonNode> list = new ArrayList<>();
        if (clause == null || clause.isNull()) {
            return list;
        }
        if (clause.isArray()) {
            clause.forEach(list::add);
        } else {
            list.add(clause);
        }
        return list;
    }

    /** The {@code folded} normalizer (lowercase, accents off), as near as this JVM gets to the engine's ASCII folding. */
    static String fold(String value) {
        return MARKS.matcher(Normalizer.normalize(value.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)).replaceAll("");
    }
}

package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Evaluates, in this JVM, an indicator query that reads no note text against one event document:
 * {@code bool} (must, filter, should with {@code minimum_should_match}, must_not), {@code term},
 * {@code terms}, {@code range}, {@code exists}, {@code match_all} and {@code constant_score}, over
 * keyword fields (plain or with the {@code folded} normalizer) and numeric fields, as the engine
 * reads them: any value of an array may match, a float field compares in float precision, an
 * integer field drops a value's fraction. A query is compiled once into a predicate (paths split,
 * wanted values normalised, bounds parsed): a first load asks every event.
 *
 * <p>A prediction, never the last word: a first load writes the predicted hits with the events and
 * then checks every prediction against the engine's own answer to the same query
 * ({@link IndicatorBackfill#attachAll}), rewriting any event it got wrong. Queries outside this
 * subset are not predicted ({@link #compile} gives null). Thread-safe.
 */
final class StructuredQueryEvaluator {

    private static final Set<String> INTEGERS = Set.of("integer", "long", "short", "byte");
    private static final Set<String> DECIMALS = Set.of("float", "half_float", "double");
    private static final Set<String> BOUNDS = Set.of("gt", "gte", "lt", "lte");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final EventFields fields;

    StructuredQueryEvaluator(EventFields fields) {
        this.fields = fields;
    }

    /**
     * The query as a predicate over event documents, or null when it is outside the subset (a
     * query type, option or field mapping it does not know).
     */
    Predicate<JsonNode> compile(JsonNode query) {
        if (query == null || !query.isObject() || query.size() != 1) {
            return null;
        }
        Map.Entry<String, JsonNode> only = query.properties().iterator().next();
        JsonNode body = only.getValue();
        return switch (only.getKey()) {
            case "bool" -> bool(body);
            case "constant_score" -> compile(body.get("filter"));
            case "match_all" -> event -> true;
            case "exists" -> fields.contains(body.path("field").asText()) ? exists(new Path(body.path("field").asText())) : null;
            case "term" -> singleField(body) && isScalar(termValue(body)) ? equalTo(fieldOf(body), List.of(termValue(body))) : null;
            case "terms" -> singleField(body) && body.get(fieldOf(body)).isArray() ? equalTo(fieldOf(body), elements(body.get(fieldOf(body)))) : null;
            case "range" -> singleField(body) ? range(fieldOf(body), body.get(fieldOf(body))) : null;
            default -> null;
        };
    }

    private Predicate<JsonNode> bool(JsonNode body) {
        List<Predicate<JsonNode>> required = new ArrayList<>();
        List<Predicate<JsonNode>> excluded = new ArrayList<>();
        List<Predicate<JsonNode>> optional = new ArrayList<>();
        Integer minimum = null;
        for (Map.Entry<String, JsonNode> clause : body.properties()) {
            List<Predicate<JsonNode>> into = switch (clause.getKey()) {
                case "must", "filter" -> required;
                case "must_not" -> excluded;
                case "should" -> optional;
                default -> null;
            };
            if (into != null) {
                for (JsonNode query : elements(clause.getValue())) {
                    Predicate<JsonNode> compiled = compile(query);
                    if (compiled == null) {
                        return null;
                    }
                    into.add(compiled);
                }
            } else if (clause.getKey().equals("minimum_should_match")) {
                if (!clause.getValue().asText().matches("\\d+")) {
                    return null;   // percentages and combinations: left to the engine
                }
                minimum = Integer.parseInt(clause.getValue().asText());
            } else if (!clause.getKey().equals("boost") && !clause.getKey().equals("_name")) {
                return null;
            }
        }
        // The engine's default: with no must or filter clause one should clause must match, else none need.
        int needed = optional.isEmpty() ? 0 : minimum != null ? minimum : required.isEmpty() ? 1 : 0;
        return event -> {
            for (Predicate<JsonNode> query : required) {
                if (!query.test(event)) {
                    return false;
                }
            }
            for (Predicate<JsonNode> query : excluded) {
                if (query.test(event)) {
                    return false;
                }
            }
            int matched = 0;
            for (int i = 0; i < optional.size() && matched < needed; i++) {
                if (optional.get(i).test(event)) {
                    matched++;
                }
            }
            return matched >= needed;
        };
    }

    private Predicate<JsonNode> exists(Path path) {
        return event -> !path.values(event).isEmpty();
    }

    private Predicate<JsonNode> equalTo(String field, List<JsonNode> wanted) {
        Path path = new Path(field);
        String type = fields.type(field);
        if (numeric(type)) {
            Set<Double> numbers = new HashSet<>();
            for (JsonNode want : wanted) {
                Double number = number(type, want);
                if (number != null) {
                    numbers.add(number);
                }
            }
            return event -> path.values(event).stream().map(value -> number(type, value)).anyMatch(numbers::contains);
        }
        String normalizer = fields.normalizer(field);
        if (!"keyword".equals(type) || (normalizer != null && !normalizer.equals("folded"))) {
            return null;
        }
        boolean folded = normalizer != null;
        Set<String> values = new HashSet<>();
        wanted.forEach(want -> values.add(folded ? fold(want.asText()) : want.asText()));
        return event -> {
            for (JsonNode value : path.values(event)) {
                if (values.contains(folded ? fold(value.asText()) : value.asText())) {
                    return true;
                }
            }
            return false;
        };
    }

    private Predicate<JsonNode> range(String field, JsonNode bounds) {
        String type = fields.type(field);
        if (!numeric(type) || bounds == null || !bounds.isObject() || bounds.isEmpty()) {
            return null;
        }
        boolean single = "float".equals(type) || "half_float".equals(type);
        double lower = Double.NEGATIVE_INFINITY;
        double upper = Double.POSITIVE_INFINITY;
        boolean lowerIncluded = true;
        boolean upperIncluded = true;
        for (Map.Entry<String, JsonNode> bound : bounds.properties()) {
            if (!BOUNDS.contains(bound.getKey()) || !(bound.getValue().isNumber() || isNumber(bound.getValue().asText()))) {
                return null;
            }
            double limit = single ? (float) bound.getValue().asDouble() : bound.getValue().asDouble();
            switch (bound.getKey()) {
                case "gt", "gte" -> {
                    lower = limit;
                    lowerIncluded = bound.getKey().equals("gte");
                }
                default -> {
                    upper = limit;
                    upperIncluded = bound.getKey().equals("lte");
                }
            }
        }
        Path path = new Path(field);
        double from = lower;
        double to = upper;
        boolean fromIncluded = lowerIncluded;
        boolean toIncluded = upperIncluded;
        return event -> {
            for (JsonNode value : path.values(event)) {
                Double have = number(type, value);
                if (have != null && (fromIncluded ? have >= from : have > from) && (toIncluded ? have <= to : have < to)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** A field's value as the engine indexes it: a float field in float precision, an integer field without its fraction. */
    private static Double number(String type, JsonNode value) {
        double parsed;
        if (value.isNumber()) {
            parsed = value.asDouble();
        } else if (isNumber(value.asText())) {
            parsed = Double.parseDouble(value.asText().strip());
        } else {
            return null;
        }
        if (INTEGERS.contains(type)) {
            return (double) (long) parsed;
        }
        return "float".equals(type) || "half_float".equals(type) ? (double) (float) parsed : parsed;
    }

    private static boolean isNumber(String text) {
        if (text.isBlank()) {
            return false;
        }
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean numeric(String type) {
        return type != null && (INTEGERS.contains(type) || DECIMALS.contains(type));
    }

    /** A dotted field path, split once: its values in an event (objects, or the same path stored as a dotted key). */
    private record Path(String field, String[] parts) {
        Path(String field) {
            this(field, field.split("\\."));
        }

        List<JsonNode> values(JsonNode event) {
            JsonNode node = event;
            for (String part : parts) {
                node = node.path(part);
            }
            if (node.isMissingNode()) {
                node = event.path(field);
            }
            List<JsonNode> values = new ArrayList<>(1);
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

    private static List<JsonNode> elements(JsonNode clause) {
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
        String lower = value.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            if (lower.charAt(i) >= 0x80) {
                return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
            }
        }
        return lower;
    }
}

package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks an indicator query and lists the fields it reads, rejecting query types outside the small
 * set the catalogue uses (so a typo such as {@code match_prase} fails at load, not in the engine).
 */
final class QueryFields {

    /** Leaf query types whose object keys are field names. */
    private static final Set<String> FIELD_KEYED = Set.of("term", "terms", "match", "match_phrase", "match_phrase_prefix",
            "range", "prefix", "wildcard", "regexp", "fuzzy", "span_term");
    private static final Set<String> OPTIONS = Set.of("boost", "_name", "minimum_should_match", "slop", "in_order");

    /** A field read by a leaf, with the leaf's type and body. */
    record Leaf(String type, String field, JsonNode body) {
        /** Whether the leaf reads the note text ({@code text} or a sub-field such as {@code text.exact}). */
        boolean readsText() {
            return field.equals("text") || field.startsWith("text.");
        }

        /** The top-level event field the leaf reads: {@code codes} for {@code codes.flags}. */
        String root() {
            int dot = field.indexOf('.');
            return dot < 0 ? field : field.substring(0, dot);
        }
    }

    private QueryFields() {
    }

    /** The top-level event fields the queries of the given indicators read (rules read none). */
    static Set<String> roots(Collection<Indicator> indicators) {
        Set<String> roots = new TreeSet<>();
        for (Indicator indicator : indicators) {
            if (indicator.isQuery()) {
                leaves(indicator.query()).forEach(leaf -> roots.add(leaf.root()));
            }
        }
        return Collections.unmodifiableSet(roots);
    }

    /** All leaves in document order; throws IllegalArgumentException naming the bad part. */
    static List<Leaf> leaves(JsonNode query) {
        List<Leaf> leaves = new ArrayList<>();
        walk(query, leaves, "query");
        return leaves;
    }

    private static void walk(JsonNode node, List<Leaf> leaves, String at) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException(at + " must be an object with exactly one query type");
        }
        Map.Entry<String, JsonNode> only = node.properties().iterator().next();
        String type = only.getKey();
        JsonNode body = only.getValue();
        String here = at + "." + type;
        switch (type) {
            case "bool" -> {
                for (Map.Entry<String, JsonNode> clause : body.properties()) {
                    switch (clause.getKey()) {
                        case "must", "should", "filter", "must_not" -> {
                            JsonNode value = clause.getValue();
                            if (value.isArray()) {
                                for (int i = 0; i < value.size(); i++) {
                                    walk(value.get(i), leaves, here + "." + clause.getKey() + "[" + i + "]");
                                }
                            } else {
                                walk(value, leaves, here + "." + clause.getKey());
                            }
                        }
                        case "minimum_should_match", "boost", "_name" -> { }
                        default -> throw new IllegalArgumentException(here + ": unknown bool clause '" + clause.getKey() + "'");
                    }
                }
            }
            case "constant_score" -> walk(body.get("filter"), leaves, here + ".filter");
            case "dis_max" -> {
                for (int i = 0; i < body.path("queries").size(); i++) {
                    walk(body.path("queries").get(i), leaves, here + ".queries[" + i + "]");
                }
            }
            case "nested" -> {
                leaves.add(new Leaf("nested", body.path("path").asText(), body));
                walk(body.get("query"), leaves, here + ".query");
            }
            case "span_near", "span_or" -> {
                JsonNode clauses = body.path("clauses");
                if (!clauses.isArray() || clauses.isEmpty()) {
                    throw new IllegalArgumentException(here + " needs clauses");
                }
                for (int i = 0; i < clauses.size(); i++) {
                    walk(clauses.get(i), leaves, here + ".clauses[" + i + "]");
                }
            }
            case "span_not" -> {
                walk(body.get("include"), leaves, here + ".include");
                walk(body.get("exclude"), leaves, here + ".exclude");
            }
            case "span_first" -> walk(body.get("match"), leaves, here + ".match");
            case "span_multi" -> walk(body.get("match"), leaves, here + ".match");
            case "exists" -> leaves.add(new Leaf(type, body.path("field").asText(), body));
            case "match_all" -> { }
            default -> {
                if (!FIELD_KEYED.contains(type)) {
                    throw new IllegalArgumentException(here + ": query type '" + type + "' is not allowed in indicators");
                }
                boolean found = false;
                for (Map.Entry<String, JsonNode> e : body.properties()) {
                    if (OPTIONS.contains(e.getKey())) {
                        continue;
                    }
                    leaves.add(new Leaf(type, e.getKey(), e.getValue()));
                    found = true;
                }
                if (!found) {
                    throw new IllegalArgumentException(here + " names no field");
                }
            }
        }
    }
}

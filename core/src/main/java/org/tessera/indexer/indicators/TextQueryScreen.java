package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.tessera.indexer.events.EventIndexFields;

/**
 * A first load's screen in front of the percolator: tells, in this JVM, whether an event could
 * match any of the given queries that read the note text, so that only those events are
 * percolated before they are written and all the others are written once with no text hits
 * (ADR 0030). It may say yes to an event no query matches (that event is percolated for nothing);
 * it is built to never say no to one a query matches, and where it would, the check after the
 * load ({@link IndicatorBackfill#attachAll}) finds the engine's hit and rewrites the event: the
 * screen decides how much is percolated and rewritten, never what is stored.
 *
 * <p>How it over-approximates the engine: a word is keyed by its first three letters, lower-cased
 * and without accents ({@code case_note}'s light stemming keeps a word's first three letters);
 * a phrase or span can match only if every word's key is among the text's keys (positions and slop
 * are ignored); a {@code match} if any is; fields other than the text are evaluated exactly where
 * {@link StructuredQueryEvaluator} knows the query and taken as matching where it does not;
 * {@code must_not} is ignored; query types it does not know are taken as matching.
 *
 * <p>Thread-safe once built.
 */
public final class TextQueryScreen {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int KEY_LENGTH = 3;
    private static final Set<String> PHRASE_LEAVES = Set.of("match_phrase", "span_term", "term");
    /** Put among a query's anchors by a text leaf the screen cannot key: the query is asked of every event. */
    private static final String ANY = "";

    /** What a compiled query is asked: the event's document and the keys of its text. */
    private record Probe(JsonNode event, Set<String> keys) {
    }

    /** One query: its predicate, and whether it can match only through a text leaf (then {@code anchors} gates it). */
    private record Screened(Predicate<Probe> query, boolean needsText, Set<String> anchors) {
    }

    private final List<Screened> screened = new ArrayList<>();
    /** Queries that need text, by the keys any of their text leaves needs. */
    private final Map<String, List<Integer>> byAnchor = new HashMap<>();
    private final List<Integer> ungated = new ArrayList<>();
    private final StructuredQueryEvaluator structured;

    TextQueryScreen(List<Indicator> textQueries, StructuredQueryEvaluator structured) {
        this.structured = structured;
        for (Indicator indicator : textQueries) {
            Set<String> anchors = new HashSet<>();
            Predicate<Probe> query = compile(indicator.query(), anchors);
            boolean needsText = !couldMatchWithoutText(indicator.query());
            int index = screened.size();
            screened.add(new Screened(query, needsText, anchors));
            if (needsText && !anchors.isEmpty() && !anchors.contains(ANY)) {
                anchors.forEach(anchor -> byAnchor.computeIfAbsent(anchor, k -> new ArrayList<>()).add(index));
            } else {
                ungated.add(index);
            }
        }
    }

    /** Whether any of the queries could match the event document (false only when none can). */
    public boolean mayMatch(JsonNode event) {
        Set<String> keys = keys(event.path(EventIndexFields.TEXT).isTextual() ? event.path(EventIndexFields.TEXT).asText() : "");
        Probe probe = new Probe(event, keys);
        for (int index : ungated) {
            if (screened.get(index).query().test(probe)) {
                return true;
            }
        }
        Set<Integer> asked = new HashSet<>();
        for (String key : keys) {
            for (int index : byAnchor.getOrDefault(key, List.of())) {
                if (asked.add(index) && screened.get(index).query().test(probe)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The keys of a text: each word's first three letters (or the whole of a shorter word), folded. */
    static Set<String> keys(String text) {
        Set<String> keys = new HashSet<>();
        if (text == null || text.isEmpty()) {
            return keys;
        }
        String folded = fold(text);
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                keys.add(folded.substring(start, Math.min(i, start + KEY_LENGTH)));
                start = -1;
            }
        }
        return keys;
    }

    private static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        boolean ascii = true;
        for (int i = 0; i < lower.length() && ascii; i++) {
            ascii = lower.charAt(i) < 128;
        }
        return ascii ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** The query as an over-approximating predicate; adds to {@code anchors} the keys its text leaves need. */
    private Predicate<Probe> compile(JsonNode query, Set<String> anchors) {
        if (query == null || !query.isObject() || query.size() != 1) {
            anchors.add(ANY);
            return probe -> true;
        }
        if (!readsText(query)) {
            Predicate<JsonNode> exact = structured.compile(query);
            return exact == null ? probe -> true : probe -> exact.test(probe.event());
        }
        Map.Entry<String, JsonNode> only = query.properties().iterator().next();
        JsonNode body = only.getValue();
        return switch (only.getKey()) {
            case "bool" -> bool(body, anchors);
            case "constant_score" -> compile(body.get("filter"), anchors);
            case "span_near" -> all(elements(body.path("clauses")), anchors);
            case "span_or", "dis_max" -> any(elements(only.getKey().equals("dis_max") ? body.path("queries") : body.path("clauses")), anchors);
            case "span_not" -> compile(body.get("include"), anchors);
            case "span_first" -> compile(body.get("match"), anchors);
            case "match" -> anyWord(leafText(body), anchors);
            default -> {
                if (PHRASE_LEAVES.contains(only.getKey())) {
                    yield allWords(leafText(body), anchors);
                }
                anchors.add(ANY);
                yield probe -> true;
            }
        };
    }

    private Predicate<Probe> bool(JsonNode body, Set<String> anchors) {
        List<Predicate<Probe>> required = new ArrayList<>();
        List<Predicate<Probe>> optional = new ArrayList<>();
        Integer minimum = null;
        for (Map.Entry<String, JsonNode> clause : body.properties()) {
            switch (clause.getKey()) {
                case "must", "filter" -> elements(clause.getValue()).forEach(q -> required.add(compile(q, anchors)));
                case "should" -> elements(clause.getValue()).forEach(q -> optional.add(compile(q, anchors)));
                case "minimum_should_match" -> minimum = clause.getValue().asText().matches("\\d+") ? Integer.parseInt(clause.getValue().asText()) : 0;
                default -> { }   // must_not: ignoring an exclusion only widens
            }
        }
        int needed = optional.isEmpty() ? 0 : minimum != null ? Math.min(minimum, optional.size()) : required.isEmpty() ? 1 : 0;
        return probe -> {
            for (Predicate<Probe> q : required) {
                if (!q.test(probe)) {
                    return false;
                }
            }
            int matched = 0;
            for (int i = 0; i < optional.size() && matched < needed; i++) {
                if (optional.get(i).test(probe)) {
                    matched++;
                }
            }
            return matched >= needed;
        };
    }

    private Predicate<Probe> all(List<JsonNode> clauses, Set<String> anchors) {
        List<Predicate<Probe>> compiled = clauses.stream().map(q -> compile(q, anchors)).toList();
        return probe -> compiled.stream().allMatch(q -> q.test(probe));
    }

    private Predicate<Probe> any(List<JsonNode> clauses, Set<String> anchors) {
        List<Predicate<Probe>> compiled = clauses.stream().map(q -> compile(q, anchors)).toList();
        return probe -> compiled.stream().anyMatch(q -> q.test(probe));
    }

    private static Predicate<Probe> allWords(String text, Set<String> anchors) {
        List<String> needed = List.copyOf(keys(text));
        if (needed.isEmpty()) {
            anchors.add(ANY);
            return probe -> true;
        }
        anchors.addAll(needed);
        return probe -> probe.keys().containsAll(needed);
    }

    private static Predicate<Probe> anyWord(String text, Set<String> anchors) {
        Set<String> wanted = keys(text);
        if (wanted.isEmpty()) {
            anchors.add(ANY);
            return probe -> true;
        }
        anchors.addAll(wanted);
        return probe -> wanted.stream().anyMatch(probe.keys()::contains);
    }

    /** The words of a text leaf: {@code {"text": "words"}} or {@code {"text": {"query"|"value": "words"}}}. */
    private static String leafText(JsonNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            if (value.isObject()) {
                value = value.has("query") ? value.get("query") : value.get("value");
            }
            if (value != null && value.isValueNode()) {
                return value.asText();
            }
        }
        return "";
    }

    /**
     * Whether the query could match with every text leaf false (its other leaves taken as
     * matching): if not, an event can match it only through one of its text leaves.
     */
    private static boolean couldMatchWithoutText(JsonNode query) {
        if (query == null || !query.isObject() || query.size() != 1) {
            return true;
        }
        if (!readsText(query)) {
            return true;
        }
        Map.Entry<String, JsonNode> only = query.properties().iterator().next();
        JsonNode body = only.getValue();
        return switch (only.getKey()) {
            case "bool" -> {
                int optional = 0;
                int optionalTrue = 0;
                boolean requiredTrue = true;
                boolean hasRequired = false;
                Integer minimum = null;
                for (Map.Entry<String, JsonNode> clause : body.properties()) {
                    switch (clause.getKey()) {
                        case "must", "filter" -> {
                            for (JsonNode q : elements(clause.getValue())) {
                                hasRequired = true;
                                requiredTrue &= couldMatchWithoutText(q);
                            }
                        }
                        case "should" -> {
                            for (JsonNode q : elements(clause.getValue())) {
                                optional++;
                                optionalTrue += couldMatchWithoutText(q) ? 1 : 0;
                            }
                        }
                        case "minimum_should_match" -> minimum = clause.getValue().asText().matches("\\d+") ? Integer.parseInt(clause.getValue().asText()) : 0;
                        default -> { }
                    }
                }
                int needed = optional == 0 ? 0 : minimum != null ? Math.min(minimum, optional) : hasRequired ? 0 : 1;
                yield requiredTrue && optionalTrue >= needed;
            }
            case "constant_score" -> couldMatchWithoutText(body.get("filter"));
            case "span_or", "dis_max" -> elements(only.getKey().equals("dis_max") ? body.path("queries") : body.path("clauses"))
                    .stream().anyMatch(TextQueryScreen::couldMatchWithoutText);
            case "span_near", "span_not", "span_first", "match", "match_phrase", "span_term", "term" -> false;
            default -> true;
        };
    }

    private static boolean readsText(JsonNode query) {
        try {
            return QueryFields.leaves(query).stream().anyMatch(QueryFields.Leaf::readsText);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return list;
        }
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }
}

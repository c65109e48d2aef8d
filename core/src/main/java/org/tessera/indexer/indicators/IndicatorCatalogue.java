package org.tessera.indexer.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tessera.indexer.opensearch.index.IndexDefinitions;

/**
 * The indicator catalogue read from {@code mappings/indicators/*.yaml} (classpath by default).
 * Loading validates everything a person can get wrong (unknown keys, duplicate ids, missing
 * examples, fields not in the events mapping, rules referring to unknown indicators) and fails
 * fast with a {@link CatalogueException} naming file and indicator. Immutable and thread-safe.
 */
public final class IndicatorCatalogue {

    public static final String CLASSPATH_FOLDER = "mappings/indicators";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FILE_KEYS = Set.of("group", "indicators");
    private static final Set<String> KEYS = Set.of("id", "title", "description", "severity", "weight", "half_life_days",
            "applies_to", "agencies", "version", "enabled", "note", "concern", "reaches_siblings", "ages", "query", "rule", "examples");
    private static final Set<String> REQUIRED = Set.of("id", "title", "description", "severity", "weight", "half_life_days",
            "applies_to", "agencies", "version", "enabled", "examples");
    private static final Set<String> AGENCIES = Set.of("police", "health", "education", "social_care", "housing", "probation", "other");
    private static final Set<String> RULE_KEYS = Set.of("kind", "of", "at_least", "within_days", "all_of", "field");
    private static final Set<String> TIMELINE_KEYS = Set.of("day", "indicators", "values", "counts");

    private final Map<String, Indicator> indicators;

    private IndicatorCatalogue(Map<String, Indicator> indicators) {
        this.indicators = Collections.unmodifiableMap(new LinkedHashMap<>(indicators));
    }

    /** The catalogue shipped with Tessera. */
    public static IndicatorCatalogue loadDefault() {
        return load(org.tessera.indexer.config.ClasspathFolders.resolve(CLASSPATH_FOLDER), EventFields.loadDefault());
    }

    /** Every {@code *.yaml} in {@code folder}, checked against {@code fields}. */
    public static IndicatorCatalogue load(Path folder, EventFields fields) {
        Map<String, Indicator> all = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new CatalogueException(folder.toString(), null, "cannot list the catalogue folder: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new CatalogueException(folder.toString(), null, "no *.yaml indicator files");
        }
        for (Path file : files) {
            for (Indicator indicator : readFile(file, fields)) {
                Indicator previous = all.putIfAbsent(indicator.id(), indicator);
                if (previous != null) {
                    throw new CatalogueException(file.toString(), indicator.id(), "duplicate id, also defined in " + previous.file());
                }
            }
        }
        for (Indicator indicator : all.values()) {
            if (indicator.rule() != null) {
                for (String ref : indicator.rule().references()) {
                    Indicator target = all.get(ref);
                    if (target == null) {
                        throw new CatalogueException(indicator.file(), indicator.id(), "rule refers to unknown indicator " + ref);
                    }
                    if (!target.isQuery()) {
                        throw new CatalogueException(indicator.file(), indicator.id(), "rule refers to " + ref
                                + ", which is itself a rule; rules read query indicators only");
                    }
                }
                checkTimelines(indicator, all);
            }
        }
        return new IndicatorCatalogue(all);
    }

    public Collection<Indicator> all() {
        return indicators.values();
    }

    public Optional<Indicator> find(String id) {
        return Optional.ofNullable(indicators.get(id));
    }

    public Indicator get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no indicator " + id));
    }

    /** Enabled indicators with a stored query: what goes into the percolator index. */
    public List<Indicator> enabledQueries() {
        return indicators.values().stream().filter(i -> i.enabled() && i.isQuery()).toList();
    }

    /** Enabled rule indicators, for {@link RuleEvaluator}. */
    public List<Indicator> enabledRules() {
        return indicators.values().stream().filter(i -> i.enabled() && !i.isQuery()).toList();
    }

    public int size() {
        return indicators.size();
    }

    /**
     * The top-level event fields any indicator query reads ({@code codes} for {@code
     * codes.flags}, {@code text} for {@code text.exact}), enabled or not (an administrator may
     * enable one at any time): all a document needs to be percolated against the catalogue.
     */
    public Set<String> queriedFields() {
        return QueryFields.roots(indicators.values());
    }

    private static List<Indicator> readFile(Path file, EventFields fields) {
        String name = file.toString();
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new CatalogueException(name, null, "invalid YAML" + (at == null ? "" : " at line " + at.getLineNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CatalogueException(name, null, "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CatalogueException(name, null, "must be a mapping with group and indicators");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!FILE_KEYS.contains(key)) {
                throw new CatalogueException(name, null, "unknown top-level key '" + key + "' (allowed: " + FILE_KEYS + ")");
            }
        });
        String group = root.path("group").asText("");
        if (group.isBlank()) {
            throw new CatalogueException(name, null, "group is missing");
        }
        JsonNode list = root.path("indicators");
        if (!list.isArray() || list.isEmpty()) {
            throw new CatalogueException(name, null, "indicators must be a non-empty list");
        }
        List<Indicator> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(readIndicator(name, group, list.get(i), i, fields));
        }
        return result;
    }

    private static Indicator readIndicator(String file, String group, JsonNode node, int index, EventFields fields) {
        String id = node.path("id").asText(null);
        if (id == null || !id.matches("[A-Z]{2,4}[0-9]{2}[A-Z]?")) {
            throw new CatalogueException(file, "#" + (index + 1), "id missing or not like PAR01");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new CatalogueException(file, id, "unknown key '" + key + "'");
            }
        });
        for (String key : REQUIRED) {
            if (!node.hasNonNull(key)) {
                throw new CatalogueException(file, id, "'" + key + "' is required");
            }
        }
        Severity severity = Severity.parse(node.path("severity").asText());
        if (severity == null) {
            throw new CatalogueException(file, id, "severity must be low, medium or high");
        }
        AppliesTo appliesTo = AppliesTo.parse(node.path("applies_to").asText());
        if (appliesTo == null) {
            throw new CatalogueException(file, id, "applies_to must be child, household_adult or any");
        }
        if (!node.path("weight").isNumber() || node.path("weight").asDouble() < 0) {
            throw new CatalogueException(file, id, "weight must be a number >= 0");
        }
        if (!node.path("half_life_days").canConvertToInt() || node.path("half_life_days").asInt() < 1) {
            throw new CatalogueException(file, id, "half_life_days must be a whole number >= 1");
        }
        if (!node.path("version").canConvertToInt() || node.path("version").asInt() < 1) {
            throw new CatalogueException(file, id, "version must be a whole number >= 1");
        }
        if (!node.path("enabled").isBoolean()) {
            throw new CatalogueException(file, id, "enabled must be true or false");
        }
        List<String> agencies = new ArrayList<>();
        node.path("agencies").forEach(a -> agencies.add(a.asText()));
        if (agencies.isEmpty()) {
            throw new CatalogueException(file, id, "agencies must list at least one agency");
        }
        for (String agency : agencies) {
            if (!AGENCIES.contains(agency)) {
                throw new CatalogueException(file, id, "unknown agency '" + agency + "' (allowed: " + AGENCIES + ")");
            }
        }
        String concern = node.path("concern").asText(id);
        if (!concern.matches("[a-z][a-z0-9_]*|[A-Z]{2,4}[0-9]{2}[A-Z]?")) {
            throw new CatalogueException(file, id, "concern must be a snake_case name like domestic_abuse, was '" + concern + "'");
        }
        if (node.has("reaches_siblings") && !node.get("reaches_siblings").isBoolean()) {
            throw new CatalogueException(file, id, "reaches_siblings must be true or false");
        }
        boolean reachesSiblings = node.path("reaches_siblings").asBoolean(false);
        if (reachesSiblings && appliesTo == AppliesTo.HOUSEHOLD_ADULT) {
            throw new CatalogueException(file, id, "reaches_siblings is for indicators about a child, not applies_to household_adult");
        }
        Indicator.Ages ages = readAges(file, id, node.get("ages"), appliesTo);
        boolean hasQuery = node.has("query");
        boolean hasRule = node.has("rule");
        if (hasQuery == hasRule) {
            throw new CatalogueException(file, id, "needs exactly one of query and rule");
        }
        ObjectNode query = null;
        Rule rule = null;
        if (hasQuery) {
            if (!node.get("query").isObject()) {
                throw new CatalogueException(file, id, "query must be a mapping");
            }
            query = (ObjectNode) node.get("query");
            checkQuery(file, id, query, fields);
        } else {
            rule = readRule(file, id, node.get("rule"), fields);
        }
        Indicator.Examples examples = readExamples(file, id, node.get("examples"), hasQuery, fields);
        return new Indicator(id, node.path("title").asText(), node.path("description").asText(), group, agencies, severity,
                node.path("weight").asDouble(), node.path("half_life_days").asInt(), appliesTo, node.path("version").asInt(),
                node.path("enabled").asBoolean(), node.path("note").asText(null), concern, reachesSiblings, ages, query, rule, examples, file);
    }

    /** {@code ages: [from, to]} in years (both included), only for indicators about a child. */
    private static Indicator.Ages readAges(String file, String id, JsonNode ages, AppliesTo appliesTo) {
        if (ages == null || ages.isNull()) {
            return null;
        }
        if (appliesTo == AppliesTo.HOUSEHOLD_ADULT) {
            throw new CatalogueException(file, id, "ages is for indicators about a child, not applies_to household_adult");
        }
        if (!ages.isArray() || ages.size() != 2 || !ages.get(0).isNumber() || !ages.get(1).isNumber()) {
            throw new CatalogueException(file, id, "ages must be [from, to] in years, e.g. [10, 17]");
        }
        try {
            return new Indicator.Ages(ages.get(0).asDouble(), ages.get(1).asDouble());
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(file, id, e.getMessage());
        }
    }

    private static void checkQuery(String file, String id, ObjectNode query, EventFields fields) {
        List<QueryFields.Leaf> leaves;
        try {
            leaves = QueryFields.leaves(query);
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(file, id, e.getMessage());
        }
        for (QueryFields.Leaf leaf : leaves) {
            if (!fields.contains(leaf.field())) {
                throw new CatalogueException(file, id, "query refers to field '" + leaf.field() + "' which is not in the events mapping");
            }
        }
    }

    private static Rule readRule(String file, String id, JsonNode node, EventFields fields) {
        if (node == null || !node.isObject()) {
            throw new CatalogueException(file, id, "rule must be a mapping");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!RULE_KEYS.contains(key)) {
                throw new CatalogueException(file, id, "unknown rule key '" + key + "'");
            }
        });
        int within = node.path("within_days").asInt(0);
        try {
            return switch (node.path("kind").asText()) {
                case "count" -> new Rule.Count(strings(node.path("of")), node.path("at_least").asInt(0), within);
                case "co_occurrence" -> {
                    List<List<String>> groups = new ArrayList<>();
                    node.path("all_of").forEach(g -> groups.add(g.isArray() ? strings(g) : List.of(g.asText())));
                    yield new Rule.CoOccurrence(groups, within);
                }
                case "distinct_values" -> {
                    String field = node.path("field").asText(null);
                    if (field == null || !fields.contains(field)) {
                        throw new CatalogueException(file, id, "distinct_values field '" + field + "' is not in the events mapping");
                    }
                    yield new Rule.DistinctValues(field, node.path("at_least").asInt(0), within);
                }
                default -> throw new CatalogueException(file, id, "rule kind must be count, co_occurrence or distinct_values");
            };
        } catch (IllegalArgumentException e) {
            throw new CatalogueException(file, id, e.getMessage());
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Indicator.Examples readExamples(String file, String id, JsonNode node, boolean query, EventFields fields) {
        if (node == null || !node.isObject()) {
            throw new CatalogueException(file, id, "examples must be a mapping with positive and negative");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("positive") && !key.equals("negative")) {
                throw new CatalogueException(file, id, "unknown examples key '" + key + "'");
            }
        });
        List<ObjectNode> positive = exampleList(file, id, node.path("positive"), "positive", query, fields);
        List<ObjectNode> negative = exampleList(file, id, node.path("negative"), "negative", query, fields);
        if (positive.isEmpty() || negative.isEmpty()) {
            throw new CatalogueException(file, id, "needs at least one positive and one negative example");
        }
        if (positive.stream().anyMatch(e -> e.path("negated").asBoolean(false))) {
            throw new CatalogueException(file, id, "negated examples belong under negative");
        }
        return new Indicator.Examples(positive, negative);
    }

    private static List<ObjectNode> exampleList(String file, String id, JsonNode list, String which, boolean query, EventFields fields) {
        List<ObjectNode> out = new ArrayList<>();
        if (!list.isArray()) {
            return out;
        }
        for (JsonNode example : list) {
            if (!example.isObject() || example.isEmpty()) {
                throw new CatalogueException(file, id, which + " example must be a non-empty mapping");
            }
            if (query) {
                checkFragment(file, id, which, "", example, fields);
            } else if (!example.path("timeline").isArray() || example.size() != 1) {
                throw new CatalogueException(file, id, which + " example of a rule must be {timeline: [...]}");
            }
            out.add((ObjectNode) example);
        }
        return out;
    }

    private static void checkFragment(String file, String id, String which, String prefix, JsonNode node, EventFields fields) {
        node.properties().forEach(e -> {
            String path = prefix + e.getKey();
            if (path.equals("negated")) {
                if (!e.getValue().isBoolean()) {
                    throw new CatalogueException(file, id, which + " example: negated must be true or false");
                }
                return;
            }
            if (!fields.contains(path)) {
                throw new CatalogueException(file, id, which + " example uses field '" + path + "' which is not in the events mapping");
            }
            if (e.getValue().isObject() && "object".equals(fields.type(path))) {
                checkFragment(file, id, which, path + ".", e.getValue(), fields);
            }
        });
    }

    private static void checkTimelines(Indicator indicator, Map<String, Indicator> all) {
        List<ObjectNode> examples = new ArrayList<>(indicator.examples().positive());
        examples.addAll(indicator.examples().negative());
        for (ObjectNode example : examples) {
            for (JsonNode entry : example.path("timeline")) {
                entry.fieldNames().forEachRemaining(key -> {
                    if (!TIMELINE_KEYS.contains(key)) {
                        throw new CatalogueException(indicator.file(), indicator.id(), "unknown timeline key '" + key + "'");
                    }
                });
                for (JsonNode ref : entry.path("indicators")) {
                    if (!all.containsKey(ref.asText())) {
                        throw new CatalogueException(indicator.file(), indicator.id(), "example timeline refers to unknown indicator " + ref.asText());
                    }
                }
            }
        }
    }
}

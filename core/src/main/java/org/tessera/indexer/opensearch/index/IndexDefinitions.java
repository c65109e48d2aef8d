package org.tessera.indexer.opensearch.index;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads and validates every index definition in a folder ({@code mappings/indices/} on the
 * classpath by default). Files whose name starts with {@code _} are fragments (shared analysis)
 * referenced by the others. Every problem is reported as a {@link IndexDefinitionException} naming the
 * file, so a broken mapping stops start-up with a message a person can act on.
 */
public final class IndexDefinitions {

    public static final String CLASSPATH_FOLDER = "mappings/indices";
    public static final List<String> REQUIRED = List.of("persons", "events", "indicators", "reviews", "decisions", "audit", "jobs", "linkage",
            "withdrawals");

    private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "description", "analysis", "properties_from", "settings", "mappings");
    private static final Set<String> FIELD_TYPES = Set.of("text", "keyword", "date", "long", "integer", "short", "byte",
            "double", "float", "half_float", "scaled_float", "boolean", "object", "nested", "percolator", "geo_point",
            "ip", "flat_object", "match_only_text", "wildcard", "date_nanos", "token_count", "binary", "search_as_you_type");
    private static final Set<String> BUILT_IN_ANALYZERS = Set.of("standard", "simple", "whitespace", "stop", "keyword",
            "pattern", "english", "fingerprint");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<String, IndexDefinition> definitions;

    private IndexDefinitions(Map<String, IndexDefinition> definitions) {
        this.definitions = Map.copyOf(definitions);
    }

    /** The definitions shipped with Tessera (classpath {@code mappings/indices/}). */
    public static IndexDefinitions loadDefault() {
        return load(org.tessera.indexer.config.ClasspathFolders.resolve(CLASSPATH_FOLDER));
    }

    /** Reads every {@code *.json} in {@code folder}; all of {@link #REQUIRED} must be there. */
    public static IndexDefinitions load(Path folder) {
        Map<String, JsonNode> raw = new TreeMap<>();
        Map<String, String> fileNames = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String fileName = file.getFileName().toString();
                raw.put(fileName, parse(fileName, file));
                fileNames.put(fileName, file.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list index definitions in " + folder, e);
        }
        Map<String, IndexDefinition> definitions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : raw.entrySet()) {
            String fileName = entry.getKey();
            if (fileName.startsWith("_")) {
                continue;
            }
            String name = fileName.substring(0, fileName.length() - ".json".length());
            definitions.put(name, build(name, fileNames.get(fileName), entry.getValue(), raw, fileNames));
        }
        for (String required : REQUIRED) {
            if (!definitions.containsKey(required)) {
                throw new IndexDefinitionException(folder.resolve(required + ".json").toString(), "required index definition is missing");
            }
        }
        return new IndexDefinitions(definitions);
    }

    public IndexDefinition get(String name) {
        IndexDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no index definition named " + name);
        }
        return definition;
    }

    public Collection<IndexDefinition> all() {
        return definitions.values().stream().sorted(java.util.Comparator.comparing(IndexDefinition::name)).toList();
    }

    private static JsonNode parse(String fileName, Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IndexDefinitionException(file.toString(), "invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IndexDefinitionException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static IndexDefinition build(String name, String file, JsonNode node, Map<String, JsonNode> raw, Map<String, String> files) {
        if (!node.isObject()) {
            throw new IndexDefinitionException(file, "must be a JSON object");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new IndexDefinitionException(file, "unknown key '" + key + "' (allowed: " + new java.util.TreeSet<>(TOP_LEVEL_KEYS) + ")");
            }
        }
        JsonNode version = node.get("version");
        if (version == null || !version.isInt() || version.asInt() < 1) {
            throw new IndexDefinitionException(file, "'version' must be a positive whole number");
        }
        JsonNode mappings = node.get("mappings");
        if (mappings == null || !mappings.path("properties").isObject()) {
            throw new IndexDefinitionException(file, "'mappings.properties' must be an object of field definitions");
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode settings = node.has("settings") ? ((ObjectNode) node.get("settings")).deepCopy() : JSON.createObjectNode();
        ObjectNode analysis = JSON.createObjectNode();
        if (node.has("analysis")) {
            String fragment = node.get("analysis").asText();
            JsonNode shared = raw.get(fragment);
            if (shared == null) {
                throw new IndexDefinitionException(file, "'analysis' names fragment '" + fragment + "', which is not in the folder");
            }
            if (!shared.path("analysis").isObject()) {
                throw new IndexDefinitionException(files.get(fragment), "a shared analysis fragment must have an 'analysis' object");
            }
            analysis = (ObjectNode) shared.get("analysis").deepCopy();
            settings.set("analysis", analysis);
        }
        ObjectNode mappingCopy = mappings.deepCopy();
        if (node.has("properties_from")) {
            String source = node.get("properties_from").asText();
            JsonNode other = raw.get(source + ".json");
            if (other == null || !other.path("mappings").path("properties").isObject()) {
                throw new IndexDefinitionException(file, "'properties_from' names '" + source + "', which has no mappings.properties");
            }
            ObjectNode properties = (ObjectNode) mappingCopy.get("properties");
            other.get("mappings").get("properties").properties().forEach(field -> {
                if (!properties.has(field.getKey())) {
                    properties.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        Set<String> analyzers = new HashSet<>(BUILT_IN_ANALYZERS);
        analysis.path("analyzer").fieldNames().forEachRemaining(analyzers::add);
        Set<String> normalizers = new HashSet<>(Set.of("lowercase"));
        analysis.path("normalizer").fieldNames().forEachRemaining(normalizers::add);
        validateProperties(file, "", mappingCopy.get("properties"), analyzers, normalizers);
        body.set("settings", settings);
        body.set("mappings", mappingCopy);
        return new IndexDefinition(name, version.asInt(), file, body);
    }

    private static void validateProperties(String file, String path, JsonNode properties, Set<String> analyzers, Set<String> normalizers) {
        properties.properties().forEach(entry -> {
            String field = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
            JsonNode def = entry.getValue();
            if (!def.isObject()) {
                throw new IndexDefinitionException(file, "field '" + field + "' must be an object");
            }
            String type = def.path("type").asText(def.has("properties") ? "object" : "");
            if (!FIELD_TYPES.contains(type)) {
                throw new IndexDefinitionException(file, "field '" + field + "' has unknown type '" + type + "'");
            }
            for (String key : List.of("analyzer", "search_analyzer")) {
                if (def.has(key) && !analyzers.contains(def.get(key).asText())) {
                    throw new IndexDefinitionException(file, "field '" + field + "' uses undefined " + key + " '" + def.get(key).asText() + "'");
                }
            }
            if (def.has("normalizer") && !normalizers.contains(def.get("normalizer").asText())) {
                throw new IndexDefinitionException(file, "field '" + field + "' uses undefined normalizer '" + def.get("normalizer").asText() + "'");
            }
            if (def.has("properties")) {
                validateProperties(file, field, def.get("properties"), analyzers, normalizers);
            }
            if (def.has("fields")) {
                validateProperties(file, field, def.get("fields"), analyzers, normalizers);
            }
        });
    }

}

package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tessera.indexer.opensearch.index.IndexDefinitions;

/**
 * The field paths of the {@code events} mapping (with their types), so that indicator queries and
 * examples can be checked before they reach the engine: a stored query naming an unmapped field
 * would otherwise fail only when the percolator index rejects it.
 */
public final class EventFields {

    private final Map<String, String> types;
    private final Map<String, String> normalizers;

    private EventFields(Map<String, String> types, Map<String, String> normalizers) {
        this.types = Map.copyOf(types);
        this.normalizers = Map.copyOf(normalizers);
    }

    public static EventFields fromDefinitions(IndexDefinitions definitions) {
        Map<String, String> types = new TreeMap<>();
        Map<String, String> normalizers = new TreeMap<>();
        collect("", definitions.get("events").body().path("mappings").path("properties"), types, normalizers);
        return new EventFields(types, normalizers);
    }

    public static EventFields loadDefault() {
        return fromDefinitions(IndexDefinitions.loadDefault());
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> types, Map<String, String> normalizers) {
        properties.properties().forEach(entry -> {
            String path = prefix + entry.getKey();
            JsonNode def = entry.getValue();
            types.put(path, def.path("type").asText("object"));
            if (def.hasNonNull("normalizer")) {
                normalizers.put(path, def.get("normalizer").asText());
            }
            if (def.has("properties")) {
                collect(path + ".", def.get("properties"), types, normalizers);
            }
            if (def.has("fields")) {
                collect(path + ".", def.get("fields"), types, normalizers);
            }
        });
    }

    public boolean contains(String path) {
        return types.containsKey(path);
    }

    /** Mapping type, e.g. {@code text}, {@code keyword}, {@code nested}, {@code object}; null if unmapped. */
    public String type(String path) {
        return types.get(path);
    }

    /** The normalizer of a keyword field (e.g. {@code folded}); null if it has none or is not a keyword. */
    public String normalizer(String path) {
        return normalizers.get(path);
    }

    public Set<String> paths() {
        return types.keySet();
    }
}

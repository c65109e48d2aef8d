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

    private EventFields(Map<String, String> types) {
        this.types = Map.copyOf(types);
    }

    public static EventFields fromDefinitions(IndexDefinitions definitions) {
        Map<String, String> types = new TreeMap<>();
        collect("", definitions.get("events").body().path("mappings").path("properties"), types);
        return new EventFields(types);
    }

    public static EventFields loadDefault() {
        return fromDefinitions(IndexDefinitions.loadDefault());
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> types) {
        properties.properties().forEach(entry -> {
            String path = prefix + entry.getKey();
            JsonNode def = entry.getValue();
            types.put(path, def.path("type").asText(def.has("properties") ? "object" : "object"));
            if (def.has("properties")) {
                collect(path + ".", def.get("properties"), types);
            }
            if (def.has("fields")) {
                collect(path + ".", def.get("fields"), types);
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

    public Set<String> paths() {
        return types.keySet();
    }
}

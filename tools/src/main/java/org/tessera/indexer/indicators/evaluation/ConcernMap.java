package org.tessera.indexer.indicators.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which indicators recognise each concern ({@code nlp-models/eval/concerns.yaml}): concern -> indicator ids. */
public record ConcernMap(Map<String, Set<String>> indicators) {

    public ConcernMap {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        indicators.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        indicators = java.util.Collections.unmodifiableMap(copy);
    }

    public Set<String> of(String concern) {
        return indicators.getOrDefault(concern, Set.of());
    }

    /** Reads the file; every id must be in {@code known} (the catalogue), else it fails naming the concern. */
    public static ConcernMap read(Path file, Set<String> known) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Set<String>> map = new LinkedHashMap<>();
        root.properties().forEach(entry -> {
            List<String> ids = new ArrayList<>();
            entry.getValue().forEach(id -> {
                if (!known.contains(id.asText())) {
                    throw new IllegalArgumentException(file + ": concern " + entry.getKey() + " names unknown indicator " + id.asText());
                }
                ids.add(id.asText());
            });
            map.put(entry.getKey(), Set.copyOf(ids));
        });
        return new ConcernMap(map);
    }
}

package org.tessera.indexer.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Looks up {@code tessera.*} settings outside Spring (the CLI and the tests), in this order:
 * JVM system properties, environment variables ({@code tessera.opensearch.uris} is
 * {@code TESSERA_OPENSEARCH_URIS}), then an optional properties file. The portal binds the same
 * names through Spring's own configuration instead.
 */
public final class SettingsSource {

    private final List<Map<String, String>> layers;

    private SettingsSource(List<Map<String, String>> layers) {
        this.layers = List.copyOf(layers);
    }

    /** System properties, environment, then {@code file} when it exists. */
    public static SettingsSource standard(Path file) {
        List<Map<String, String>> layers = new ArrayList<>();
        layers.add(asMap(System.getProperties()));
        layers.add(System.getenv());
        if (file != null && Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read settings file " + file, e);
            }
            layers.add(asMap(properties));
        }
        return new SettingsSource(layers);
    }

    /** Only the given values: for tests and for callers that already resolved their settings. */
    public static SettingsSource of(Map<String, String> values) {
        return new SettingsSource(List.of(Map.copyOf(values)));
    }

    public Optional<String> get(String name) {
        String envName = name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        for (Map<String, String> layer : layers) {
            String value = layer.get(name);
            if (value == null) {
                value = layer.get(envName);
            }
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return get(name).map(value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + name + " must be a whole number, was '" + value + "'");
            }
        }).orElse(fallback);
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new java.util.HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }
}

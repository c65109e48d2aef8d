package org.tessera.indexer.synthetic.population;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the generator's bundled text resources: `[section]` headers, `#` comments, one entry a line. */
public final class ResourceSections {
    private ResourceSections() {
    }

    public static List<String> lines(String resource) {
        try (InputStream in = ResourceSections.class.getResourceAsStream("/synthetic/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing generator resource /synthetic/" + resource);
            }
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        out.add(t);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read generator resource " + resource, e);
        }
    }

    public static Map<String, List<String>> sections(String resource) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines(resource)) {
            if (line.startsWith("[") && line.endsWith("]") && !line.startsWith("[[")) {
                current = out.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
            } else if (current == null) {
                throw new IllegalStateException(resource + ": entry before any [section]: " + line);
            } else {
                current.add(line);
            }
        }
        return out;
    }
}

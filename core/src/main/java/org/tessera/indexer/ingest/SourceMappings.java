package org.tessera.indexer.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registry of source mappings, loaded and validated together at start (a bad file or two
 * mappings with one source id fail fast with {@link MappingException}). Picks the mapping for
 * an extract by its file-name globs. Immutable and thread-safe.
 */
public final class SourceMappings {
    private final Map<String, SourceMapping> bySource;

    public SourceMappings(List<SourceMapping> mappings) {
        Map<String, SourceMapping> m = new LinkedHashMap<>();
        for (SourceMapping sm : mappings) {
            SourceMapping prev = m.putIfAbsent(sm.source(), sm);
            if (prev != null) throw new MappingException(sm.origin(), "source", "source id '" + sm.source() + "' is also used by " + prev.origin());
        }
        this.bySource = Map.copyOf(m);
    }

    /** Loads every {@code *.yaml} / {@code *.yml} file of a directory (not recursive), in name order. */
    public static SourceMappings loadAll(Path dir) {
        SourceMappingLoader loader = new SourceMappingLoader();
        try (Stream<Path> files = Files.list(dir)) {
            List<SourceMapping> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    out.add(loader.load(p.getFileName().toString(), in));
                }
            }
            return new SourceMappings(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list source mappings in " + dir, e);
        }
    }

    /** Loads from a classpath directory such as {@code mappings/sources} (inside a jar or not). */
    public static SourceMappings loadAllFromClasspath(String dir) {
        return loadAll(org.tessera.indexer.config.ClasspathFolders.resolve(dir));
    }

    public Optional<SourceMapping> bySource(String source) { return Optional.ofNullable(bySource.get(source)); }

    public List<SourceMapping> all() {
        return bySource.values().stream().sorted(Comparator.comparing(SourceMapping::source)).toList();
    }

    /**
     * The mapping whose {@code files} globs match this file name; empty when none does.
     *
     * @throws MappingException when two mappings claim the file (ambiguous configuration)
     */
    public Optional<SourceMapping> forFile(String fileName) {
        return claimant(Path.of(fileName));
    }

    /** True when some mapping's {@code exclude} globs name this path (relative to the ingested folder): not data. */
    public boolean excluded(Path relative) {
        return all().stream().anyMatch(m -> m.excludes(relative));
    }

    /**
     * The mapping that claims a file by its path relative to the ingested folder: its name matches
     * the {@code files} globs and no {@code exclude} glob matches; empty when none does.
     *
     * @throws MappingException when two mappings claim the file (ambiguous configuration)
     */
    public Optional<SourceMapping> claimant(Path relative) {
        List<SourceMapping> hits = all().stream().filter(m -> m.claims(relative)).toList();
        if (hits.size() > 1) {
            throw new MappingException(hits.get(0).origin(), "files", "file '" + relative + "' also matches " + hits.get(1).origin());
        }
        return hits.stream().findFirst();
    }
}

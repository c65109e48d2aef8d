package org.tessera.indexer.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The product's Java sources (every module's {@code src/main/java} under the repository root),
 * for tests that check where a kind of code may live. Comment lines are skipped, so Javadoc may
 * name what the code may not do.
 */
public final class ProductSources {

    /** Packages of the tools (generator, benchmarks, evaluation, training, demo data, cluster check), not of the product. */
    public static final Set<String> TOOL_PACKAGES = Set.of("synthetic", "bench", "evaluation", "training", "demo", "cluster");

    private ProductSources() {
    }

    /** One match: the file (relative to the repository), its line number and the line. */
    public record Finding(Path file, int line, String text) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + text.strip();
        }
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("mappings").resolve("indices"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a folder with mappings/indices) above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** Every {@code .java} file under a module's {@code src/main/java}. */
    public static List<Path> all() {
        Path root = repositoryRoot();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path main = module.resolve("src").resolve("main").resolve("java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> walk = Files.walk(main)) {
                        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no product sources under " + root);
        }
        return files;
    }

    /** True for a file in one of the {@link #TOOL_PACKAGES}. */
    public static boolean isTool(Path file) {
        for (Path part : file) {
            if (TOOL_PACKAGES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Where {@code pattern} matches a code line (not a comment line) of {@code files}. */
    public static List<Finding> find(List<Path> files, Pattern pattern) {
        Path root = repositoryRoot();
        List<Finding> findings = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
                    continue;
                }
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    findings.add(new Finding(root.relativize(file), i + 1, line));
                }
            }
        }
        return findings;
    }
}

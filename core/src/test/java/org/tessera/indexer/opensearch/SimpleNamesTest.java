package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No simple class name is defined twice in the repository: across core, tools, cli and the portal,
 * main and test sources alike, each top-level type's simple name is its own (issue 17: two
 * {@code Severity}, two {@code Event}...). An import that picks the wrong {@code Event} compiles
 * and reads plausibly; a second name makes the reader ask which one. Rename the newer type after
 * its role ({@code PlannedEvent}, {@code IdentifierGenerator}) rather than adding an exception.
 */
class SimpleNamesTest {

    @Test
    void everyTopLevelTypeNameIsDefinedOnce() {
        Map<String, TreeSet<String>> byName = new TreeMap<>();
        for (Path file : javaSources()) {
            String name = file.getFileName().toString().replaceFirst("\\.java$", "");
            if (!name.equals("package-info") && !name.equals("module-info")) {
                byName.computeIfAbsent(name, n -> new TreeSet<>()).add(ProductSources.repositoryRoot().relativize(file).toString());
            }
        }
        Map<String, TreeSet<String>> twice = byName.entrySet().stream()
                .filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(byName).as("the check read every module").containsKeys("Event", "PlannedEvent", "TesseraCli", "SimpleNamesTest");
        assertThat(twice).as("simple names defined in more than one file").isEmpty();
    }

    /** Every {@code .java} file under a module's {@code src/main/java} or {@code src/test/java}. */
    private static List<Path> javaSources() {
        Path root = ProductSources.repositoryRoot();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.filter(Files::isDirectory)
                    .flatMap(module -> Stream.of(module.resolve("src/main/java"), module.resolve("src/test/java")))
                    .filter(Files::isDirectory)
                    .flatMap(SimpleNamesTest::walk)
                    .filter(p -> p.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.tessera.indexer.ingest;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every shipped source mapping parses and validates; this is the test that keeps mappings/sources honest. */
class SourceMappingFilesTest {

    static Path mappingsDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("mappings/sources");
            if (Files.isDirectory(p)) return p;
        }
        throw new AssertionError("mappings/sources not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void everyShippedSourceMappingLoads() {
        SourceMappings all = SourceMappings.loadAll(mappingsDir());
        assertThat(all.all()).extracting(SourceMapping::source).contains("febrl3", "febrl4a", "febrl4b");
        assertThat(all.forFile("dataset4b.csv")).hasValueSatisfying(m -> assertThat(m.source()).isEqualTo("febrl4b"));
        assertThat(all.forFile("unknown.csv")).isEmpty();
    }

    @Test
    void everyShippedSourceMappingIsAlsoOnTheClasspath() {
        SourceMappings onClasspath = SourceMappings.loadAllFromClasspath("mappings/sources");
        assertThat(onClasspath.all()).hasSameSizeAs(SourceMappings.loadAll(mappingsDir()).all());
    }
}

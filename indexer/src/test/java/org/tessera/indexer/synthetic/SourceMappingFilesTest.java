package org.tessera.indexer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappingLoader;
import org.tessera.indexer.synthetic.notes.TemplateSet;

/**
 * Every mapping file of a generated layout in mappings/sources loads (the loader validates keys,
 * agencies, roles and formats), claims generated files, and reads them with every column it names
 * present and nothing quarantined. (The FEBRL reference mappings describe other data.)
 */
class SourceMappingFilesTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        new CountyGenerator(new GeneratorSettings(5, 400, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.2, false))
                .generate(out);
    }

    static List<Path> mappingFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "mappings", "sources"))) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("febrl")).sorted().toList();
        }
    }

    static void readsCleanly(SourceMapping m, Path data) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(Files::isRegularFile).filter(p -> m.claims(data.relativize(p))).toList();
        }
        assertThat(files).as(m.origin()).isNotEmpty();
        for (Path file : files) {
            List<RowResult> rows;
            try (Stream<RowResult> s = new ExtractReader(m).read(file)) {
                rows = s.toList();
            }
            assertThat(rows).as(m.origin() + " vs " + file.getFileName() + ": nothing quarantined")
                    .noneMatch(r -> r instanceof RowResult.Quarantined);
            assertThat(rows).as(m.origin() + " vs " + file.getFileName() + ": every column named is in the header")
                    .noneMatch(r -> r instanceof RowResult.Notice n && n.issue().message().contains("not in the header"));
            List<RowResult.Accepted> accepted = new ArrayList<>();
            rows.forEach(r -> {
                if (r instanceof RowResult.Accepted a) {
                    accepted.add(a);
                }
            });
            assertThat(accepted).as(m.origin() + " vs " + file.getFileName()).isNotEmpty();
            assertThat(accepted).as(m.origin() + ": every record has its date and a person")
                    .allMatch(a -> a.record().eventDate() != null && !a.record().people().isEmpty());
        }
    }

    @Test
    void everyShippedMappingLoadsAndReadsItsGeneratedFilesCleanly() throws IOException {
        SourceMappingLoader loader = new SourceMappingLoader();
        for (Path f : mappingFiles()) {
            SourceMapping m = loader.load(f);
            assertThat(m.source()).isEqualTo(f.getFileName().toString().replace(".yaml", ""));
            readsCleanly(m, out.resolve("data"));
        }
    }

    @Test
    void noGeneratedFileIsClaimedByTwoMappings() throws IOException {
        SourceMappingLoader loader = new SourceMappingLoader();
        List<SourceMapping> all = new ArrayList<>();
        for (Path f : mappingFiles()) {
            all.add(loader.load(f));
        }
        Path data = out.resolve("data");
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Path rel = data.relativize(p);
                assertThat(all.stream().filter(m -> m.claims(rel)).count()).as(rel.toString()).isLessThanOrEqualTo(1);
            }
        }
    }
}

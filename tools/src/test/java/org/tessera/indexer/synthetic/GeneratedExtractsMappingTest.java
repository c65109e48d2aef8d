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
import org.tessera.indexer.synthetic.output.LayoutSet;

/**
 * Every mapping file of a generated layout in mappings/sources loads (the loader validates keys,
 * agencies, roles and formats), claims generated files, and reads them with every column it names
 * present and nothing quarantined, in the CLASSIC or the ONBOARDING layouts; no generated file is
 * claimed by two mappings. (The FEBRL reference mappings describe other data.)
 */
class GeneratedExtractsMappingTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorSettings s = new GeneratorSettings(5, 400, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.2, false);
        new CountyGenerator(s).generate(out.resolve("classic"));
        new CountyGenerator(s, LayoutSet.ONBOARDING).generate(out.resolve("onboarding"));
    }

    static List<Path> mappingFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("..", "mappings", "sources"))) {
            return s.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.getFileName().toString().startsWith("febrl")).sorted().toList();
        }
    }

    static List<Path> claimed(SourceMapping m, Path data) throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(Files::isRegularFile).filter(p -> m.claims(data.relativize(p))).toList();
        }
    }

    static void readsCleanly(SourceMapping m, List<Path> files) throws IOException {
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
            List<Path> files = new ArrayList<>(claimed(m, out.resolve("classic").resolve("data")));
            files.addAll(claimed(m, out.resolve("onboarding").resolve("data")));
            assertThat(files).as(m.origin() + " claims generated files (classic or onboarding layouts)").isNotEmpty();
            readsCleanly(m, files);
        }
    }

    @Test
    void noGeneratedFileIsClaimedByTwoMappings() throws IOException {
        SourceMappingLoader loader = new SourceMappingLoader();
        List<SourceMapping> all = new ArrayList<>();
        for (Path f : mappingFiles()) {
            all.add(loader.load(f));
        }
        for (String layouts : List.of("classic", "onboarding")) {
            Path data = out.resolve(layouts).resolve("data");
            try (Stream<Path> s = Files.walk(data)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    Path rel = data.relativize(p);
                    assertThat(all.stream().filter(m -> m.claims(rel)).count()).as(rel.toString()).isLessThanOrEqualTo(1);
                }
            }
        }
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Location;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;
import org.tessera.indexer.synthetic.notes.TemplateSet;

class RecordSpillTest {

    @TempDir
    Path tmp;

    private List<SourceRecord> roundTrip(List<SourceRecord> records) {
        RecordSpill spill;
        try (RecordSpill.Writer writer = new RecordSpill.Writer(tmp.resolve("spill.records"))) {
            records.forEach(writer::add);
            spill = writer.finish();
        }
        try (Stream<SourceRecord> back = spill.read()) {
            return back.toList();
        }
    }

    @Test
    void everyFieldComesBackEqualIncludingNullsAndEveryDatePrecision() {
        InvolvedPerson full = new InvolvedPerson("subject", "Zoë-Ann", "O'Brien", List.of("Zoe", "Ann Smith"),
                PartialDate.of(LocalDate.of(2015, 2, 28)), "F", "Flat 2, 3 Mill Lane", "LS6 2AB",
                Map.of("nhs_number", "943 476 5919", "source_person_id", "P-17"));
        InvolvedPerson sparse = new InvolvedPerson("parent", null, "Kowalski", null, PartialDate.ofYear(1988), null, null,
                null, null);
        List<SourceRecord> records = List.of(
                new SourceRecord("police_incidents", "INC-1", "police", "incident",
                        PartialDate.of(LocalDateTime.of(2024, 3, 1, 23, 59, 58, 123_000_000)),
                        "Domestic incident", "Mum’s partner shouted;\nneighbours called 999 – café\u0007", Map.of("dash_level", "high",
                        "flags", "dv;alcohol"), new Location("3 Mill Lane", "LS6 2AB"), List.of(full, sparse),
                        new Origin("police_incidents_2024.csv", 2, 4)),
                new SourceRecord("health_ae_attendances", "AE-9", "health", "ae_attendance", PartialDate.ofYearMonth(2023, 11),
                        null, null, null, null, null, new Origin("ae.jsonl", 0, 0)),
                new SourceRecord("s", "r", "a", "t", null, "", "", Map.of(), new Location(null, null), List.of(),
                        new Origin("f", 7, 7)));

        assertThat(roundTrip(records)).isEqualTo(records);
    }

    @Test
    void aGeneratedCountysRecordsComeBackEqualInOrder() throws IOException {
        Path county = tmp.resolve("county");
        new CountyGenerator(new GeneratorSettings(11, 60, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.04, false))
                .generate(county);
        SourceMappings mappings = SourceMappings.loadAllFromClasspath("mappings/sources");
        List<SourceRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.walk(county.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Optional<SourceMapping> mapping = mappings.forFile(file.getFileName().toString());
                if (mapping.isEmpty()) {
                    continue;
                }
                try (Stream<RowResult> rows = new ExtractReader(mapping.get()).read(file)) {
                    rows.forEach(row -> {
                        if (row instanceof RowResult.Accepted accepted) {
                            records.add(accepted.record());
                        }
                    });
                }
            }
        }
        assertThat(records).hasSizeGreaterThan(500);
        assertThat(records).anyMatch(r -> r.text() != null).anyMatch(r -> r.location() != null)
                .anyMatch(r -> r.people().stream().anyMatch(p -> !p.identifiers().isEmpty()));

        assertThat(roundTrip(records)).isEqualTo(records);
    }

    @Test
    void aTruncatedSpillIsAnErrorNotFewerRecords() throws IOException {
        List<SourceRecord> records = List.of(new SourceRecord("s", "r1", "a", "t", null, "title", "text", Map.of(), null,
                List.of(), new Origin("f", 1, 1)));
        Path file = tmp.resolve("cut.records");
        try (RecordSpill.Writer writer = new RecordSpill.Writer(file)) {
            records.forEach(writer::add);
            writer.finish();
        }
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 6));
        RecordSpill cut = RecordSpill.at(file);
        assertThatThrownBy(() -> cut.read().toList()).hasMessageContaining("ends early");
    }

    @Test
    void anExtractWithoutAcceptedRowsSpillsNothing() {
        assertThat(roundTrip(List.of())).isEmpty();
    }

    @Test
    void aKilledRunsSpillFolderIsDeletedByTheNextRunAndALiveOnesIsKept() throws Exception {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path killedRun = Files.createTempDirectory(base, "tessera-ingest-");
        Files.writeString(killedRun.resolve("owner.pid"), Long.toString(finished.pid()));
        Files.writeString(killedRun.resolve("0.records"), "left by a killed run");
        Path liveRun = Files.createTempDirectory(base, "tessera-ingest-");
        Files.writeString(liveRun.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
        try {
            Path created;
            try (RecordSpill.Directory directory = RecordSpill.Directory.create()) {
                created = directory.file("x").getParent();
                assertThat(killedRun).doesNotExist();
                assertThat(liveRun).exists();
                assertThat(created.resolve("owner.pid")).exists();
            }
            assertThat(created).doesNotExist();
        } finally {
            Files.deleteIfExists(liveRun.resolve("owner.pid"));
            Files.deleteIfExists(liveRun);
        }
    }
}

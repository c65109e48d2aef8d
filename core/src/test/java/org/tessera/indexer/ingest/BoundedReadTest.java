package org.tessera.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.RowResult.Accepted;
import org.tessera.indexer.ingest.RowResult.Quarantined;

/** Rows and values of an extract are bounded: an oversized one is quarantined and the file goes on. */
class BoundedReadTest {

    @TempDir
    Path tmp;

    private SourceMapping utf8Health() throws IOException {
        Path yaml = tmp.resolve("child-health.yaml");
        Files.writeString(yaml, Files.readString(ExtractReaderTest.resource("child-health.yaml")).replace("windows-1252", "UTF-8"));
        return new SourceMappingLoader().load(yaml);
    }

    private static List<RowResult> read(ExtractReader reader, Path file) {
        try (Stream<RowResult> rows = reader.read(file)) {
            return rows.toList();
        }
    }

    private static List<Quarantined> quarantined(List<RowResult> rows) {
        return rows.stream().filter(Quarantined.class::isInstance).map(Quarantined.class::cast).toList();
    }

    private static List<String> ids(List<RowResult> rows) {
        return rows.stream().filter(Accepted.class::isInstance).map(r -> ((Accepted) r).record().recordId()).toList();
    }

    @Test
    void a200MegabyteLineWithoutALineBreakIsQuarantinedWithItsLineAndTheRestOfTheFileIsRead() throws IOException {
        Path file = tmp.resolve("child_health_visits.csv");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("visit_id;visit_date;child_name;child_dob;child_nhs;mother_name;mother_dob;notes\n".getBytes(StandardCharsets.UTF_8));
            out.write("1;2024-04-02;Jayden Cole;2016-05-02;;;;Home visit.\n".getBytes(StandardCharsets.UTF_8));
            out.write("2;2024-04-03;Mia Hart;2015-06-30;;;;".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 200; i++) {
                out.write(chunk); // 200 MB of notes and no line break
            }
            out.write("\n3;2024-04-04;Leo Hart;2015-06-30;;;;Seen.\n".getBytes(StandardCharsets.UTF_8));
        }

        List<RowResult> rows = read(new ExtractReader(utf8Health()), file);

        assertThat(ids(rows)).containsExactly("HV-1", "HV-3");
        assertThat(quarantined(rows)).singleElement().satisfies(q -> {
            assertThat(q.file()).isEqualTo("child_health_visits.csv");
            assertThat(q.line()).isEqualTo(3);
            assertThat(q.reason()).startsWith("row too long: line 3 holds 209,715,").contains("the rest of the file was read")
                    .contains(ReadLimits.MAX_RECORD_CHARS);
            assertThat(q.raw()).isNull();
        });
    }

    @Test
    void aValueOverTheFieldLimitQuarantinesItsRowNamingTheColumn() throws IOException {
        Path file = tmp.resolve("child_health_visits.csv");
        Files.writeString(file, "visit_id;visit_date;child_name;child_dob;child_nhs;mother_name;mother_dob;notes\n"
                + "1;2024-04-02;Jayden Cole;2016-05-02;;;;" + "y".repeat(5000) + "\n"
                + "2;2024-04-03;Mia Hart;2015-06-30;;;;Short.\n");

        List<RowResult> rows = read(new ExtractReader(utf8Health(), new ReadLimits(100_000, 1000)), file);

        assertThat(ids(rows)).containsExactly("HV-2");
        assertThat(quarantined(rows)).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(2);
            assertThat(q.field()).isEqualTo("notes");
            assertThat(q.reason()).startsWith("value too long: 5,000 characters in 'notes'");
        });
    }

    @Test
    void anUnterminatedQuoteIsCutAtTheRowLimitAndTheLinesAfterItAreRead() throws IOException {
        Path file = tmp.resolve("child_health_visits.csv");
        StringBuilder text = new StringBuilder("visit_id;visit_date;child_name;child_dob;child_nhs;mother_name;mother_dob;notes\n");
        text.append("1;2024-04-02;Jayden Cole;2016-05-02;;;;\"never closed ").append("z".repeat(3000)).append('\n');
        text.append("2;2024-04-03;Mia Hart;2015-06-30;;;;Fine.\n");

        Files.writeString(file, text);
        List<RowResult> rows = read(new ExtractReader(utf8Health(), new ReadLimits(1000, 1000)), file);

        assertThat(quarantined(rows)).first().satisfies(q -> assertThat(q.reason()).startsWith("row too long: line 2"));
        assertThat(ids(rows)).containsExactly("HV-2");
    }

    @Test
    void anOversizedJsonLineIsQuarantinedAndTheNextLinesAreRead() throws IOException {
        SourceMapping mapping = ExtractReaderTest.mapping("social-care.yaml");
        Path file = tmp.resolve("contacts.jsonl");
        Files.writeString(file, "{\"contact\": {\"id\": \"C1\", \"kind\": \"C\", \"date\": \"2024-05-01\", \"summary\": \"" + "w".repeat(50_000) + "\"}}\n"
                + "{\"contact\": {\"id\": \"C2\", \"kind\": \"C\", \"date\": \"2024-05-02\", \"summary\": \"ok\"}}\n"
                + "{\"contact\": {\"id\": \"C3\", \"kind\": \"C\", \"date\": \"2024-05-03\", \"summary\": \"" + "v".repeat(2000) + "\"}}\n");

        List<RowResult> rows = read(new ExtractReader(mapping, new ReadLimits(10_000, 1000)), file);

        assertThat(quarantined(rows)).extracting(Quarantined::line, Quarantined::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, null), org.assertj.core.groups.Tuple.tuple(3L, "contact.summary"));
        assertThat(quarantined(rows).getFirst().reason()).startsWith("row too long: line 1 holds 50,");
        assertThat(rows.stream().filter(Accepted.class::isInstance)).hasSize(1);
    }
}

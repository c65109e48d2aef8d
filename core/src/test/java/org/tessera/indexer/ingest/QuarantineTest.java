package org.tessera.indexer.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the quarantine writes: rows as read, safe to open in a spreadsheet, wrong-encoding rows byte for byte. */
class QuarantineTest {

    @TempDir
    Path tmp;

    @Test
    void aRejectedRowsFormulaCellsAreNeutralisedAndNothingElseChanges() throws IOException {
        SourceMapping mapping = ExtractReaderTest.mapping("police-incidents.yaml");
        Path out = tmp.resolve("q");
        try (Quarantine quarantine = new Quarantine(out)) {
            quarantine.write("police", null, new RowResult.Quarantined("police_incidents.csv", 4, "occurred", "bad date",
                    "INC-9,=HYPERLINK(\"http://x.example/\"; \"click\"),\"@SUM(A1)\",+1,-2,\tx,ok", RowResult.Scope.ROW), mapping.format());
        }
        String written = Files.readString(out.resolve("police/police_incidents.csv.rejected.csv"));
        assertThat(written).isEqualTo("INC-9,'=HYPERLINK(\"http://x.example/\"; \"click\"),\"'@SUM(A1)\",'+1,'-2,'\tx,ok\n");
    }

    @Test
    void aWrongEncodingRowIsQuarantinedWithItsOriginalBytes() throws IOException {
        Path yaml = tmp.resolve("child-health.yaml");
        Files.writeString(yaml, Files.readString(ExtractReaderTest.resource("child-health.yaml")).replace("windows-1252", "UTF-8"));
        SourceMapping mapping = new SourceMappingLoader().load(yaml);
        Path file = tmp.resolve("child_health_visits.csv");
        byte[] bad = "2;2024-04-03;Am\u00e9lie Dubois;2019;;;;=cmd\n".getBytes(StandardCharsets.ISO_8859_1); // é as one byte
        try (var o = Files.newOutputStream(file)) {
            o.write("visit_id;visit_date;child_name;child_dob;child_nhs;mother_name;mother_dob;notes\n".getBytes(StandardCharsets.UTF_8));
            o.write(bad);
            o.write("3;2024-04-04;Zo\u00eb Hart;2019;;;;fine\n".getBytes(StandardCharsets.UTF_8));
        }
        Path out = tmp.resolve("q");
        List<RowResult> rows;
        try (Stream<RowResult> s = new ExtractReader(mapping).read(file); Quarantine quarantine = new Quarantine(out)) {
            rows = s.toList();
            rows.stream().filter(RowResult.Quarantined.class::isInstance).map(RowResult.Quarantined.class::cast)
                    .forEach(q -> quarantine.write("child_health_visits", file, q, mapping.format()));
        }
        assertThat(rows).filteredOn(RowResult.Quarantined.class::isInstance).singleElement()
                .satisfies(r -> assertThat(((RowResult.Quarantined) r).reason()).contains("declared encoding UTF-8"));
        byte[] written = Files.readAllBytes(out.resolve("child_health_visits/child_health_visits.csv.rejected.csv"));
        // the file's own bytes (0xE9 for é, not U+FFFD), the formula cell neutralised
        assertThat(written).isEqualTo("2;2024-04-03;Am\u00e9lie Dubois;2019;;;;'=cmd\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}

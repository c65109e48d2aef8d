package org.tessera.indexer.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SourcesCheckCommandTest {

    record Run(int exit, String out) {}

    static Run run(String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new SourcesCheckCommand());
        cl.setOut(new PrintWriter(sw));
        int exit = cl.execute(args);
        return new Run(exit, sw.toString());
    }

    @Test
    void reportsCountsIssuesAndExamplesForASampleExtract() {
        Run r = run(ExtractReaderTest.resource("police-incidents.yaml").toString(),
                "--sample", ExtractReaderTest.resource("police_incidents_bad_date.csv").toString(), "--examples", "1");
        System.out.println(r.out());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Mapping").contains(": OK (source police_incidents")
                .containsPattern("rows read +4")
                .containsPattern("records +2")
                .containsPattern("quarantined rows +2")
                .contains("police_incidents_bad_date.csv:4 [occurred]: unparsable date 'yesterday'")
                .contains("\"record_id\" : \"INC-020\"")
                .doesNotContain("INC-023");
    }

    @Test
    void reportsAGoodExtractAsClean() {
        Run r = run(ExtractReaderTest.resource("police-incidents.yaml").toString(),
                "--sample", ExtractReaderTest.resource("police_incidents_good.csv").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("rows read +5").containsPattern("records +3").containsPattern("people +5").contains("unknown code 'Q'");
    }

    @Test
    void isReachableAsTheCheckSubcommandOfSources() {
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new SourcesCommand());
        cl.setOut(new PrintWriter(sw));
        int exit = cl.execute("check", ExtractReaderTest.resource("child-health.yaml").toString());
        assertThat(exit).isZero();
        assertThat(sw.toString()).contains("OK (source child_health_visits");
    }

    @Test
    void saysWhyAMappingIsInvalid(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "source: x\nagency: police\nfiles: [a.csv]\nrecord: { id: a, type: t, colour: red }\n");
        Run r = run(bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("Mapping INVALID").contains("bad.yaml").contains("record.colour");
    }
}

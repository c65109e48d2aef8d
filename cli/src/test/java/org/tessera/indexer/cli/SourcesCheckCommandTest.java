package org.tessera.indexer.cli;

import org.tessera.indexer.ingest.ExtractReaderTest;

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

    @Test
    void showsHowEachV2FieldIsReadAndWhichIndicatorsTheCodesFeed() {
        Run r = run(ExtractReaderTest.resource("v2/computed.yaml").toString(),
                "--sample", ExtractReaderTest.resource("v2/attendance_sessions.csv").toString(), "--examples", "0");
        assertThat(r.out())
                .contains("record.codes.attendance_pct").contains("computed 100 * (Possible - Authorised - Unauthorised) / Possible")
                .contains("Indicators this mapping can feed through its codes")
                .containsPattern("EDU01 +codes.attendance_pct")
                .containsPattern("EDU04 +codes.unauthorised_sessions")
                .contains("Codes no indicator reads").contains("present_sessions");
        Run list = run(ExtractReaderTest.resource("v2/household-list.yaml").toString());
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("one per element of the list in household split by \";\"")
                .contains("groups dob, name, rel").contains("titles taken off");
        Run cond = run(ExtractReaderTest.resource("v2/conditional.yaml").toString());
        assertThat(cond.out()).contains("only when Occurrence Type is DOMESTIC").contains("family name first");
        Run term = run(ExtractReaderTest.resource("v2/term-dates.yaml").toString());
        assertThat(term.out()).contains("term calendar: academic year Academic Year + term Term, at the term's start");
        Run capture = run(ExtractReaderTest.resource("v2/capture.yaml").toString());
        assertThat(capture.out()).contains("captured by /").contains("as a number").containsPattern("HOU03 +codes.arrears_amount");
        Run json = run(ExtractReaderTest.resource("v2/json-arrays.yaml").toString());
        assertThat(json.out()).contains("array element 0").contains("joined by \"+\"");
        Run exclude = run(ExtractReaderTest.resource("v2/exclude/mapping.yaml").toString());
        assertThat(exclude.out()).contains("excluded paths truth/** *_expected.csv");
    }
}

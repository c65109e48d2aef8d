package org.tessera.indexer.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.RowResult.Accepted;
import org.tessera.indexer.ingest.RowResult.Quarantined;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

public class ExtractReaderTest {

    @TempDir
    Path tmp;

    public static Path resource(String name) {
        try {
            return Path.of(ExtractReaderTest.class.getResource("/ingest/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static SourceMapping mapping(String name) { return new SourceMappingLoader().load(resource(name)); }

    static List<RowResult> read(String mapping, String file) {
        try (Stream<RowResult> s = new ExtractReader(mapping(mapping)).read(resource(file))) {
            return s.toList();
        }
    }

    static List<SourceRecord> records(List<RowResult> rs) {
        return rs.stream().filter(r -> r instanceof Accepted).map(r -> ((Accepted) r).record()).toList();
    }

    static List<Quarantined> quarantined(List<RowResult> rs) {
        return rs.stream().filter(r -> r instanceof Quarantined).map(r -> (Quarantined) r).toList();
    }

    @Test
    void groupsRowsOfOneIncidentIntoOneRecordWithEveryPerson() {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_good.csv");
        assertThat(quarantined(rs)).isEmpty();
        List<SourceRecord> recs = records(rs);
        assertThat(recs).extracting(SourceRecord::recordId).containsExactly("INC-001", "INC-002", "INC-003");
        SourceRecord inc1 = recs.getFirst();
        assertThat(inc1.recordType()).isEqualTo("domestic_incident");
        assertThat(inc1.eventDate().toString()).isEqualTo("2024-02-03T22:15");
        assertThat(inc1.people()).extracting(InvolvedPerson::role).containsExactly("victim", "perpetrator", "subject");
        assertThat(inc1.people()).extracting(InvolvedPerson::givenNames).containsExactly("Sarah", "Darren", "Kayleigh");
        assertThat(inc1.codes()).containsEntry("dash_level", "medium").containsEntry("outcome", "nfa").containsEntry("flags", "domestic");
        assertThat(inc1.text()).isEqualTo("Neighbour heard shouting, a child crying.\n\nOfficer spoke to mother.");
        assertThat(inc1.location()).isEqualTo(new Location("12 Mill Lane, Norwich", "NR1 1AA"));
        assertThat(inc1.origin()).isEqualTo(new Origin("police_incidents_good.csv", 2, 5));
        InvolvedPerson sarah = inc1.people().getFirst();
        assertThat(sarah.otherNames()).containsExactly("Sally Smith");
        assertThat(sarah.identifiers()).containsEntry("nhs_number", "943 476 5919").containsEntry("source_person_id", "P100");
        assertThat(sarah.gender()).isEqualTo("female");
        assertThat(inc1.people().get(1).dateOfBirth()).isEqualTo(PartialDate.ofYear(1987));
    }

    @Test
    void keepsPartialDatesPartialAndWarnsAboutUnknownCodes() {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_good.csv");
        Accepted inc2 = rs.stream().filter(r -> r instanceof Accepted a && a.record().recordId().equals("INC-002")).map(r -> (Accepted) r).findFirst().orElseThrow();
        assertThat(inc2.record().people().getFirst().dateOfBirth()).isEqualTo(PartialDate.ofYearMonth(2008, 3));
        assertThat(inc2.record().codes()).containsEntry("dash_level", "Q");
        assertThat(inc2.warnings()).anySatisfy(w -> {
            assertThat(w.field()).isEqualTo("dash");
            assertThat(w.line()).isEqualTo(4);
            assertThat(w.message()).contains("unknown code 'Q'");
        });
        assertThat(inc2.record().location()).isEqualTo(new Location("Park Road, Norwich", null));
    }

    @Test
    void readsQuotedMultiLineValuesAndUsesTheTypeDefault() {
        SourceRecord inc3 = records(read("police-incidents.yaml", "police_incidents_good.csv")).get(2);
        assertThat(inc3.text()).isEqualTo("Report of a missing child,\nfound safe at a friend's house.");
        assertThat(inc3.recordType()).isEqualTo("incident");
        assertThat(inc3.origin().firstLine()).isEqualTo(6);
        assertThat(inc3.origin().lastLine()).isEqualTo(7);
        assertThat(inc3.people().getFirst().familyName()).isEqualTo("Smith-Jones");
    }

    @Test
    void quarantinesTheWholeFileWhenARequiredColumnIsMissing() {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_missing_column.csv");
        assertThat(records(rs)).isEmpty();
        assertThat(quarantined(rs)).singleElement().satisfies(q -> {
            assertThat(q.scope()).isEqualTo(RowResult.Scope.FILE);
            assertThat(q.file()).isEqualTo("police_incidents_missing_column.csv");
            assertThat(q.field()).isEqualTo("occurred");
            assertThat(q.reason()).contains("required column(s) [occurred] missing");
        });
    }

    @Test
    void quarantinesRowsWithUnparsableDatesNamingLineAndFieldAndKeepsTheGoodRows() {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_bad_date.csv");
        assertThat(records(rs)).extracting(SourceRecord::recordId).containsExactly("INC-020", "INC-023");
        assertThat(quarantined(rs)).extracting(Quarantined::line, Quarantined::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "occurred"), org.assertj.core.groups.Tuple.tuple(4L, "occurred"));
        assertThat(quarantined(rs).get(1).reason()).contains("unparsable date 'yesterday'").contains("dd/MM/yyyy");
        assertThat(quarantined(rs).get(0).reason()).contains("31/02/2024");
        assertThat(quarantined(rs).get(1).raw()).startsWith("INC-022,yesterday");
    }

    @Test
    void quarantinesRaggedRowsWithTheirLineAndKeepsTheOthers() {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_ragged.csv");
        assertThat(records(rs)).extracting(SourceRecord::recordId).containsExactly("INC-030", "INC-033");
        assertThat(quarantined(rs)).extracting(Quarantined::line).containsExactly(3L, 4L);
        assertThat(quarantined(rs).get(0).reason()).contains("row has 24 fields but the header has 23");
        assertThat(quarantined(rs).get(1).reason()).contains("row has 4 fields");
    }

    @Test
    void reportsBytesInTheWrongEncodingWithLineAndFieldAndKeepsTheGoodRows() {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_windows1252.csv");
        assertThat(records(rs)).extracting(SourceRecord::recordId).containsExactly("INC-040", "INC-042");
        assertThat(quarantined(rs)).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(3);
            assertThat(q.field()).isEqualTo("forename");
            assertThat(q.reason()).contains("not valid in the declared encoding UTF-8").contains("line 3");
        });
    }

    @Test
    void readsTheSameFileCorrectlyWhenTheMappingDeclaresItsEncoding() throws IOException {
        String yaml = Files.readString(resource("police-incidents.yaml")).replace("encoding: UTF-8", "encoding: windows-1252");
        Path m = tmp.resolve("police-1252.yaml");
        Files.writeString(m, yaml);
        try (Stream<RowResult> s = new ExtractReader(new SourceMappingLoader().load(m)).read(resource("police_incidents_windows1252.csv"))) {
            List<SourceRecord> recs = records(s.toList());
            assertThat(recs).hasSize(3);
            assertThat(recs.get(1).people().getFirst().givenNames()).isEqualTo("Zoë");
            assertThat(recs.get(1).people().getFirst().familyName()).isEqualTo("O’Brien");
        }
    }

    @Test
    void mapsSeveralPeoplePerRowWithFullNamesAndSkipsAbsentSlots() {
        List<RowResult> rs = read("child-health.yaml", "child_health_visits.csv");
        List<SourceRecord> recs = records(rs);
        assertThat(recs).hasSize(2);
        SourceRecord v1 = recs.getFirst();
        assertThat(v1.recordId()).isEqualTo("HV-1");
        assertThat(v1.recordType()).isEqualTo("health_visit");
        assertThat(v1.people()).extracting(InvolvedPerson::role, InvolvedPerson::givenNames, InvolvedPerson::familyName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("subject", "Jayden", "Cole"), org.assertj.core.groups.Tuple.tuple("mother", "Michelle", "COLE"));
        SourceRecord v2 = recs.get(1);
        assertThat(v2.people()).singleElement().satisfies(p -> {
            assertThat(p.givenNames()).isEqualTo("Amélie");
            assertThat(p.dateOfBirth()).isEqualTo(PartialDate.ofYear(2019));
        });
        assertThat(v1.occurrenceId(1)).isEqualTo(v1.eventId() + "-p1");
    }

    @Test
    void readsJsonLinesWithNestedPathsAndPeopleArrays() {
        List<RowResult> rs = read("social-care.yaml", "contacts.jsonl");
        List<SourceRecord> recs = records(rs);
        assertThat(recs).extracting(SourceRecord::recordId).containsExactly("C1", "C5");
        SourceRecord c1 = recs.getFirst();
        assertThat(c1.eventDate().toString()).isEqualTo("2024-05-01T10:00");
        assertThat(c1.people()).extracting(InvolvedPerson::role, InvolvedPerson::givenNames)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("subject", "Mia"), org.assertj.core.groups.Tuple.tuple("parent", "Gemma"));
        assertThat(quarantined(rs)).extracting(Quarantined::line, Quarantined::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "contact.kind"),
                org.assertj.core.groups.Tuple.tuple(3L, null),
                org.assertj.core.groups.Tuple.tuple(4L, "contact.id"));
        assertThat(quarantined(rs).get(0).reason()).contains("unknown code 'X'");
        assertThat(quarantined(rs).get(1).reason()).contains("not valid JSON");
    }

    @Test
    void givesTheSameIdsOnEveryRead() {
        List<SourceRecord> a = records(read("police-incidents.yaml", "police_incidents_good.csv"));
        List<SourceRecord> b = records(read("police-incidents.yaml", "police_incidents_good.csv"));
        assertThat(a).extracting(SourceRecord::eventId).isEqualTo(b.stream().map(SourceRecord::eventId).toList());
        assertThat(a.getFirst().eventId()).isEqualTo(Ids.eventId("police_incidents", "INC-001")).startsWith("ev-");
        assertThat(a.getFirst().eventId()).isNotEqualTo(Ids.eventId("health_visits", "INC-001"));
    }

    @Test
    void quarantinesADuplicateRecordIdWithoutGrouping() throws IOException {
        Path csv = tmp.resolve("child_health_dupes.csv");
        Files.writeString(csv, "visit_id;visit_date;child_name\n7;2024-01-01;Ann Lee\n7;2024-01-02;Ann Lee\n");
        try (Stream<RowResult> s = new ExtractReader(mapping("child-health.yaml")).read(csv)) {
            List<RowResult> rs = s.toList();
            assertThat(records(rs)).hasSize(1);
            assertThat(quarantined(rs)).singleElement().satisfies(q -> {
                assertThat(q.line()).isEqualTo(3);
                assertThat(q.reason()).contains("duplicate record id 'HV-7' (first seen on line 2)");
            });
        }
    }

    @Test
    void readsHeaderlessTabSeparatedFilesWithDeclaredColumns() throws IOException {
        Path yaml = tmp.resolve("tsv.yaml");
        Files.writeString(yaml, """
                source: housing_tsv
                agency: housing
                files: ["*.tsv"]
                format: { delimiter: tab, header: false, columns: [ref, date, name, dob] }
                record: { id: ref, type: rent_arrears, date: { column: date, formats: ["yyyy-MM-dd"] } }
                people:
                  - role: subject
                    full_name: name
                    date_of_birth: { column: dob, formats: ["dd/MM/yyyy"] }
                """);
        Path tsv = tmp.resolve("arrears.tsv");
        Files.writeString(tsv, "R1\t2024-02-01\tJONES, Amy\t03/1990\nR2\t2024-02-02\tBen Ward\t\n");
        try (Stream<RowResult> s = new ExtractReader(new SourceMappingLoader().load(yaml)).read(tsv)) {
            List<RowResult> rs = s.toList();
            assertThat(quarantined(rs)).isEmpty();
            List<SourceRecord> recs = records(rs);
            assertThat(recs).extracting(SourceRecord::recordId).containsExactly("R1", "R2");
            assertThat(recs.getFirst().origin().firstLine()).isEqualTo(1);
            InvolvedPerson amy = recs.getFirst().people().getFirst();
            assertThat(amy.givenNames()).isEqualTo("Amy");
            assertThat(amy.familyName()).isEqualTo("JONES");
            assertThat(amy.dateOfBirth()).isEqualTo(PartialDate.ofYearMonth(1990, 3));
        }
    }

    @Test
    void writesQuarantinedRowsAndReasonsToTheQuarantineFolder() throws IOException {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_bad_date.csv");
        try (Quarantine q = new Quarantine(tmp.resolve("quarantine"))) {
            for (Quarantined r : quarantined(rs)) q.write("police_incidents", resource("police_incidents_bad_date.csv"), r);
        }
        Path folder = tmp.resolve("quarantine/police_incidents");
        assertThat(Files.readAllLines(folder.resolve("police_incidents_bad_date.csv.rejected.csv")))
                .hasSize(2).allMatch(l -> l.startsWith("INC-021") || l.startsWith("INC-022"));
        assertThat(Files.readAllLines(folder.resolve("police_incidents_bad_date.csv.reasons.jsonl")))
                .hasSize(2).first().asString().contains("\"line\":3").contains("\"field\":\"occurred\"");
    }

    @Test
    void copiesAWhollyRejectedFileIntoQuarantine() throws IOException {
        List<RowResult> rs = read("police-incidents.yaml", "police_incidents_missing_column.csv");
        try (Quarantine q = new Quarantine(tmp)) {
            q.write("police_incidents", resource("police_incidents_missing_column.csv"), quarantined(rs).getFirst());
        }
        assertThat(tmp.resolve("police_incidents/police_incidents_missing_column.csv")).exists();
    }

    @Test
    void aFileNamedByItsFullPathIsQuarantinedUnderTheQuarantineFolderNotBesideTheInput() throws IOException {
        Path input = Files.createDirectories(tmp.resolve("drop"));
        Path unknown = Files.writeString(input.resolve("notes.xyz"), "not an extract");
        try (Quarantine q = new Quarantine(tmp.resolve("quarantine"))) {
            q.write("unmatched", unknown, new Quarantined(unknown.toString(), 0, null, "no source mapping", null, RowResult.Scope.FILE));
        }
        assertThat(tmp.resolve("quarantine/unmatched/notes.xyz")).exists();
        assertThat(tmp.resolve("quarantine/unmatched/notes.xyz.reasons.jsonl")).content().contains("no source mapping");
        try (var files = Files.list(input)) {
            assertThat(files.toList()).containsExactly(unknown);
        }
    }
}

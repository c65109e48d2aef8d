package org.tessera.indexer.ingest;

import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.RowResult.Accepted;
import org.tessera.indexer.ingest.RowResult.Quarantined;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The eight additions of mapping language v2, each on its own fixture under {@code ingest/v2/}. */
class MappingLanguageV2Test {

    static List<RowResult> read(String mapping, String file) {
        SourceMapping m = ExtractReaderTest.mapping("v2/" + mapping);
        try (Stream<RowResult> s = new ExtractReader(m).read(ExtractReaderTest.resource("v2/" + file))) {
            return s.toList();
        }
    }

    static List<SourceRecord> records(List<RowResult> rs) { return ExtractReaderTest.records(rs); }

    static List<Quarantined> quarantined(List<RowResult> rs) { return ExtractReaderTest.quarantined(rs); }

    static List<Issue> warnings(List<RowResult> rs) {
        return rs.stream().filter(r -> r instanceof Accepted).flatMap(r -> ((Accepted) r).warnings().stream()).toList();
    }

    static String names(SourceRecord r) {
        return String.join("; ", r.people().stream().map(p -> p.role() + ":" + p.title() + "|" + p.givenNames() + "|" + p.familyName()
                + "|" + p.dateOfBirth()).toList());
    }

    @Test
    void householdListGivesOnePersonPerElementWithRoleDateOfBirthAndRowColumns() {
        List<RowResult> rs = read("household-list.yaml", "housing_household_list.csv");
        List<SourceRecord> recs = records(rs);
        assertThat(recs).extracting(SourceRecord::recordId).containsExactly("HE1", "HE2");
        SourceRecord he1 = recs.getFirst();
        assertThat(names(he1)).isEqualTo("subject:Mrs|Esme|SHEPHERD-LAWRENCE|null; "
                + "household_member:null|Esme|Shepherd-Lawrence|1990-05-04; "
                + "household_member:null|Kai|Shepherd-Lawrence|2021-01-12; "
                + "household_member:null|Mia|Lawrence|2015-06");
        assertThat(he1.people().get(2).postcode()).isEqualTo("NR1 1AA");
        // Each element is an occurrence of its own, with its own slot and id.
        assertThat(he1.occurrenceId(3)).isNotEqualTo(he1.occurrenceId(2));
        // An empty list gives no household members.
        assertThat(recs.get(1).people()).hasSize(1);
        // unmatched: error quarantines the row with file, line, field and reason.
        assertThat(quarantined(rs)).singleElement().satisfies(q -> {
            assertThat(q.file()).isEqualTo("housing_household_list.csv");
            assertThat(q.line()).isEqualTo(4);
            assertThat(q.field()).isEqualTo("household");
            assertThat(q.reason()).contains("element 2 of household does not match people[1].list.pattern");
        });
    }

    @Test
    void nameFormatsReadSurnameFirstUpperCaseFamiliesAndTitles() {
        List<SourceRecord> recs = records(read("name-formats.yaml", "police_names.csv"));
        assertThat(names(recs.get(0))).isEqualTo("subject:null|Rhiannon|LLOYD|null; parent:Mrs|Jane|VAN DYKE|null; "
                + "other:null|Dr Ahmed|Khan|null");
        assertThat(names(recs.get(1))).isEqualTo("subject:null|Kai Jordan|SHEPHERD-LAWRENCE|null; parent:Ms|Esme|SHEPHERD-LAWRENCE|null");
        assertThat(names(recs.get(2))).isEqualTo("subject:Mr|Sean|O'NEILL|null; parent:Mrs|Carol|SMITH|null");
    }

    @Test
    void jsonArraysAreJoinedOrPickedNeverShownAsJson() {
        List<RowResult> rs = read("json-arrays.yaml", "ae_fhir.jsonl");
        assertThat(quarantined(rs)).isEmpty();
        List<SourceRecord> recs = records(rs);
        SourceRecord ae1 = recs.getFirst();
        assertThat(ae1.people().getFirst().givenNames()).isEqualTo("Jade Rose");
        assertThat(ae1.people().getFirst().familyName()).isEqualTo("Jackson");
        assertThat(ae1.people().get(1).givenNames()).isEqualTo("Kerry");
        assertThat(ae1.title()).isEqualTo("Head injury");
        assertThat(ae1.codes()).containsEntry("first_given", "Jade").containsEntry("all_given", "Jade+Rose")
                .containsEntry("last_alias", "Jadey");
        assertThat(recs.get(1).people()).singleElement().satisfies(p -> assertThat(p.givenNames()).isEqualTo("Jayden"));
        assertThat(recs).allSatisfy(r -> assertThat(names(r)).doesNotContain("[").doesNotContain("\""));
    }

    @Test
    void datesComeFromATermCalendarOrFromSeveralColumns() {
        List<RowResult> rs = read("term-dates.yaml", "term_dates.csv");
        List<SourceRecord> recs = records(rs);
        assertThat(recs).extracting(r -> r.eventDate().toString())
                .containsExactly("2025-09-03", "2026-01-06", "2026-04-14", "2024-09-03");
        assertThat(recs.getFirst().people().getFirst().dateOfBirth().toString()).isEqualTo("2019-02-03");
        // Only the year is known: kept partial with a warning (date_of_birth partial defaults to keep).
        assertThat(recs.get(3).people().getFirst().dateOfBirth().toString()).isEqualTo("2015");
        assertThat(quarantined(rs)).singleElement().satisfies(q -> {
            assertThat(q.line()).isEqualTo(6);
            assertThat(q.field()).isEqualTo("Term");
            assertThat(q.reason()).contains("unknown term 'HALF'").contains("AUT, SPR, SUM");
        });
    }

    @Test
    void termCalendarAtEndUsesTheTermsLastDayAndDefaultEnglishTerms() {
        SourceMapping m = SourceMappingLoaderTest.load("""
                source: t
                agency: education
                files: ["t*.csv"]
                record:
                  id: id
                  type: attendance
                  date: { term_calendar: { academic_year: ay, term: term, at: end } }
                """);
        assertThat(m.record().date().calendar().terms()).containsKeys("AUT", "SPR", "SUM", "AUT1", "SUM2");
        RowMapper mapper = new RowMapper(m, "t.csv");
        assertThat(mapper.map(row(java.util.Map.of("id", "1", "ay", "2025/26", "term", "AUT2"))).draft().date.toString())
                .isEqualTo("2025-12-19");
        assertThat(mapper.map(row(java.util.Map.of("id", "2", "ay", "2025", "term", "SUM"))).draft().date.toString())
                .isEqualTo("2026-07-22");
    }

    @Test
    void computedValuesGiveAttendancePercentSumsAndDifferences() {
        List<RowResult> rs = read("computed.yaml", "attendance_sessions.csv");
        List<SourceRecord> recs = records(rs);
        assertThat(recs.getFirst().codes()).containsEntry("attendance_pct", "90")
                .containsEntry("absent_sessions", "14").containsEntry("present_sessions", "126");
        // Division by zero: absent, not an error.
        assertThat(recs.get(1).codes()).doesNotContainKey("attendance_pct").containsEntry("present_sessions", "0");
        // A value that is not a number: absent, with a warning naming the column.
        assertThat(recs.get(2).codes()).doesNotContainKey("attendance_pct");
        assertThat(warnings(rs)).anySatisfy(w -> {
            assertThat(w.field()).isEqualTo("Authorised");
            assertThat(w.message()).contains("'n/a' is not a number");
        });
        // Thousands separators are read.
        assertThat(recs.get(3).codes()).containsEntry("attendance_pct", "95");
    }

    @Test
    void conditionalValuesExistOnlyWhenTheOtherColumnSaysSo() {
        List<SourceRecord> recs = records(read("conditional.yaml", "police_risk.csv"));
        assertThat(recs.get(0).codes()).containsEntry("dash_level", "high").doesNotContainKeys("risk_grading", "has_weapon");
        assertThat(recs.get(1).codes()).doesNotContainKey("dash_level").containsEntry("risk_grading", "H")
                .containsEntry("has_weapon", "yes");
        // Codes are compared ignoring case.
        assertThat(recs.get(2).codes()).containsEntry("dash_level", "standard");
    }

    @Test
    void captureTakesAValueOutOfFreeText() {
        List<SourceRecord> recs = records(read("capture.yaml", "housing_notes.csv"));
        assertThat(recs.get(0).codes()).containsEntry("arrears_amount", "4056.56")
                .containsEntry("notice_type", "notice_seeking_possession");
        assertThat(recs.get(1).codes()).doesNotContainKeys("arrears_amount", "notice_type");
        assertThat(recs.get(2).codes()).containsEntry("arrears_amount", "312");
    }

    @Test
    void excludeGlobsKeepEvaluationFilesOutOfAMapping() {
        SourceMappings all = new SourceMappings(List.of(ExtractReaderTest.mapping("v2/exclude/mapping.yaml")));
        assertThat(all.claimant(Path.of("data/incidents.csv"))).isPresent();
        assertThat(all.claimant(Path.of("truth/links.csv"))).isEmpty();
        assertThat(all.excluded(Path.of("truth/links.csv"))).isTrue();
        assertThat(all.excluded(Path.of("truth/letter.txt"))).isTrue();
        assertThat(all.claimant(Path.of("data/links_expected.csv"))).isEmpty();
        assertThat(all.excluded(Path.of("data/readme.xyz"))).isFalse();
        // v1 callers that pass a file name still work.
        assertThat(all.forFile("incidents.csv")).isPresent();
    }

    /** A CSV-like row from a map, for mapper tests. */
    static Row row(java.util.Map<String, String> values) {
        return new Row() {
            @Override public String get(String column) {
                String v = values.get(column);
                return v == null || v.isBlank() ? null : v.trim();
            }
            @Override public boolean has(String column) { return values.containsKey(column); }
            @Override public List<Row> each(String path) { return List.of(); }
            @Override public long firstLine() { return 2; }
            @Override public long lastLine() { return 2; }
            @Override public String raw() { return values.toString(); }
        };
    }
}

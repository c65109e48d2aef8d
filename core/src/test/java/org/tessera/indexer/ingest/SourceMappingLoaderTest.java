package org.tessera.indexer.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceMappingLoaderTest {
    static final String MINIMAL = """
            source: tiny
            agency: housing
            files: ["tiny*.csv"]
            record:
              id: ref
              type: eviction
              date: { column: d, formats: ["dd/MM/yyyy"] }
            people:
              - role: subject
                full_name: name
            """;

    static SourceMapping load(String yaml) {
        return new SourceMappingLoader().load("test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void loadsAMinimalMappingWithDefaults() {
        SourceMapping m = load(MINIMAL);
        assertThat(m.format().type()).isEqualTo(SourceMapping.FormatType.CSV);
        assertThat(m.format().delimiter()).isEqualTo(',');
        assertThat(m.format().encoding().name()).isEqualTo("UTF-8");
        assertThat(m.record().type()).isEqualTo(new ValueSpec.Constant("eviction"));
        assertThat(m.record().date().required()).isTrue();
        assertThat(m.people().getFirst().role()).isEqualTo(new ValueSpec.Constant("subject"));
        assertThat(m.matches("tiny_2024.csv")).isTrue();
        assertThat(m.matches("other.csv")).isFalse();
    }

    @Test
    void loadsTheSpecExampleUnchanged() {
        SourceMapping m = new SourceMappingLoader().load(ExtractReaderTest.resource("police-incidents.yaml"));
        assertThat(m.record().groupBy()).isEqualTo("incident_ref");
        assertThat(m.record().codes()).containsKeys("dash_level", "outcome", "flags");
        assertThat(m.people().getFirst().identifiers()).containsKeys("nhs_number", "pnc", "source_person_id");
    }

    @Test
    void rejectsAnUnknownKeyNamingFileAndKeyPath() {
        assertThatThrownBy(() -> load(MINIMAL.replace("full_name: name", "full_name: name\n    nick_name: nn")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("test.yaml")
                .hasMessageContaining("people[0].nick_name")
                .hasMessageContaining("unknown key");
    }

    @Test
    void rejectsABadDatePattern() {
        assertThatThrownBy(() -> load(MINIMAL.replace("\"dd/MM/yyyy\"", "\"dd/MM/yyyy\", \"dd/bb/yyyy\"")))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("record.date.formats[1]")
                .hasMessageContaining("bad date pattern 'dd/bb/yyyy'");
    }

    @Test
    void rejectsADatePatternWithoutAYear() {
        assertThatThrownBy(() -> load(MINIMAL.replace("\"dd/MM/yyyy\"", "\"dd/MM\"")))
                .isInstanceOf(MappingException.class).hasMessageContaining("has no year");
    }

    @Test
    void rejectsAnUnknownRoleAndAnUnknownMappedRole() {
        assertThatThrownBy(() -> load(MINIMAL.replace("role: subject", "role: child")))
                .isInstanceOf(MappingException.class).hasMessageContaining("people[0].role").hasMessageContaining("unknown role 'child'");
        assertThatThrownBy(() -> load(MINIMAL.replace("role: subject", "role: { column: r, map: { C: kid } }")))
                .isInstanceOf(MappingException.class).hasMessageContaining("people[0].role.map.C");
    }

    @Test
    void rejectsAnUnknownAgency() {
        assertThatThrownBy(() -> load(MINIMAL.replace("agency: housing", "agency: council")))
                .isInstanceOf(MappingException.class).hasMessageContaining("agency").hasMessageContaining("unknown agency 'council'");
    }

    @Test
    void rejectsBadSeverityAndMissingRecordId() {
        assertThatThrownBy(() -> load(MINIMAL.replace("type: eviction", "type: { column: t, map: { E: eviction }, unknown: warn }")))
                .isInstanceOf(MappingException.class).hasMessageContaining("record.type.unknown").hasMessageContaining("warn");
        assertThatThrownBy(() -> load(MINIMAL.replace("  id: ref\n", "")))
                .isInstanceOf(MappingException.class).hasMessageContaining("record.id").hasMessageContaining("required");
    }

    @Test
    void rejectsInvalidYamlWithItsLine() {
        assertThatThrownBy(() -> load("source: a\nagency: police\nfiles: [x\n"))
                .isInstanceOf(MappingException.class).hasMessageContaining("not valid YAML").hasMessageContaining("line");
    }

    @Test
    void rejectsTwoMappingsWithOneSourceId() {
        assertThatThrownBy(() -> new SourceMappings(java.util.List.of(load(MINIMAL), load(MINIMAL))))
                .isInstanceOf(MappingException.class).hasMessageContaining("source id 'tiny'");
    }

    @Test
    void readsEnglishMonthAbbreviationsInAnyCaseIncludingSept() {
        SourceMapping m = load(MINIMAL.replace("\"dd/MM/yyyy\"", "\"dd-MMM-yyyy\""));
        var formatters = m.record().date().formatters();
        assertThat(DatePatterns.parse("27-Sep-2024", formatters)).isEqualTo(new DatePatterns.Parsed.Full(PartialDate.of(java.time.LocalDate.of(2024, 9, 27))));
        assertThat(DatePatterns.parse("27-SEP-2024", formatters)).isInstanceOf(DatePatterns.Parsed.Full.class);
        assertThat(DatePatterns.parse("27-Sept-2024", formatters)).isInstanceOf(DatePatterns.Parsed.Full.class);
        assertThat(DatePatterns.parse("31-Sep-2024", formatters)).isEqualTo(new DatePatterns.Parsed.Partial(PartialDate.ofYearMonth(2024, 9)));
    }

    @Test
    void splitsFullNamesInBothOrders() {
        assertThat(RowMapper.splitFullName("Mary Ann Smith")).containsExactly("Mary Ann", "Smith");
        assertThat(RowMapper.splitFullName("SMITH, Mary Ann")).containsExactly("Mary Ann", "SMITH");
        assertThat(RowMapper.splitFullName("Cher")).containsExactly(null, "Cher");
    }

    private static void rejects(String people, String record, String path, String problem) {
        String yaml = """
                source: v2
                agency: housing
                files: ["v2*.csv"]
                record:
                  id: ref
                  type: eviction
                  date: { column: d, formats: ["dd/MM/yyyy"] }
                """ + record + (people.isEmpty() ? "" : "people:\n" + people);
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(MappingException.class)
                .hasMessageContaining("test.yaml").hasMessageContaining(path).hasMessageContaining(problem);
    }

    @Test
    void rejectsBadV2ConfigurationWithFileAndKeyPath() {
        rejects("  - role: household_member\n    list: { column: hh, pattern: \"(?<name>[^(]+\" }\n    full_name: name\n",
                "", "people[0].list.pattern", "bad pattern");
        rejects("  - role: household_member\n    list: { column: hh, pattern: \"([^(]+)\" }\n",
                "", "people[0].list.pattern", "named group");
        rejects("  - role: household_member\n    list: { column: hh, unmatched: maybe }\n",
                "", "people[0].list.unmatched", "expected warning or error");
        rejects("  - role: subject\n    full_name: n\n    name_format: surname_first\n",
                "", "people[0].name_format", "family_first");
        rejects("  - role: subject\n    full_name: n\n    titles: drop\n", "", "people[0].titles", "strip or keep");
        rejects("", "  codes:\n    x: { column: given, element: first }\n", "record.codes.x.element", "whole number");
        rejects("", "  codes:\n    x: { column: given, element: 0, join: \" \" }\n", "record.codes.x.join", "either element or join");
        rejects("", "  codes:\n    x: { compute: \"100 * (a - b\" }\n", "record.codes.x.compute", "missing ')'");
        rejects("", "  codes:\n    x: { compute: \"a + b\", column: c }\n", "record.codes.x.column", "compute takes only");
        rejects("", "  codes:\n    x: { column: notes, capture: \"£(\" }\n", "record.codes.x.capture", "bad pattern");
        rejects("", "  codes:\n    x: { column: notes, as: money }\n", "record.codes.x.as", "text or number");
        rejects("", "  codes:\n    x: { column: risk, when: { column: t, is: [A], is_not: [B] } }\n", "record.codes.x.when", "either is or is_not");
        rejects("", "  codes:\n    x: { column: risk, when: { col: t } }\n", "record.codes.x.when.col", "unknown key");
        rejects("  - role: { compute: \"a + b\" }\n", "", "people[0].role", "computed value cannot give a canonical role");
    }

    @Test
    void rejectsBadTermCalendarsAndDateTemplatesWithKeyPath() {
        String base = """
                source: v2
                agency: education
                files: ["v2*.csv"]
                record:
                  id: ref
                  type: attendance
                  date:
                """;
        assertThatThrownBy(() -> load(base + "    term_calendar: { academic_year: ay, term: t, terms: { AUT: { start: \"9/1\", end: \"12-20\" } } }\n"))
                .hasMessageContaining("record.date.term_calendar.terms.AUT.start").hasMessageContaining("MM-dd");
        assertThatThrownBy(() -> load(base + "    term_calendar: { academic_year: ay, term: t, at: middle }\n"))
                .hasMessageContaining("record.date.term_calendar.at");
        assertThatThrownBy(() -> load(base + "    term_calendar: { academic_year: ay }\n"))
                .hasMessageContaining("record.date.term_calendar.term").hasMessageContaining("required key missing");
        assertThatThrownBy(() -> load(base + "    term_calendar: { academic_year: ay, term: t }\n    column: d\n"))
                .hasMessageContaining("record.date.term_calendar").hasMessageContaining("not both");
        assertThatThrownBy(() -> load(base + "    column: \"{d}/{m\"\n    formats: [\"d/M/yyyy\"]\n"))
                .hasMessageContaining("record.date.column").hasMessageContaining("unclosed");
    }

    @Test
    void rejectsABadExcludeGlob() {
        assertThatThrownBy(() -> load(MINIMAL + "exclude: [\"truth/[**\"]\n"))
                .hasMessageContaining("exclude[0]").hasMessageContaining("bad glob");
    }

    @Test
    void v1MappingsLoadWithV2DefaultsThatChangeNothing() {
        SourceMapping m = load(MINIMAL);
        assertThat(m.exclude()).isEmpty();
        assertThat(m.people().getFirst().nameFormat()).isEqualTo(SourceMapping.NameFormat.AUTO);
        assertThat(m.people().getFirst().list()).isNull();
        assertThat(m.record().date().calendar()).isNull();
    }
}

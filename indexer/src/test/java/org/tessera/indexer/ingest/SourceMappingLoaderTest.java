package org.tessera.indexer.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceMappingLoaderTest {
    private static final String MINIMAL = """
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
}

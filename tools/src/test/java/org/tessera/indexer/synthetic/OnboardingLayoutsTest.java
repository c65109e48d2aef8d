package org.tessera.indexer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappingLoader;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.synthetic.notes.TemplateSet;
import org.tessera.indexer.synthetic.output.LayoutSet;

/**
 * The ONBOARDING layouts hold the same county as the CLASSIC ones, and the shipped v2 mappings
 * read them back to the same records: names read surname-first, FHIR-like given-name arrays,
 * term-calendar dates, computed attendance percentages, arrears captured from notes, and every
 * household member from the household column.
 */
class OnboardingLayoutsTest {

    @TempDir
    static Path tmp;
    static GenerationSummary classic;
    static GenerationSummary onboarding;

    @BeforeAll
    static void generate() throws IOException {
        GeneratorSettings s = new GeneratorSettings(7, 300, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.0, false);
        classic = new CountyGenerator(s, LayoutSet.CLASSIC).generate(tmp.resolve("classic"));
        onboarding = new CountyGenerator(s, LayoutSet.ONBOARDING).generate(tmp.resolve("onboarding"));
    }

    static Map<String, SourceRecord> read(String layout, String source) throws IOException {
        SourceMapping m = new SourceMappingLoader().load(Path.of("..", "mappings", "sources", source + ".yaml"));
        Path data = tmp.resolve(layout).resolve("data");
        List<Path> files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.filter(Files::isRegularFile).filter(p -> m.claims(data.relativize(p))).sorted().toList();
        }
        assertThat(files).as(source + " in " + layout).isNotEmpty();
        Map<String, SourceRecord> out = new LinkedHashMap<>();
        for (Path f : files) {
            try (Stream<RowResult> rows = new ExtractReader(m).read(f)) {
                for (RowResult r : rows.toList()) {
                    assertThat(r).as(source + ": " + r).isNotInstanceOf(RowResult.Quarantined.class);
                    if (r instanceof RowResult.Notice n) {
                        assertThat(n.issue().message()).as(source).doesNotContain("not in the header");
                    }
                    if (r instanceof RowResult.Accepted a) {
                        out.put(a.record().recordId(), a.record());
                    }
                }
            }
        }
        return out;
    }

    static String identity(InvolvedPerson p) {
        return p.role() + "|" + p.givenNames() + "|" + (p.familyName() == null ? null : p.familyName().toLowerCase(Locale.ROOT))
                + "|" + p.dateOfBirth() + "|" + p.identifiers().get("nhs_number") + "|" + p.identifiers().get("pnc");
    }

    @Test
    void bothLayoutSetsHoldTheSameCounty() {
        assertThat(onboarding.households()).isEqualTo(classic.households());
        assertThat(onboarding.records()).isEqualTo(classic.records());
        assertThat(onboarding.recordsPerSource()).containsKeys("police_occurrences", "housing_tenancy_household", "health_ae_fhir",
                "education_attendance_terms").doesNotContainKeys("police_incidents", "housing_tenancy_events",
                "health_ae_attendances", "education_attendance");
        assertThat(onboarding.recordsPerSource().get("police_occurrences")).isEqualTo(classic.recordsPerSource().get("police_incidents"));
        assertThat(onboarding.recordsPerSource().get("education_attendance_terms")).isEqualTo(classic.recordsPerSource().get("education_attendance"));
    }

    @Test
    void policeNominalsWrittenSurnameFirstReadBackToTheSamePeopleAndDashGradings() throws IOException {
        Map<String, SourceRecord> a = read("classic", "police_incidents");
        Map<String, SourceRecord> b = read("onboarding", "police_occurrences");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((id, rec) -> {
            SourceRecord other = b.get(id);
            assertThat(other.people().stream().map(OnboardingLayoutsTest::identity).toList()).as(id)
                    .isEqualTo(rec.people().stream().map(OnboardingLayoutsTest::identity).toList());
            assertThat(other.codes().get("dash_level")).as(id).isEqualTo(rec.codes().get("dash_level"));
            assertThat(other.recordType()).isEqualTo(rec.recordType());
            assertThat(other.eventDate()).isEqualTo(rec.eventDate());
        });
        assertThat(b.values()).anyMatch(r -> r.codes().containsKey("vulnerability"))
                .allMatch(r -> !r.codes().containsKey("dash_level") || r.recordType().equals("domestic_incident"));
    }

    @Test
    void fhirLikeNamesReadBackWithoutArrayText() throws IOException {
        Map<String, SourceRecord> a = read("classic", "health_ae_attendances");
        Map<String, SourceRecord> b = read("onboarding", "health_ae_fhir");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((id, rec) -> {
            SourceRecord other = b.get(id);
            assertThat(other.people().stream().map(OnboardingLayoutsTest::identity).toList()).as(id)
                    .isEqualTo(rec.people().stream().map(OnboardingLayoutsTest::identity).toList());
            assertThat(other.eventDate()).isEqualTo(rec.eventDate());
            assertThat(other.text()).isEqualTo(rec.text());
            assertThat(other.codes().get("safeguarding_concern")).isEqualTo(rec.codes().get("safeguarding_concern"));
        });
        assertThat(b.values()).allSatisfy(r -> assertThat(r.people().getFirst().givenNames()).doesNotContain("[", "\""));
        assertThat(b.values()).anyMatch(r -> !r.people().getFirst().otherNames().isEmpty());
    }

    @Test
    void termCalendarDatesAndComputedPercentagesMatchTheDatedLayout() throws IOException {
        Map<String, SourceRecord> a = read("classic", "education_attendance");
        Map<String, SourceRecord> b = read("onboarding", "education_attendance_terms");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((id, rec) -> {
            SourceRecord other = b.get(id);
            assertThat(other.eventDate()).as(id).isEqualTo(rec.eventDate());
            assertThat(Double.parseDouble(other.codes().get("attendance_pct"))).as(id)
                    .isEqualTo(Double.parseDouble(rec.codes().get("attendance_pct")));
            assertThat(other.codes().get("unauthorised_sessions")).isEqualTo(rec.codes().get("unauthorised_sessions"));
            assertThat(other.codes().get("sessions_present")).isEqualTo(rec.codes().get("sessions_present"));
        });
    }

    @Test
    void householdColumnGivesEveryMemberAndArrearsComeFromTheNote() throws IOException {
        Map<String, SourceRecord> a = read("classic", "housing_tenancy_events");
        Map<String, SourceRecord> b = read("onboarding", "housing_tenancy_household");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        long members = 0;
        for (var e : a.entrySet()) {
            SourceRecord other = b.get(e.getKey());
            assertThat(identity(other.people().getFirst())).isEqualTo(identity(e.getValue().people().getFirst()));
            List<InvolvedPerson> rest = new ArrayList<>(other.people().subList(1, other.people().size()));
            assertThat(rest).allSatisfy(p -> {
                assertThat(p.role()).isEqualTo("household_member");
                assertThat(p.givenNames()).isNotBlank();
                assertThat(p.dateOfBirth()).isNotNull();
            });
            members += rest.size();
            String classicArrears = e.getValue().codes().get("arrears_amount");
            if (e.getValue().recordType().equals("rent_arrears")) {
                assertThat(Math.floor(Double.parseDouble(other.codes().get("arrears_amount")))).as(e.getKey())
                        .isEqualTo(Double.parseDouble(classicArrears));
            }
        }
        assertThat(members).isPositive();
    }
}

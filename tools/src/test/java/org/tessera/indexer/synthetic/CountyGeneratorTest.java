package org.tessera.indexer.synthetic;

import org.tessera.indexer.normalise.NhsNumber;
import org.tessera.indexer.normalise.Upn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.synthetic.notes.TemplateSet;
import org.tessera.indexer.synthetic.population.IdentifierGenerator;

/**
 * Generates a small seeded county once and checks its shape against the documented targets in
 * {@code src/test/resources/synthetic/shape-targets.properties}.
 */
class CountyGeneratorTest {
    private static final int CHILDREN = 2_000;
    private static final Set<String> HIGH = Set.of("PAR02", "PAR05", "PAR06", "PAR11", "PAR12", "PHY01", "PHY03",
            "PHY09", "SEX01", "EMO02", "EMO03", "EMO05", "EXP05", "HLT03", "MIS02", "NEG12", "CJ01");

    private static final Set<String> ONBOARDING_SOURCES = Set.of("police_occurrences", "housing_tenancy_household",
            "health_ae_fhir", "education_attendance_terms");

    @TempDir
    static Path tmp;
    static Path out;
    static GenerationSummary summary;
    static Properties targets = new Properties();

    @BeforeAll
    static void generate() throws IOException {
        out = tmp.resolve("a");
        summary = new CountyGenerator(settings(42)).generate(out);
        try (InputStream in = CountyGeneratorTest.class.getResourceAsStream("/synthetic/shape-targets.properties")) {
            targets.load(in);
        }
    }

    static GeneratorSettings settings(long seed) {
        return new GeneratorSettings(seed, CHILDREN, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.04, true);
    }

    private static void assertWithinTarget(String key, double value) {
        String[] range = targets.getProperty(key).split("\\.\\.");
        assertThat(value).as("%s (target %s)", key, targets.getProperty(key))
                .isBetween(Double.parseDouble(range[0]), Double.parseDouble(range[1]));
    }

    static List<CSVRecord> csv(Path file, char delimiter, Charset cs) throws IOException {
        try (Reader r = Files.newBufferedReader(file, cs)) {
            return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).get()
                    .parse(r).getRecords();
        }
    }

    static List<CSVRecord> truth(String name) throws IOException {
        return csv(out.resolve("ground-truth").resolve(name), ',', StandardCharsets.UTF_8);
    }

    @Test
    void sameSeedWritesByteIdenticalFiles() throws Exception {
        Path b = tmp.resolve("b");
        new CountyGenerator(settings(42)).generate(b);
        assertThat(hashes(b)).isEqualTo(hashes(out));
        Path c = tmp.resolve("c");
        new CountyGenerator(new GeneratorSettings(43, 200, 3, LocalDate.of(2026, 6, 30), TemplateSet.ALL, 0.04, false))
                .generate(c);
        assertThat(hashes(c).get("data/education_attendance.csv"))
                .isNotEqualTo(hashes(out).get("data/education_attendance.csv"));
    }

    private static Map<String, String> hashes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString();
                if (rel.endsWith("summary.json")) {
                    continue; // holds the elapsed seconds
                }
                out.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    @Test
    void everyMappedLayoutHasFilesAndRows() throws IOException {
        Path mappings = Path.of("..", "mappings", "sources");
        List<String> sources;
        try (Stream<Path> s = Files.list(mappings)) {
            // The FEBRL reference sets have mappings too; they are not the county's layouts.
            // The ONBOARDING layouts' mappings read the other layout set (OnboardingLayoutsTest).
            sources = s.map(p -> p.getFileName().toString().replace(".yaml", ""))
                    .filter(name -> !name.startsWith("febrl")).filter(name -> !ONBOARDING_SOURCES.contains(name))
                    .sorted().toList();
        }
        assertThat(sources).hasSize(15);
        assertThat(summary.recordsPerSource().keySet()).containsExactlyInAnyOrderElementsOf(sources);
        summary.recordsPerSource().forEach((k, v) -> assertThat(v).as(k).isPositive());
        try (Stream<Path> s = Files.list(out.resolve("data"))) {
            Set<String> names = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            for (String source : sources) {
                String yaml = Files.readString(mappings.resolve(source + ".yaml"));
                String glob = yaml.lines().filter(l -> l.startsWith("files:")).findFirst().orElseThrow()
                        .replaceAll(".*\\[\"(.*)\"].*", "$1");
                var matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob);
                assertThat(names.stream().anyMatch(n -> matcher.matches(Path.of(n)))).as(source + " " + glob).isTrue();
            }
        }
        try (Stream<Path> s = Files.walk(out.resolve("data").resolve("documents"))) {
            Set<String> ext = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .map(n -> n.endsWith(".meta.json") ? "meta" : n.substring(n.lastIndexOf('.') + 1))
                    .collect(Collectors.toSet());
            assertThat(ext).contains("pdf", "docx", "eml", "meta");
        }
        List<CSVRecord> docs = truth("documents.csv");
        assertThat(docs).anyMatch(r -> r.get("has_sidecar").equals("true"))
                .anyMatch(r -> r.get("has_sidecar").equals("false"));
    }

    @Test
    void everyRecordTypeCodeIsPresent() throws IOException {
        Path data = out.resolve("data");
        Set<String> police = new HashSet<>();
        try (Stream<Path> s = Files.list(data)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("police_incidents_")).toList()) {
                csv(p, ',', StandardCharsets.UTF_8).forEach(r -> police.add(r.get("incident_type")));
            }
        }
        assertThat(police).containsExactlyInAnyOrder("DOM", "ASB", "MISS", "CONC", "CRIM", "INTEL");
        assertThat(column(data.resolve("health_appointments.csv"), ',', StandardCharsets.UTF_8, "outcome"))
                .contains("ATT", "WNB", "DNA", "CAN");
        assertThat(column(data.resolve("health_visiting_contacts.csv"), ',', StandardCharsets.UTF_8, "contact_type"))
                .contains("ANTENATAL", "NBV", "6-8WK", "12M", "2-2.5Y", "ADDITIONAL");
        assertThat(column(data.resolve("education_pastoral_log.csv"), ',', StandardCharsets.UTF_8, "category"))
                .contains("Operation Encompass", "Safeguarding", "Welfare");
        assertThat(column(data.resolve("education_exclusions.csv"), ',', StandardCharsets.UTF_8, "category"))
                .contains("SUSP");
        assertThat(column(data.resolve("housing_tenancy_events.csv"), ',', Charset.forName("windows-1252"),
                "event_type")).contains("TEN_START", "ARREARS", "NOSP", "ASB_COMPLAINT", "EVICTION");
        assertThat(column(data.resolve("probation_supervision.csv"), '|', StandardCharsets.UTF_8, "event_type"))
                .contains("START", "REVIEW", "END");
        assertThat(column(data.resolve("csc_cp_plans.csv"), ',', StandardCharsets.UTF_8, "Initial Category of Abuse"))
                .isNotEmpty();
        assertThat(Files.readString(data.resolve("csc_assessments.jsonl"))).contains("\"factors\":\"3B,4B,1B\"");
    }

    private static Set<String> column(Path file, char d, Charset cs, String name) throws IOException {
        return csv(file, d, cs).stream().map(r -> r.get(name)).collect(Collectors.toSet());
    }

    @Test
    void plantedTrajectoriesHaveTheDocumentedShares() throws IOException {
        List<CSVRecord> trajectories = truth("trajectories.csv");
        Map<String, Set<String>> childrenByKind = new HashMap<>();
        trajectories.forEach(r -> childrenByKind.computeIfAbsent(r.get("kind"), k -> new HashSet<>())
                .add(r.get("child_person_id")));
        long children = summary.children();
        assertWithinTarget("children.share.cumulative", childrenByKind.get("cumulative").size() / (double) children);
        assertWithinTarget("children.share.acute", childrenByKind.get("acute").size() / (double) children);
        assertWithinTarget("children.share.resolved", childrenByKind.get("resolved").size() / (double) children);
        Set<String> any = new HashSet<>();
        childrenByKind.values().forEach(any::addAll);
        assertWithinTarget("children.share.ordinary", 1 - any.size() / (double) children);
    }

    @Test
    void cumulativeTrajectoriesSpanAgenciesWithAtMostOneHighEventAtTheirEndAndAcuteOnesHaveOne() throws IOException {
        Map<String, String> kindOf = new HashMap<>();
        Map<String, String> endOf = new HashMap<>();
        truth("trajectories.csv").forEach(r -> {
            kindOf.put(r.get("trajectory_id"), r.get("kind"));
            endOf.put(r.get("trajectory_id"), r.get("end"));
        });
        Map<String, Set<String>> agencies = new HashMap<>();
        Map<String, Long> highs = new HashMap<>();
        Map<String, Set<String>> highDates = new HashMap<>();
        for (CSVRecord r : truth("indicator_events.csv")) {
            String t = r.get("trajectory_id");
            if (t.isEmpty()) {
                continue;
            }
            agencies.computeIfAbsent(t, k -> new HashSet<>()).add(r.get("source").split("_")[0]);
            if (HIGH.contains(r.get("indicator_id"))) {
                highs.merge(t, 1L, Long::sum);
                highDates.computeIfAbsent(t, k -> new HashSet<>()).add(r.get("event_date").substring(0, 10));
            }
        }
        List<String> cumulative = kindOf.entrySet().stream().filter(e -> e.getValue().equals("cumulative"))
                .map(Map.Entry::getKey).filter(agencies::containsKey).toList();
        // Nothing crosses a threshold during the pattern; some end in one escalation (TrajectoryPlanner.P_ESCALATION).
        assertThat(cumulative).isNotEmpty().allSatisfy(t -> {
            assertThat(highs.getOrDefault(t, 0L)).as(t).isLessThanOrEqualTo(1L);
            // on the end date, give or take the office day it was recorded on
            LocalDate end = LocalDate.parse(endOf.get(t));
            assertThat(highDates.getOrDefault(t, Set.of())).as(t)
                    .allSatisfy(d -> assertThat(LocalDate.parse(d)).isBetween(end.minusDays(7), end.plusDays(7)));
        });
        assertThat(cumulative).anyMatch(highs::containsKey).anyMatch(t -> !highs.containsKey(t));
        long spanning = cumulative.stream().filter(t -> agencies.get(t).size() >= 3).count();
        assertWithinTarget("cumulative.share.spanning_3_agencies", spanning / (double) cumulative.size());
        kindOf.entrySet().stream().filter(e -> e.getValue().equals("acute")).map(Map.Entry::getKey)
                .forEach(t -> assertThat(highs.getOrDefault(t, 0L)).as(t).isEqualTo(1L));
    }

    @Test
    void identityNoiseRateIsWithinTargetAndIdentifiersAreValid() throws IOException {
        List<CSVRecord> occ = truth("occurrences.csv");
        long noisy = occ.stream().filter(r -> !r.get("noise").isEmpty()).count();
        assertWithinTarget("occurrences.share.noisy", noisy / (double) occ.size());
        Set<String> kinds = occ.stream().flatMap(r -> Stream.of(r.get("noise").split(";"))).collect(Collectors.toSet());
        assertThat(kinds).contains("nickname", "misspelt_surname", "dob_day_month_swapped", "previous_surname",
                "hyphenated_surname", "nhs_missing", "upn_missing", "upn_invalid", "unborn");
        for (CSVRecord p : truth("persons.csv")) {
            if (!p.get("nhs_number").isEmpty()) {
                assertThat(NhsNumber.isValid(p.get("nhs_number"))).isTrue();
            }
            if (!p.get("upn").isEmpty()) {
                assertThat(Upn.isValid(p.get("upn"))).isTrue();
            }
        }
        List<CSVRecord> att = csv(out.resolve("data/education_attendance.csv"), ';', StandardCharsets.UTF_8);
        long missing = att.stream().filter(r -> r.get("upn").isEmpty()).count();
        long invalid = att.stream().filter(r -> !r.get("upn").isEmpty() && !Upn.isValid(r.get("upn")))
                .count();
        assertWithinTarget("education_attendance.share.missing_upn", missing / (double) att.size());
        assertWithinTarget("education_attendance.share.invalid_upn", invalid / (double) att.size());
        assertThat(invalid).isPositive();
        long persistent = att.stream().filter(r -> Integer.parseInt(r.get("sessions_present"))
                < 0.9 * Integer.parseInt(r.get("sessions_possible"))).count();
        assertWithinTarget("attendance.share.persistent_absence_halfterms", persistent / (double) att.size());
    }

    @Test
    void populationHasTwinsNamesakesMovesAndNewPartners() throws IOException {
        List<CSVRecord> persons = truth("persons.csv");
        Map<String, List<CSVRecord>> byHousehold = persons.stream()
                .collect(Collectors.groupingBy(r -> r.get("household_id")));
        long twins = byHousehold.values().stream().filter(m -> m.stream().filter(r -> r.get("household_role")
                .equals("child")).collect(Collectors.groupingBy(r -> r.get("date_of_birth"))).values().stream()
                .anyMatch(g -> g.size() > 1)).count();
        long namesakes = byHousehold.values().stream().filter(m -> m.stream().anyMatch(f -> f.get("household_role")
                .equals("father") && m.stream().anyMatch(c -> c.get("household_role").equals("child")
                && c.get("given_name").equals(f.get("given_name")) && c.get("family_name").equals(f.get("family_name")))))
                .count();
        long partners = persons.stream().filter(r -> !r.get("joined").isEmpty()).count();
        long unborn = persons.stream().filter(r -> LocalDate.parse(r.get("date_of_birth"))
                .isAfter(LocalDate.of(2026, 6, 30))).count();
        Map<String, Long> spells = truth("addresses.csv").stream()
                .collect(Collectors.groupingBy(r -> r.get("household_id"), Collectors.counting()));
        assertThat(twins).isPositive();
        assertThat(namesakes).isPositive();
        assertThat(partners).isPositive();
        assertThat(unborn).isPositive();
        assertThat(spells.values().stream().filter(n -> n > 1).count()).isGreaterThan(spells.size() / 20);
        assertThat(truth("addresses.csv")).allMatch(r -> r.get("postcode").matches("TC\\d{1,2} \\d[A-Z]{2}"));
    }

    @Test
    void distractorMentionsHaveTheDocumentedShareAndSitAtTheirOffsets() throws IOException {
        List<CSVRecord> distractors = truth("distractor_mentions.csv");
        Set<String> cues = distractors.stream().map(r -> r.get("cue")).collect(Collectors.toSet());
        assertThat(cues).contains("negated", "hypothetical", "historical", "hedged");
        Map<String, String> notes = new HashMap<>();
        for (CSVRecord r : csv(out.resolve("data/education_pastoral_log.csv"), ',', StandardCharsets.UTF_8)) {
            notes.put(r.get("log_id"), r.get("note"));
        }
        long checked = 0;
        for (CSVRecord d : distractors) {
            if (d.get("source").equals("education_pastoral_log")) {
                String text = notes.get(d.get("record_id"));
                assertThat(text.substring(Integer.parseInt(d.get("cue_start")), Integer.parseInt(d.get("cue_end"))))
                        .isEqualTo(d.get("cue_phrase"));
                checked++;
            }
        }
        assertThat(checked).isPositive();
        long textRecords;
        try (Stream<String> lines = Files.lines(out.resolve("ground-truth/note_annotations.jsonl"))) {
            textRecords = lines.count();
        }
        long withDistractor = distractors.stream().map(r -> r.get("source") + "|" + r.get("record_id")).distinct()
                .count();
        assertWithinTarget("text_records.share.with_distractor", withDistractor / (double) textRecords);
    }

    @Test
    void plantedCuePhrasesSitAtTheirOffsetsInTheExtracts() throws IOException {
        Map<String, String> notes = new HashMap<>();
        for (CSVRecord r : csv(out.resolve("data/csc_contacts.csv"), ',', StandardCharsets.UTF_8)) {
            notes.put(r.get("Contact ID"), r.get("Contact Summary"));
        }
        List<CSVRecord> planted = truth("indicator_events.csv").stream()
                .filter(r -> r.get("source").equals("csc_contacts") && !r.get("cue_start").isEmpty()).toList();
        assertThat(planted).isNotEmpty().allSatisfy(r -> assertThat(notes.get(r.get("record_id"))
                .substring(Integer.parseInt(r.get("cue_start")), Integer.parseInt(r.get("cue_end"))))
                .isEqualTo(r.get("cue_phrase")));
    }

    @Test
    void noteAnnotationsDescribeTheTextWrittenInTheExtracts() throws IOException {
        // source -> file, delimiter, charset, id column, text column
        Object[][] layouts = {
            {"police_incidents", "police_incidents_2025.csv", ',', StandardCharsets.UTF_8, "incident_ref", "narrative"},
            {"health_ae_attendances", "health_ae_attendances.csv", ',', StandardCharsets.UTF_8, "attendance_id",
                "clinical_notes"},
            {"health_visiting_contacts", "health_visiting_contacts.csv", ',', StandardCharsets.UTF_8, "contact_id",
                "contact_notes"},
            {"education_pastoral_log", "education_pastoral_log.csv", ',', StandardCharsets.UTF_8, "log_id", "note"},
            {"csc_contacts", "csc_contacts.csv", ',', StandardCharsets.UTF_8, "Contact ID", "Contact Summary"},
            {"housing_tenancy_events", "housing_tenancy_events.csv", ',', Charset.forName("windows-1252"), "event_id",
                "notes"},
            {"probation_supervision", "probation_supervision.csv", '|', StandardCharsets.UTF_8, "contact_id",
                "om_notes"}};
        ObjectMapperHolder json = new ObjectMapperHolder();
        Map<String, Map<String, String>> texts = new HashMap<>();
        for (Object[] l : layouts) {
            Map<String, String> byId = new HashMap<>();
            for (CSVRecord r : csv(out.resolve("data").resolve((String) l[1]), (char) l[2], (Charset) l[3])) {
                byId.put(r.get((String) l[4]), r.get((String) l[5]));
            }
            texts.put((String) l[0], byId);
        }
        long checked = 0;
        for (String line : Files.readAllLines(out.resolve("ground-truth/note_annotations.jsonl"))) {
            var node = json.mapper.readTree(line);
            Map<String, String> byId = texts.get(node.get("source").asText());
            String written = byId == null ? null : byId.get(node.get("record_id").asText());
            if (written == null) {
                continue;
            }
            String text = node.get("text").asText();
            // windows-1252 turns characters it cannot hold into '?'; compare lengths and spans then.
            assertThat(written).hasSizeGreaterThanOrEqualTo(text.length());
            for (var span : node.get("spans")) {
                int s = span.get("start").asInt();
                int e = span.get("end").asInt();
                String mention = text.substring(s, e);
                assertThat(written.substring(s, e)).isIn(mention, mention.replaceAll("[^\\x00-\\xFF]", "?"));
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    private static final class ObjectMapperHolder {
        final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    @Test
    void recordIdsAreUniqueWithinEachSource() throws IOException {
        Set<String> seen = new HashSet<>();
        for (CSVRecord r : truth("occurrences.csv")) {
            assertThat(seen.add(r.get("source") + "|" + r.get("record_id") + "|" + r.get("slot")))
                    .as("two occurrences in slot %s of %s %s", r.get("slot"), r.get("source"), r.get("record_id"))
                    .isTrue();
        }
    }

    @Test
    void everyOccurrenceNamesAKnownPerson() throws IOException {
        Set<String> ids = truth("persons.csv").stream().map(r -> r.get("person_id")).collect(Collectors.toSet());
        assertThat(truth("occurrences.csv")).allMatch(r -> ids.contains(r.get("person_id")));
        assertThat(summary.personOccurrences()).isGreaterThan(summary.records());
    }
}

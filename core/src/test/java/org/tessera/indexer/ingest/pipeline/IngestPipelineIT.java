package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

@ExtendWith(OpenSearchExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestPipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static IngestReport first;
    @TempDir
    static Path quarantine;

    static IngestReport ingest(TestOpenSearch os, Path quarantineDir) throws Exception {
        Path folder = Path.of(IngestPipelineIT.class.getResource("/pipeline/small-county").toURI());
        Path mappings = Path.of(IngestPipelineIT.class.getResource("/pipeline/mappings").toURI());
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            return IngestPipelines.standard(os.connection(), mappings, extractor,
                    IngestSettings.defaults(quarantineDir), Clock.systemUTC()).ingest(folder);
        }
    }

    @BeforeAll
    static void ingestOnce(TestOpenSearch os) throws Exception {
        first = ingest(os, quarantine);
    }

    @Test
    @Order(1)
    void goodRowsAndDocumentsBecomeEventsAndBadOnesAreQuarantinedWithTheirReason(TestOpenSearch os) throws Exception {
        // police: INC-001, 002, 005 (INC-004 has 31/02); health: 2 visits; one document with a sidecar
        assertThat(count(os, "events")).isEqualTo(6);
        assertThat(first.quarantined()).extracting(q -> q.file().substring(q.file().lastIndexOf('/') + 1) + ":" + q.line())
                .contains("police_incidents_2024.csv:6", "empty.pdf:0")
                .doesNotContain("notes.xyz:0");
        assertThat(first.quarantined()).filteredOn(q -> q.line() == 6).singleElement()
                .satisfies(q -> assertThat(q.reason()).containsIgnoringCase("date"));
        assertThat(first.quarantined()).noneMatch(q -> q.file().contains("ground-truth"));
        JsonNode job = JSON.readTree(os.connection().raw("GET", "/" + os.alias("jobs") + "/_doc/" + first.jobId(), null).body());
        assertThat(job.path("_source").path("status").asText()).isEqualTo("finished_with_errors");
        assertThat(job.path("_source").path("quarantined")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @Order(1)
    void aFileNoMappingClaimsIsListedOnTheJobAsAWarningAndTheRunGoesOn(TestOpenSearch os) throws Exception {
        assertThat(first.unclaimed()).contains("notes.xyz");
        assertThat(first.count("files_unclaimed")).isEqualTo(first.unclaimed().size());
        JsonNode job = JSON.readTree(os.connection().raw("GET", "/" + os.alias("jobs") + "/_doc/" + first.jobId(), null).body());
        assertThat(job.path("_source").path("message").asText())
                .contains("claimed by no source mapping, not read").contains("notes.xyz");
        assertThat(job.path("_source").path("warnings").asLong()).isGreaterThanOrEqualTo(first.unclaimed().size());
        assertThat(count(os, "events")).isEqualTo(6);
    }

    @Test
    @Order(2)
    void theSameChildAcrossPoliceHealthAndASchoolLetterIsOnePerson(TestOpenSearch os) throws Exception {
        // Health and the school's letter share her NHS number (a strong link); the police record
        // has only name, date of birth and address, so it joins through the probabilistic model.
        JsonNode hits = search(os, "persons", "{\"query\":{\"match\":{\"full_name\":{\"query\":\"kayleigh jones\",\"operator\":\"and\"}}}}");
        assertThat(hits).hasSize(1);
        JsonNode kayleigh = hits.get(0).path("_source");
        assertThat(kayleigh.path("is_child").asBoolean()).isTrue();
        assertThat(texts(kayleigh.path("agencies"))).containsExactly("education", "health", "police");
        assertThat(kayleigh.path("occurrence_count").asInt()).isEqualTo(4);
        assertThat(texts(kayleigh.path("postcodes"))).containsExactly("NR1 1AA");
        assertThat(kayleigh.path("household_ids")).hasSize(1);

        JsonNode events = search(os, "events", "{\"query\":{\"term\":{\"child_ids\":\"" + kayleigh.path("person_id").asText() + "\"}}}");
        assertThat(events).hasSize(4);
        JsonNode mother = search(os, "persons", "{\"query\":{\"match\":{\"full_name\":{\"query\":\"sarah jones\",\"operator\":\"and\"}}}}").get(0).path("_source");
        assertThat(mother.path("household_ids")).isEqualTo(kayleigh.path("household_ids"));
        assertThat(mother.path("is_child").asBoolean()).isFalse();
    }

    @Test
    @Order(3)
    void caseNotesCarryEntitiesAndNegatedContext(TestOpenSearch os) throws Exception {
        JsonNode asb = search(os, "events", "{\"query\":{\"term\":{\"record_id\":\"INC-002\"}}}").get(0).path("_source");
        assertThat(asb.path("contexts")).anySatisfy(c -> assertThat(c.path("negated").asBoolean()).isTrue());
        JsonNode incident = search(os, "events", "{\"query\":{\"term\":{\"record_id\":\"INC-001\"}}}").get(0).path("_source");
        assertThat(incident.path("people")).hasSize(3);
        assertThat(incident.path("youngest_child_age").asDouble()).isBetween(6.0, 7.0);
        assertThat(texts(incident.path("entity_names").path("person"))).anyMatch(n -> n.contains("Kayleigh"));
    }

    @Test
    @Order(4)
    void reRunningTheSameInputChangesNothing(TestOpenSearch os, @TempDir Path secondQuarantine) throws Exception {
        IngestReport again = ingest(os, secondQuarantine);

        assertThat(again.count("documents_written")).isZero();
        assertThat(again.count("documents_unchanged")).isEqualTo(first.count("documents_written"));
        assertThat(count(os, "events")).isEqualTo(6);
        assertThat(count(os, "persons")).isEqualTo(first.count("persons"));
    }

    @Test
    @Order(5)
    void aNewerExtractWithoutARecordRemovesItsEvent(TestOpenSearch os, @TempDir Path newer, @TempDir Path quarantineDir) throws Exception {
        Path folder = Path.of(IngestPipelineIT.class.getResource("/pipeline/small-county").toURI());
        try (var files = java.nio.file.Files.walk(folder)) {
            for (Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path target = newer.resolve(folder.relativize(file).toString());
                java.nio.file.Files.createDirectories(target.getParent());
                java.nio.file.Files.copy(file, target);
            }
        }
        Path police = newer.resolve("police_incidents_2024.csv");
        // INC-004's row (31 February) is quarantined in every delivery: it goes too, so that this
        // delivery is complete evidence of what the police source holds (WithdrawalIT: an
        // incomplete one withdraws nothing).
        java.nio.file.Files.write(police, java.nio.file.Files.readAllLines(police).stream()
                .filter(line -> !line.startsWith("INC-002,") && !line.startsWith("INC-004,")).toList());
        Path mappings = Path.of(IngestPipelineIT.class.getResource("/pipeline/mappings").toURI());
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            IngestReport report = IngestPipelines.standard(os.connection(), mappings, extractor,
                    IngestSettings.defaults(quarantineDir), Clock.systemUTC()).ingest(newer);
            assertThat(report.heldBack()).extracting(WithdrawalPolicy.Decision::source).doesNotContain("police_incidents");
            assertThat(report.count("withdrawn_events")).isGreaterThanOrEqualTo(1);
        }
        assertThat(count(os, "events")).isEqualTo(5);
        assertThat(search(os, "events", "{\"query\":{\"term\":{\"record_id\":\"INC-002\"}}}")).isEmpty();
    }

    private static long count(TestOpenSearch os, String index) throws Exception {
        os.connection().raw("POST", "/" + os.alias(index) + "/_refresh", null);
        return JSON.readTree(os.connection().raw("GET", "/" + os.alias(index) + "/_count", null).body()).path("count").asLong();
    }

    static JsonNode search(TestOpenSearch os, String index, String body) throws Exception {
        return JSON.readTree(os.connection().raw("POST", "/" + os.alias(index) + "/_search", body).body()).path("hits").path("hits");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * A bad delivery (a delta file of the wrong layout, a delta declared for a snapshot source, a date
 * gap) is refused whole with its reason: not one record of it, not even from its good files, is
 * applied. A good delta after them applies, and the same delta again is skipped as a replay.
 */
@ExtendWith(OpenSearchExtension.class)
class BadFeedIT {

    @Test
    void badDeliveriesAreRefusedWholeAndChangeNothing(TestOpenSearch os, @TempDir Path work) throws Exception {
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Path resources = Path.of(getClass().getResource("/pipeline/mappings").toURI());
        try (Stream<Path> files = Files.list(resources)) {
            for (Path f : files.toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        Path police = mappings.resolve("police-incidents.yaml");
        Files.writeString(police, Files.readString(police).replace("files: [\"police_incidents*.csv\"]",
                "files: [\"police_incidents*.csv\"]\nfeed: { kind: delta, tombstones: [\"withdrawn_police_incidents_*.csv\"] }"));
        Path county = Path.of(getClass().getResource("/pipeline/small-county").toURI());
        List<String> incidents = Files.readAllLines(county.resolve("police_incidents_2024.csv"), StandardCharsets.UTF_8);
        List<String> newIncident = new ArrayList<>(List.of(incidents.get(0)));
        incidents.stream().filter(l -> l.startsWith("INC-001,")).map(l -> l.replace("INC-001,03/02/2024", "INC-900,02/06/2024"))
                .forEach(newIncident::add);

        Path first = folder(work, "first", "{\"as_of\": \"2024-06-01\"}");
        Files.copy(county.resolve("police_incidents_2024.csv"), first.resolve("police_incidents_2024.csv"));
        Files.copy(county.resolve("child_health_visits.csv"), first.resolve("child_health_visits.csv"));
        assertThat(ingest(os, first, mappings, work).refused()).isNull();
        Map<String, JsonNode> events = StoredDocuments.snapshot(os.connection(), "events");
        Map<String, JsonNode> persons = StoredDocuments.snapshot(os.connection(), "persons");
        long records = os.connection().count("records");

        // a delta whose second file lacks a required column, beside a good file with a new incident
        Path wrongLayout = folder(work, "wrong-layout", "{\"as_of\": \"2024-06-02\"}");
        Files.write(wrongLayout.resolve("police_incidents_a.csv"), newIncident, StandardCharsets.UTF_8);
        Files.write(wrongLayout.resolve("police_incidents_b.csv"), newIncident.stream()
                .map(l -> l.replace(",surname,", ",family,")).toList(), StandardCharsets.UTF_8);
        assertRefused(ingest(os, wrongLayout, mappings, work), "police_incidents_b.csv", events, persons, records, os);

        // the child health visits declared a delta, though their mapping says snapshot
        Path declared = folder(work, "declared", "{\"as_of\": \"2024-06-02\", \"feeds\": {\"child_health_visits\": \"delta\"}}");
        Files.write(declared.resolve("police_incidents_a.csv"), newIncident, StandardCharsets.UTF_8);
        Files.copy(county.resolve("child_health_visits.csv"), declared.resolve("child_health_visits.csv"));
        assertRefused(ingest(os, declared, mappings, work), "declared a delta", events, persons, records, os);

        // a delta three days after the last one
        Path gap = folder(work, "gap", "{\"as_of\": \"2024-06-04\"}");
        Files.write(gap.resolve("police_incidents_a.csv"), newIncident, StandardCharsets.UTF_8);
        assertRefused(ingest(os, gap, mappings, work), "date gap", events, persons, records, os);

        Path good = folder(work, "good", "{\"as_of\": \"2024-06-02\"}");
        Files.write(good.resolve("police_incidents_a.csv"), newIncident, StandardCharsets.UTF_8);
        IngestReport applied = ingest(os, good, mappings, work);
        assertThat(applied.refused()).isNull();
        assertThat(os.connection().count("events")).as("the new incident, and every earlier one kept").isEqualTo(events.size() + 1);

        IngestReport replay = ingest(os, good, mappings, work);
        assertThat(replay.skipped()).extracting(FeedGate.Decision::source).containsExactly("police_incidents");
        assertThat(os.connection().count("events")).isEqualTo(events.size() + 1);
        assertThat(new FeedLedger(os.connection(), Clock.systemUTC()).entries()).extracting(FeedLedger.Entry::outcome)
                .contains("applied", "refused", "skipped");
    }

    private static void assertRefused(IngestReport report, String reason, Map<String, JsonNode> events, Map<String, JsonNode> persons,
                                      long records, TestOpenSearch os) throws Exception {
        assertThat(report.refused()).as("refused, with the reason").isNotNull().contains(reason);
        assertThat(StoredDocuments.differences(StoredDocuments.snapshot(os.connection(), "events"), events, "before", "the bad feed", 8)).as("events unchanged").isEmpty();
        assertThat(StoredDocuments.differences(StoredDocuments.snapshot(os.connection(), "persons"), persons, "before", "the bad feed", 8)).as("persons unchanged").isEmpty();
        os.connection().raw("POST", "/" + os.alias("records") + "/_refresh", null);
        assertThat(os.connection().count("records")).as("feed store unchanged").isEqualTo(records);
        JsonNode job = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                os.connection().raw("GET", "/" + os.alias("jobs") + "/_doc/" + report.jobId(), null).body()).path("_source");
        assertThat(job.path("status").asText()).isEqualTo("refused");
        assertThat(job.path("message").asText()).contains(reason);
    }

    private static Path folder(Path work, String name, String manifest) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        Files.writeString(folder.resolve("feed.json"), manifest);
        return folder;
    }

    private static IngestReport ingest(TestOpenSearch os, Path folder, Path mappings, Path work) throws Exception {
        OpenSearchConnection connection = os.connection();
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            return IngestPipelines.standard(connection, mappings, extractor, IngestSettings.defaults(work.resolve("q")), Clock.systemUTC())
                    .ingest(folder);
        }
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.tessera.indexer.ingest.pipeline.StoredDocuments.differences;
import static org.tessera.indexer.ingest.pipeline.StoredDocuments.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;

/** A run killed with SIGKILL midway and started again ends in the same state as a clean run. */
@ExtendWith(OpenSearchExtension.class)
class KilledIngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int INCIDENTS = 8000;

    @Test
    void restartAfterKillEndsEqualToACleanRun(TestOpenSearch clean, @TempDir Path work) throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        writeIncidents(input.resolve("police_incidents_big.csv"));
        Path mappings = Path.of(getClass().getResource("/pipeline/mappings").toURI());

        ingestInProcess(clean.connection(), input, mappings, work.resolve("q-clean"));

        String killedPrefix = clean.connection().indexPrefix() + "-killed";
        try (OpenSearchConnection killed = OpenSearchConnection.open(clean.properties().withIndexPrefix(killedPrefix))) {
            IndexManager indices = new IndexManager(killed, IndexDefinitions.loadDefault());
            indices.ensureAll();
            try {
                Path childLog = work.resolve("child.log");
                Process child = startIngestProcess(clean, killedPrefix, input, mappings, work.resolve("q-killed"), childLog);
                long seen = waitForSomeEvents(killed, child, childLog);
                child.destroyForcibly().waitFor();
                assertThat(seen).as("the child was killed midway, not before or after its writes")
                        .isBetween(1L, (long) INCIDENTS - 1);

                ingestInProcess(killed, input, mappings, work.resolve("q-restart"));

                assertThat(differences(snapshot(killed, "events"), snapshot(clean.connection(), "events"), "clean", "restart", 5)).isEmpty();
                assertThat(differences(snapshot(killed, "persons"), snapshot(clean.connection(), "persons"), "clean", "restart", 5)).isEmpty();
            } finally {
                indices.deleteAll();
            }
        }
    }

    private static void ingestInProcess(OpenSearchConnection connection, Path input, Path mappings, Path quarantine) throws Exception {
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            IngestPipelines.standard(connection, mappings, extractor, IngestSettings.defaults(quarantine), Clock.systemUTC()).ingest(input);
        }
    }

    private static Process startIngestProcess(TestOpenSearch os, String prefix, Path input, Path mappings, Path quarantine,
                                              Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dtessera.opensearch.uris=" + os.connection().uris().getFirst(),
                "-Dtessera.opensearch.index-prefix=" + prefix,
                "-cp", System.getProperty("java.class.path"),
                "org.tessera.indexer.cli.TesseraCli", "ingest", input.toString(),
                "--mappings", mappings.toString(), "--quarantine", quarantine.toString(), "--batch-size", "200"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static long waitForSomeEvents(OpenSearchConnection connection, Process child, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline) && child.isAlive()) {
            connection.raw("POST", "/" + connection.alias("events") + "/_refresh", null);
            long count = JSON.readTree(connection.raw("GET", "/" + connection.alias("events") + "/_count", null).body())
                    .path("count").asLong();
            if (count >= INCIDENTS / 4) {
                return count;
            }
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(log);
        throw new IllegalStateException("the ingest process wrote nothing in time (alive: " + child.isAlive() + "); its output ends: "
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), Math.min(lines.size(), Math.max(0, lines.size() - 40) + 12))));
    }

    private static void writeIncidents(Path file) throws Exception {
        String[] given = {"Kayleigh", "Liam", "Olivia", "Noah", "Amelia", "Jack", "Isla", "Harry", "Ava", "Charlie", "Mia", "Oscar"};
        String[] family = {"Jones", "Smith", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright"};
        String[] notes = {"Verbal argument, children present, no injuries.", "Mum's partner shouting, child crying upstairs.",
                "Report of a missing child, found safe.", "No concerns about the children at the address.",
                "Neighbour heard shouting; officers attended, DA risk assessed."};
        SplittableRandom random = new SplittableRandom(11);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("incident_ref,occurred,incident_type,incident_type_desc,narrative,officer_notes,dash,outcome,loc_street,loc_town,"
                    + "loc_postcode,involvement,forename,surname,aka,dob,sex,addr1,addr2,postcode,nhs_no,pnc_id,person_ref\n");
            for (int i = 0; i < INCIDENTS; i++) {
                int family1 = random.nextInt(family.length * 40);
                String surname = family[family1 % family.length];
                String street = (1 + family1 / family.length) + " " + family[(family1 * 7) % family.length] + " Road";
                String postcode = "NR" + (1 + family1 % 9) + " " + (1 + family1 % 7) + "AB";
                String date = String.format("%02d/%02d/2024", 1 + random.nextInt(28), 1 + random.nextInt(12));
                String note = notes[random.nextInt(notes.length)];
                out.write(String.format("INC-%05d,%s 21:00,DOM,Domestic,\"%s\",,M,nfa,%s,Norwich,%s,VICTIM,%s,%s,,%02d/%02d/%d,F,%s,Norwich,%s,,,\n",
                        i, date, note, street, postcode, given[family1 % 6 + 6], surname, 1 + family1 % 28, 1 + family1 % 12, 1980 + family1 % 15, street, postcode));
                out.write(String.format("INC-%05d,%s 21:00,DOM,Domestic,,,M,nfa,%s,Norwich,%s,CHILD,%s,%s,,%02d/%02d/%d,M,%s,Norwich,%s,,,\n",
                        i, date, street, postcode, given[family1 % 6], surname, 1 + family1 % 28, 1 + family1 % 12, 2010 + family1 % 12, street, postcode));
            }
        }
    }
}

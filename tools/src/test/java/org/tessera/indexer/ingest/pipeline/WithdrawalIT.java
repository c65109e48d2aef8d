package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * Nothing is withdrawn on incomplete evidence (#16, defect 1). The reproduction: ingest a county,
 * copy it, remove the closing quote on one data line of {@code csc_contacts.csv}, ingest the copy
 * into the same indices. Before the fix the reader stopped at the broken line and the stale
 * clean-up deleted every contact after it, and their persons; now nothing is withdrawn from that
 * source and the job says why. A complete delivery still withdraws, records what it withdrew, and
 * the withdrawal can be reversed.
 */
@ExtendWith(OpenSearchExtension.class)
class WithdrawalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate END = LocalDate.of(2026, 6, 30);

    @TempDir
    static Path work;
    static Path county;

    @BeforeAll
    static void generate() throws IOException {
        new CountyGenerator(GeneratorSettings.preset("300-children", 4242, 3, END)).generate(work.resolve("county"));
        county = work.resolve("county").resolve("data");
    }

    @BeforeEach
    void emptyIndices(TestOpenSearch os) {
        os.indices().deleteAll();
        os.indices().ensureAll();
    }

    @Test
    void aPartlyReadExtractWithdrawsNothingAndTheJobSaysWhy(TestOpenSearch os) throws Exception {
        ingest(os, county, "q1");
        Map<String, Long> eventsBefore = eventsPerSource(os);
        Set<String> contactPersonsBefore = personsSeenIn(os, "csc_contacts");
        long amberOrRedBefore = children(os, "amber") + children(os, "red");
        assertThat(eventsBefore.get("csc_contacts")).as("contacts in the first load").isGreaterThan(20);

        Path copy = copyOf(county, work.resolve("broken-quote"));
        long brokenLine = removeClosingQuoteOnOneDataLine(copy.resolve("csc_contacts.csv"));
        IngestReport second = ingest(os, copy, "q2");

        assertThat(second.heldBack()).singleElement().satisfies(decision -> {
            assertThat(decision.source()).isEqualTo("csc_contacts");
            assertThat(decision.reason()).contains("not every file of the source was read to the end")
                    .contains("csc_contacts.csv line " + brokenLine).contains("CSV syntax error");
        });
        assertThat(second.count("withdrawn_events")).isZero();
        assertThat(eventsPerSource(os)).as("events per source after the broken delivery").isEqualTo(eventsBefore);
        // Linkage re-estimates its model from each delivery, so other persons may merge or split;
        // but no person seen in the held-back source goes, and no event loses its person.
        assertThat(allPersons(os)).as("persons seen in social-care contacts before").containsAll(contactPersonsBefore);
        assertThat(children(os, "amber") + children(os, "red")).as("amber or red children").isEqualTo(amberOrRedBefore);
        assertThat(danglingPersonReferences(os)).as("event people without a person document").isEmpty();
        JsonNode job = job(os, second.jobId());
        assertThat(job.path("status").asText()).isEqualTo("finished_with_errors");
        assertThat(job.path("message").asText()).contains("Nothing withdrawn from csc_contacts")
                .contains("records stored before and not in this delivery were kept");
        assertThat(job.path("warnings").asInt()).isPositive();
        assertThat(job.path("counts").path("withdrawal_held_back").asLong()).isEqualTo(1);

        // The next complete delivery brings the state back to that of the clean data.
        IngestReport third = ingest(os, county, "q3");
        assertThat(third.heldBack()).isEmpty();
        assertThat(eventsPerSource(os)).isEqualTo(eventsBefore);
        assertThat(danglingPersonReferences(os)).isEmpty();
    }

    @Test
    void aDeliveryThatFellSharplyWithdrawsNothing(TestOpenSearch os) throws Exception {
        ingest(os, county, "q1");
        Map<String, Long> eventsBefore = eventsPerSource(os);
        Path copy = copyOf(county, work.resolve("half"));
        try (Stream<Path> files = Files.list(copy)) {
            for (Path incidents : files.filter(f -> f.getFileName().toString().startsWith("police_incidents_")).toList()) {
                keepFirstDataLines(incidents, (int) (Files.readAllLines(incidents).size() * 0.3));
            }
        }

        IngestReport second = ingest(os, copy, "q2");

        assertThat(second.heldBack()).singleElement().satisfies(decision -> {
            assertThat(decision.source()).isEqualTo("police_incidents");
            assertThat(decision.reason()).contains("a fall of").contains("tessera.ingest.withdrawal.max-drop");
        });
        assertThat(eventsPerSource(os)).isEqualTo(eventsBefore);
    }

    @Test
    void aCompleteDeliveryWithdrawsWhatItNoLongerHoldsRecordsItAndCanBeReversed(TestOpenSearch os) throws Exception {
        ingest(os, county, "q1");
        Map<String, Long> eventsBefore = eventsPerSource(os);
        Path copy = copyOf(county, work.resolve("one-gone"));
        Path contacts = copy.resolve("csc_contacts.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(contacts, StandardCharsets.UTF_8));
        int removed = 0;
        for (int i = lines.size() - 1; i > 0 && removed < 3; i--) {
            if (!lines.get(i).contains("\"")) {   // whole single-line rows, so no record is cut
                lines.remove(i);
                removed++;
            }
        }
        Files.write(contacts, lines, StandardCharsets.UTF_8);

        IngestReport second = ingest(os, copy, "q2");

        assertThat(second.heldBack()).isEmpty();
        assertThat(second.count("withdrawn_events")).isEqualTo(3);
        assertThat(eventsPerSource(os).get("csc_contacts")).isEqualTo(eventsBefore.get("csc_contacts") - 3);
        os.connection().raw("POST", "/" + os.alias("withdrawals") + "/_refresh", null);
        List<JsonNode> records = new ArrayList<>();
        new EventQueries(os.connection()).scroll(os.alias("withdrawals"), JSON.readTree("{\"term\":{\"job_id\":\"" + second.jobId() + "\"}}"),
                List.of("index", "doc_id", "reason", "sources", "document"), (id, source) -> records.add(source));
        assertThat(records).filteredOn(r -> r.path("index").asText().equals("events")).hasSize(3)
                .allSatisfy(r -> {
                    assertThat(r.path("reason").asText()).contains("no longer in a complete delivery");
                    assertThat(r.path("document").path("source").asText()).isEqualTo("csc_contacts");
                });

        Withdrawals.Restored restored = Withdrawals.restore(os.connection(), second.jobId(), "test-restore", Clock.systemUTC());

        assertThat(restored.restored()).isEqualTo(records.size());
        assertThat(eventsPerSource(os)).isEqualTo(eventsBefore);
        assertThat(danglingPersonReferences(os)).isEmpty();
        assertThat(Withdrawals.restore(os.connection(), second.jobId(), "again", Clock.systemUTC()).restored())
                .as("a second restore finds nothing left to restore").isZero();
    }

    private static IngestReport ingest(TestOpenSearch os, Path folder, String quarantine) throws Exception {
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            IngestReport report = IngestPipelines.standard(os.connection(), null, extractor,
                    IngestSettings.defaults(work.resolve(quarantine + "-" + os.connection().indexPrefix())), Clock.systemUTC()).ingest(folder);
            os.refresh();
            return report;
        }
    }

    /** Removes the last double quote of the first data line that has one; returns that line's number. */
    private static long removeClosingQuoteOnOneDataLine(Path csv) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        for (int i = lines.size() / 3; i < lines.size(); i++) {
            String line = lines.get(i);
            int last = line.lastIndexOf('"');
            if (last > 0 && line.chars().filter(c -> c == '"').count() % 2 == 0) {
                lines.set(i, line.substring(0, last) + line.substring(last + 1));
                Files.write(csv, lines, StandardCharsets.UTF_8);
                return i + 1;
            }
        }
        throw new IllegalStateException("no quoted value in " + csv);
    }

    private static void keepFirstDataLines(Path csv, int rows) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Files.write(csv, lines.subList(0, Math.min(lines.size(), rows + 1)), StandardCharsets.UTF_8);
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static Map<String, Long> eventsPerSource(TestOpenSearch os) throws Exception {
        JsonNode answer = JSON.readTree(os.connection().raw("POST", "/" + os.alias("events") + "/_search",
                "{\"size\":0,\"aggs\":{\"s\":{\"terms\":{\"field\":\"source\",\"size\":1000}}}}").body());
        Map<String, Long> counts = new TreeMap<>();
        answer.path("aggregations").path("s").path("buckets").forEach(b -> counts.put(b.path("key").asText(), b.path("doc_count").asLong()));
        return counts;
    }

    private static long children(TestOpenSearch os, String band) throws Exception {
        return JSON.readTree(os.connection().raw("POST", "/" + os.alias("persons") + "/_count",
                "{\"query\":{\"term\":{\"risk.band\":\"" + band + "\"}}}").body()).path("count").asLong();
    }

    private static Set<String> danglingPersonReferences(TestOpenSearch os) {
        Set<String> referenced = new HashSet<>();
        EventQueries queries = new EventQueries(os.connection());
        queries.scroll(os.alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("people.person_id"), (id, source) -> source.path("people").forEach(p -> referenced.add(p.path("person_id").asText())));
        referenced.removeAll(allPersons(os));
        return referenced;
    }

    private static Set<String> personsSeenIn(TestOpenSearch os, String source) throws Exception {
        Set<String> persons = new HashSet<>();
        new EventQueries(os.connection()).scroll(os.alias("persons"), JSON.readTree("{\"term\":{\"sources\":\"" + source + "\"}}"),
                List.of("sources"), (id, s) -> persons.add(id));
        return persons;
    }

    private static Set<String> allPersons(TestOpenSearch os) {
        Set<String> persons = new HashSet<>();
        new EventQueries(os.connection()).scroll(os.alias("persons"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("sources"), (id, s) -> persons.add(id));
        return persons;
    }

    private static JsonNode job(TestOpenSearch os, String jobId) throws Exception {
        os.connection().raw("POST", "/" + os.alias("jobs") + "/_refresh", null);
        return JSON.readTree(os.connection().raw("GET", "/" + os.alias("jobs") + "/_doc/" + jobId, null).body()).path("_source");
    }
}

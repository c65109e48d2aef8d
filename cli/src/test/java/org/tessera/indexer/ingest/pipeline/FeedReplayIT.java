package org.tessera.indexer.ingest.pipeline;

import static org.tessera.indexer.ingest.pipeline.StoredDocuments.differences;
import static org.tessera.indexer.ingest.pipeline.StoredDocuments.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.DeltaSplitter;
import org.tessera.indexer.synthetic.GeneratorSettings;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.indexer.watchlist.WatchlistService;

/**
 * A generated county's history, then its last 30 days as daily deltas in the arrival order the
 * generator wrote ({@code deltas/schedule.txt}: a replayed day skipped, a day arriving before the one
 * it follows refused for the gap, a late re-send refused as out of order, a record withdrawn by
 * tombstone, a day whose record joins two persons the history held apart), one day's run killed
 * midway (SIGKILL) and started again, ends in the same persons, events (with their hits), scores
 * and watchlist as one full ingest of the same final data.
 */
@ExtendWith(OpenSearchExtension.class)
class FeedReplayIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate END = GeneratorSettings.DEFAULT_END;
    private static final int DAYS = 30;
    private static final int KILLED_DAY = 3;
    private static final Clock CLOCK = Clock.fixed(END.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void historyAndThirtyDailyDeltasEndAsAFullIngestOfTheFinalData(TestOpenSearch full, @TempDir Path work) throws Exception {
        new CountyGenerator(GeneratorSettings.preset("250-children", 19, 1, END)).generate(work);
        DeltaSplitter.Split split = new DeltaSplitter(SourceMappings.loadAllFromClasspath("mappings/sources")).split(work, END, DAYS);
        assertThat(split.tombstoned()).as("a record withdrawn by tombstone").isNotNull();
        assertThat(split.merge()).as("a day that merges two persons").isNotNull();
        String mother = occurrenceKey(split.merge().mother()), tenant = occurrenceKey(split.merge().tenant());
        assertThat(split.deltaRecords().values().stream().mapToLong(Long::longValue).sum()).as("records in the deltas").isGreaterThan(20);

        ingest(full.connection(), work.resolve("data"), work.resolve("q-full"));

        String prefix = full.connection().indexPrefix() + "-feed";
        try (OpenSearchConnection feed = OpenSearchConnection.open(full.properties().withIndexPrefix(prefix))) {
            IndexManager indices = new IndexManager(feed, IndexDefinitions.loadDefault());
            indices.ensureAll();
            TikaTextExtractor daysExtractor = new TikaTextExtractor(ExtractionLimits.defaults());
            try {
                IngestReport history = ingest(feed, work.resolve("history"), work.resolve("q-history"));
                // the days through one pipeline, as the portal applies its arrivals: the stored assignment is kept from
                // run to run (ADR 0054), and must be at each run's start what a scroll of the stored events reads
                IngestPipeline days = IngestPipelines.standard(feed, null, daysExtractor, IngestSettings.defaults(work.resolve("q-days")), CLOCK);
                int keptDays = 0;
                assertThat(history.wasRefused()).isFalse();
                List<String> merges = new ArrayList<>();
                List<String> paths = new ArrayList<>(), expectedPaths = new ArrayList<>();
                int day = 0;
                for (String line : Files.readAllLines(work.resolve("deltas/schedule.txt"), StandardCharsets.UTF_8)) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    String[] parts = line.split(" ", 3);
                    Path folder = work.resolve("deltas").resolve(parts[0]);
                    Map<String, String> before = occurrencePersons(feed);
                    if (parts[1].equals("applied") && ++day == KILLED_DAY) {
                        killMidway(full, prefix, folder, work);
                    }
                    if (days.keptAssignment() != null && days.keptAssignment().current(feed)) {
                        StoredAssignment read = StoredAssignment.read(feed);
                        assertThat(days.keptAssignment().view().sources()).as(line + ": the kept sources").isEqualTo(read.sources());
                        assertThat(days.keptAssignment().view().persons()).as(line + ": the kept persons").isEqualTo(read.persons());
                    }
                    IngestReport report = days.ingest(folder);
                    keptDays += report.count("stored_assignment_kept");
                    switch (parts[1]) {
                        case "applied" -> {
                            assertThat(report.refused()).as(line).isNull();
                            assertThat(report.skipped()).as(line).isEmpty();
                            // the path a run takes: by reach (events kept as stored, the store read by reach), except
                            // after the killed run, whatever the clocks (the killed child ran on the system clock,
                            // these runs on the county's end + 1 day)
                            paths.add(parts[0] + " keep " + report.counts().get("events_keep_stored") + " reach "
                                    + report.counts().get("feed_store_read_by_reach"));
                            long byReach = day == KILLED_DAY ? 0 : 1;
                            expectedPaths.add(parts[0] + " keep " + byReach + " reach " + byReach);
                        }
                        case "skipped" -> {
                            assertThat(report.refused()).as(line).isNull();
                            assertThat(report.skipped()).as(line).isNotEmpty();
                            assertThat(report.skipped().getFirst().reason()).startsWith("replay");
                        }
                        case "refused" -> assertThat(report.refused()).as(line).isNotNull()
                                .contains(parts[2].startsWith("date gap") ? "date gap" : "out of order");
                        default -> throw new IllegalStateException(line);
                    }
                    Map<String, String> after = occurrencePersons(feed);
                    merges.addAll(merged(before, after, parts[0]));
                    if (parts[1].equals("applied") && parts[0].equals(split.merge().day().toString())) {
                        assertMergedIncrementally(feed, report, before, after, mother, tenant);
                    }
                }
                assertThat(day).isEqualTo(DAYS);
                System.out.println("FeedReplayIT: days that took the kept stored assignment: " + keptDays);
                assertThat(keptDays).as("days that took the kept stored assignment instead of a scroll").isGreaterThan(DAYS / 2);
                assertThat(paths).as("each applied day's path: by reach but for the run after the killed one").isEqualTo(expectedPaths);
                System.out.println("FeedReplayIT: persons merged by a day's records: " + merges);

                Map<String, String> incremental = occurrencePersons(feed);
                Map<String, String> whole = occurrencePersons(full.connection());
                double[] pr = IncrementalLinking.pairwise(incremental, whole);
                System.out.printf("FeedReplayIT: incremental vs full clustering: pairwise precision %.5f, recall %.5f over %d occurrences%n",
                        pr[0], pr[1], whole.size());
                System.out.println("FeedReplayIT: clustering differences (incremental vs full):\n  "
                        + String.join("\n  ", clusteringDifferences(feed, incremental, whole)));
                // The issue's bar. What may differ by design is listed above: the day's model is the
                // history's (a full run of the final data fits its own), and a change is followed
                // through the households around it for a bounded number of rounds.
                assertThat(pr[0]).as("pairwise precision").isGreaterThanOrEqualTo(0.999);
                assertThat(pr[1]).as("pairwise recall").isGreaterThanOrEqualTo(0.999);
                assertThat(whole.get(mother)).as("the full run joins the planted pair too").isEqualTo(whole.get(tenant));
                boolean sameClustering = pr[0] == 1.0 && pr[1] == 1.0;
                // content_hash aside: a first load's indicator backfill hashes an event it rewrites over the
                // engine's copy (fields in another order), the stream path over the built one; the
                // fields themselves must be equal, and the hash-only differences are listed.
                Map<String, JsonNode> feedEvents = snapshot(feed, "events");
                Map<String, JsonNode> fullEvents = snapshot(full.connection(), "events");
                System.out.println("FeedReplayIT: events whose content_hash alone differs (first-load backfill vs stream hashing): "
                        + differences(feedEvents, fullEvents, "full", "the deltas", 8));
                feedEvents.values().forEach(e -> ((ObjectNode) e).remove("content_hash"));
                fullEvents.values().forEach(e -> ((ObjectNode) e).remove("content_hash"));
                if (sameClustering) {
                    assertThat(differences(feedEvents, fullEvents, "full", "the deltas", 8)).as("events and their hits").isEmpty();
                    assertThat(differences(snapshot(feed, "persons"), snapshot(full.connection(), "persons"), "full", "the deltas", 8)).as("persons and their scores").isEmpty();
                    assertThat(watchlist(feed)).as("watchlist").isEqualTo(watchlist(full.connection())).isNotEmpty();
                } else {
                    System.out.println("FeedReplayIT: clusterings differ; events that differ: " + differences(feedEvents, fullEvents, "full", "the deltas", 8));
                    System.out.println("FeedReplayIT: persons that differ: " + differences(snapshot(feed, "persons"), snapshot(full.connection(), "persons"), "full", "the deltas", 8));
                    assertThat(watchlist(feed)).as("watchlist").isNotEmpty();
                }
                assertThat(withdrawnEventIds(feed)).as("the tombstoned record's event was withdrawn, recorded")
                        .contains(org.tessera.indexer.ingest.Ids.eventId(split.tombstoned().split("/")[0], split.tombstoned().split("/", 2)[1]));

                // tessera relink: the full re-link of the same final data reports the drift measured above
                IngestPipeline.Relink relink;
                try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
                    relink = IngestPipelines.standard(feed, null, extractor, IngestSettings.defaults(work.resolve("q-relink")), CLOCK).relink();
                }
                System.out.printf("FeedReplayIT: tessera relink reports pairwise precision %.5f, recall %.5f, %d occurrence(s) moved%n",
                        relink.precision(), relink.recall(), relink.occurrencesMoved());
                assertThat(relink.precision()).as("drift precision").isGreaterThanOrEqualTo(0.999);
                assertThat(relink.recall()).as("drift recall").isGreaterThanOrEqualTo(0.999);
                if (sameClustering) {
                    assertThat(relink.occurrencesMoved()).as("occurrences the re-link moved: none, as the full ingest linked them the same").isZero();
                }
            } finally {
                daysExtractor.close();
                indices.deleteAll();
            }
        }
    }

    /**
     * The merge day: the mother and the tenant the history held apart are one person after it,
     * linked incrementally; both persons' events now name that person, the person it replaced is
     * gone from the persons index, and the survivor's document counts both persons' occurrences.
     */
    private static void assertMergedIncrementally(OpenSearchConnection feed, IngestReport report, Map<String, String> before,
                                                  Map<String, String> after, String mother, String tenant) {
        assertThat(before.get(mother)).as("two persons before the merge day").isNotNull().isNotEqualTo(before.get(tenant));
        assertThat(report.counts()).as("the merge day was linked incrementally").containsEntry("linked_incrementally", 1L);
        String person = after.get(mother);
        assertThat(after.get(tenant)).as("one person after it").isEqualTo(person);
        Set<String> formerly = Set.of(before.get(mother), before.get(tenant));
        long moved = before.entrySet().stream().filter(e -> formerly.contains(e.getValue())).count();
        long now = after.values().stream().filter(person::equals).count();
        assertThat(now).as("the events of both persons name the merged one").isGreaterThan(moved);
        Map<String, JsonNode> persons = snapshot(feed, "persons");
        assertThat(persons).as("the merged person is stored").containsKey(person);
        formerly.stream().filter(p -> !p.equals(person)).forEach(p -> assertThat(persons).as("the person merged away").doesNotContainKey(p));
        assertThat(persons.get(person).path("occurrence_count").asLong()).as("its occurrences").isEqualTo(now);
        System.out.println("FeedReplayIT: the merge day joined " + formerly + " into " + person + " (" + now + " occurrences)");
    }

    /** {@code source/record_id/slot} as the key {@link #occurrencePersons} uses. */
    private static String occurrenceKey(String sourceRecordSlot) {
        String[] parts = sourceRecordSlot.split("/");
        return org.tessera.indexer.ingest.Ids.eventId(parts[0], parts[1]) + "/" + parts[2];
    }

    static IngestReport ingest(OpenSearchConnection connection, Path folder, Path quarantine) throws Exception {
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            return IngestPipelines.standard(connection, null, extractor, IngestSettings.defaults(quarantine), CLOCK).ingest(folder);
        }
    }

    /** Starts the day's ingest as a process of its own and kills it (SIGKILL) once it is under way. */
    private static void killMidway(TestOpenSearch os, String prefix, Path folder, Path work) throws Exception {
        Path log = work.resolve("killed.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-Dtessera.opensearch.uris=" + os.connection().uris().getFirst(), "-Dtessera.opensearch.index-prefix=" + prefix,
                "-cp", System.getProperty("java.class.path"), "org.tessera.indexer.cli.TesseraCli", "ingest", folder.toString(),
                "--quarantine", work.resolve("q-killed").toString(), "--batch-size", "50")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        boolean started = false;
        while (Instant.now().isBefore(deadline) && child.isAlive() && !started) {
            started = Files.readString(log).contains("Linked ");
            Thread.sleep(20);
        }
        boolean alive = child.isAlive();
        child.destroyForcibly().waitFor();
        assertThat(started && alive).as("the day's run was killed after linking and before its end: " + Files.readString(log)).isTrue();
    }

    /** Occurrence (event id and slot) to person id, from the stored events. */
    static Map<String, String> occurrencePersons(OpenSearchConnection connection) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : snapshot(connection, "events").entrySet()) {
            for (JsonNode person : e.getValue().path("people")) {
                out.put(e.getKey() + "/" + person.path("slot").asInt(), person.path("person_id").asText());
            }
        }
        return out;
    }

    /**
     * Each person of either clustering whose occurrences the other splits, with the occurrences
     * (event, date, role, name, date of birth, postcode) and the person each run gave them.
     */
    static List<String> clusteringDifferences(OpenSearchConnection connection, Map<String, String> incremental, Map<String, String> whole) {
        Map<String, Set<String>> byWhole = new HashMap<>(), byIncremental = new HashMap<>();
        whole.forEach((o, p) -> {
            if (incremental.containsKey(o)) {
                byWhole.computeIfAbsent(p, k -> new TreeSet<>()).add(incremental.get(o));
                byIncremental.computeIfAbsent(incremental.get(o), k -> new TreeSet<>()).add(p);
            }
        });
        Set<String> wholeSplit = new TreeSet<>(), incrementalSplit = new TreeSet<>();
        byWhole.forEach((p, inc) -> { if (inc.size() > 1) wholeSplit.add(p); });
        byIncremental.forEach((p, full) -> { if (full.size() > 1) incrementalSplit.add(p); });
        if (wholeSplit.isEmpty() && incrementalSplit.isEmpty()) {
            return List.of();
        }
        Map<String, JsonNode> events = snapshot(connection, "events");
        List<String> out = new ArrayList<>();
        for (String p : wholeSplit) {
            out.add("full person " + p + " is " + byWhole.get(p).size() + " incremental persons:");
            whole.forEach((o, q) -> { if (q.equals(p)) out.add("    " + describe(events, o) + " incremental " + incremental.get(o)); });
        }
        for (String p : incrementalSplit) {
            out.add("incremental person " + p + " is " + byIncremental.get(p).size() + " full persons:");
            incremental.forEach((o, q) -> { if (q.equals(p)) out.add("    " + describe(events, o) + " full " + whole.get(o)); });
        }
        return out;
    }

    private static String describe(Map<String, JsonNode> events, String occurrence) {
        String event = occurrence.substring(0, occurrence.lastIndexOf('/'));
        int slot = Integer.parseInt(occurrence.substring(occurrence.lastIndexOf('/') + 1));
        JsonNode e = events.get(event);
        if (e == null) {
            return occurrence;
        }
        StringBuilder others = new StringBuilder();
        String self = "";
        for (JsonNode person : e.path("people")) {
            String text = person.path("role").asText() + " " + person.path("name").asText() + " " + person.path("date_of_birth").asText("")
                    + " " + person.path("postcode").asText("");
            if (person.path("slot").asInt() == slot) {
                self = text;
            } else {
                others.append(" | ").append(text);
            }
        }
        return occurrence + " " + e.path("event_date").asText() + " " + self + " (beside:" + others + ")";
    }

    /** Persons of {@code after} that hold the occurrences of two or more persons of {@code before}. */
    private static List<String> merged(Map<String, String> before, Map<String, String> after, String day) {
        Map<String, Set<String>> formerly = new java.util.TreeMap<>();
        after.forEach((occurrence, person) -> {
            String was = before.get(occurrence);
            if (was != null) {
                formerly.computeIfAbsent(person, k -> new TreeSet<>()).add(was);
            }
        });
        List<String> out = new ArrayList<>();
        formerly.forEach((person, were) -> {
            if (were.size() > 1) {
                out.add(day + ": " + were + " into " + person);
            }
        });
        return out;
    }

    private static List<String> watchlist(OpenSearchConnection connection) {
        ScoreService scores = ScoreService.fromIndex(connection, ScoringParameters.loadDefault(), true);
        WatchlistService service = new WatchlistService(scores, new ReviewStore(connection), CLOCK);
        return service.watchlist(END, service.defaultPeriodDays(), 500).stream()
                .map(e -> e.rank() + " " + e.section() + " " + e.personId() + " " + e.score() + " " + e.band()).toList();
    }

    private static Set<String> withdrawnEventIds(OpenSearchConnection connection) throws Exception {
        connection.raw("POST", "/" + connection.alias("withdrawals") + "/_refresh", null);
        JsonNode hits = JSON.readTree(connection.raw("POST", "/" + connection.alias("withdrawals") + "/_search",
                "{\"size\":1000,\"query\":{\"term\":{\"index\":\"events\"}}}").body()).path("hits").path("hits");
        Set<String> ids = new TreeSet<>();
        hits.forEach(h -> ids.add(h.path("_source").path("doc_id").asText()));
        return ids;
    }
}

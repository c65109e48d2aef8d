package org.tessera.indexer.bench;

import static org.tessera.indexer.ingest.pipeline.IngestPipeline.STAGE_MILLIS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * The day's data against a running portal, through its HTTP layer: (a) the day's delta (the last
 * day of a generated county, cut off before the county was loaded) posted per source to
 * {@code /api/arrivals/{source}?wait=true}, timed from the first request to the last answer, which
 * comes once the watchlist is compared after the ingest; (b) single new events, each a high-risk
 * domestic incident about a new child, timed from the request to the alert on the duty manager's
 * open stream ({@code /api/alerts/stream}, server-sent events: no polling). Used by
 * {@code tessera bench feed}. Not thread-safe; {@link #run} once.
 */
public final class FeedBenchmark {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final DateTimeFormatter POLICE_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);

    private final URI base;
    private final String feed;
    private final String duty;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Long> alerted = new ConcurrentHashMap<>();
    /** Each stage's milliseconds over the single events of (b). */
    private final Map<String, java.util.List<Long>> stageMillis = new java.util.TreeMap<>();
    /** The engine requests and their {@code took} an arrival's answer counts (the portal's whole connection meanwhile). */
    private static final java.util.List<String> ENGINE_COUNTS = java.util.List.of("engine_requests", "engine_took_ms");
    private final Map<String, java.util.List<Long>> engineCounts = new java.util.TreeMap<>();

    public FeedBenchmark(URI base, String feedUser, String feedPassword, String dutyUser, String dutyPassword, PrintStream out) {
        this.base = base;
        this.feed = basic(feedUser, feedPassword);
        this.duty = basic(dutyUser, dutyPassword);
        this.out = out;
    }

    public record Result(long deltaRecords, double deltaSeconds, LatencyRecorder.Summary event, long eventsWithoutAlert) {
    }

    /**
     * @param delta the day's delta files to post for (a); null: (a) is not run, (b) is, against the county as the portal
     *              holds it (at county size a day through the portal takes many minutes; {@code tessera ingest} can apply it first)
     */
    public Result run(Path delta, LocalDate lastDay, SourceMappings mappings, int events) throws Exception {
        out.println(MachineInfo.current().describe());
        long records = 0;
        double deltaSeconds = Double.NaN;
        if (delta == null) {
            out.printf(Locale.ROOT, "(a) day's delta (%s): not posted (--events-only)%n", lastDay);
        } else {
            deltaSeconds = postDelta(delta, lastDay, mappings);
            records = deltaRecords;
        }
        return singleEvents(lastDay, events, records, deltaSeconds);
    }

    /** Records the arrivals of (a) read. */
    private long deltaRecords;

    /** (a): the day's delta, one request per source file; the seconds from the first request to the last answer. */
    private double postDelta(Path delta, LocalDate lastDay, SourceMappings mappings) throws Exception {
        // (a) the day's delta, one request per source file
        long records = 0;
        long stillRunning = 0;
        long start = System.nanoTime();
        try (Stream<Path> files = Files.list(delta)) {
            for (Path file : files.sorted().toList()) {
                SourceMapping mapping = mappings.claimant(Path.of(file.getFileName().toString())).orElseThrow();
                String type = mapping.format().type() == SourceMapping.FormatType.CSV ? "text/csv" : "application/json";
                byte[] body = Files.readAllBytes(file);
                if (mapping.format().type() == SourceMapping.FormatType.JSONL) {
                    body = ("[" + String.join(",", Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()) + "]")
                            .getBytes(StandardCharsets.UTF_8);
                }
                HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/api/arrivals/" + mapping.source() + "?wait=true"))
                        .header("Authorization", feed).header("Content-Type", type).timeout(Duration.ofMinutes(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
                JsonNode result = JSON.readTree(answer.body());
                long read = result.path("counts").path("records_read").asLong();
                records += read;
                if ("running".equals(result.path("status").asText())) {
                    stillRunning++; // the portal's wait ended before the arrival did
                }
                out.printf(Locale.ROOT, "  %-32s %-8s %6d records read, %d alerts%n", file.getFileName(), result.path("status").asText(),
                        read, result.path("alerts").asInt());
                out.println("    " + stages(result.path("counts")));
            }
        }
        double deltaSeconds = (System.nanoTime() - start) / 1e9;
        if (stillRunning > 0) {
            out.printf(Locale.ROOT, "(a) day's delta (%s): NOT MEASURED: %d of the arrivals were still running when the portal's wait "
                    + "ended (%.1f s so far, %d records applied by then)%n", lastDay, stillRunning, deltaSeconds, records);
        } else {
            out.printf(Locale.ROOT, "(a) day's delta (%s): %d records from arrival to updated watchlist in %.1f s (%.0f records/s)%n",
                    lastDay, records, deltaSeconds, records / Math.max(deltaSeconds, 1e-9));
        }
        deltaRecords = records;
        return deltaSeconds;
    }

    /** (b): single events to the alert on the duty manager's open stream. */
    private Result singleEvents(LocalDate lastDay, int events, long records, double deltaSeconds) throws Exception {
        send(HttpRequest.newBuilder(base.resolve("/api/alerts/subscription")).header("Authorization", duty)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"sections\":[\"cumulative\",\"single_concern\"]}")).build());
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/alerts/stream"))
                .header("Authorization", duty).GET().build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> opened = stream.get(30, TimeUnit.SECONDS);
        if (opened.statusCode() != 200) {
            throw new IllegalStateException("the alert stream answered " + opened.statusCode());
        }
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                opened.body().forEach(line -> {
                    long now = System.nanoTime();
                    if (line.startsWith("data:")) {
                        try {
                            alerted.putIfAbsent(JSON.readTree(line.substring(5)).path("arrival_job_id").asText(), now);
                        } catch (java.io.IOException e) {
                            // not an alert
                        }
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                // the stream ended: the bench is done with it (interrupted) or the portal closed it
            }
        });
        LatencyRecorder latency = new LatencyRecorder();
        long missing = 0;
        String day = lastDay.format(POLICE_DATE);
        long run = System.currentTimeMillis() / 1000;   // this run's families are none of an earlier run's
        long created = 0;
        for (int i = 0; i < events; i++) {
            String ref = "BENCH-" + System.currentTimeMillis() + "-" + i;
            long t0 = System.nanoTime();
            // answered once the arrival is applied and the watchlist compared: the alert is timed on the stream, the
            // answer gives where the arrival's time went
            HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("/api/arrivals/police_incidents?wait=true"))
                    .header("Authorization", feed).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(incident(ref, day, run, i))).build());
            JsonNode answered = JSON.readTree(answer.body());
            String jobId = answered.path("job_id").asText();
            // the alerts the arrival stored: none means the product raised none (not the stream's fault)
            created += answered.path("alerts").asInt() > 0 ? 1 : 0;
            answered.path("counts").properties().forEach(e -> {
                if (e.getKey().startsWith(STAGE_MILLIS)) {
                    stageMillis.computeIfAbsent(e.getKey().substring(STAGE_MILLIS.length()), k -> new java.util.ArrayList<>())
                            .add(e.getValue().asLong());
                } else if (ENGINE_COUNTS.contains(e.getKey())) {
                    engineCounts.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue().asLong());
                }
            });
            long deadline = t0 + TimeUnit.MINUTES.toNanos(3);
            while (!alerted.containsKey(jobId) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Long at = alerted.get(jobId);
            if (at == null) {
                missing++;
                latency.error();
            } else {
                latency.record(at - t0);
            }
            if ((i + 1) % 10 == 0) {
                out.printf(Locale.ROOT, "  %d/%d events: %s%n", i + 1, events, latency.summary().describe());
            }
        }
        reader.interrupt();
        LatencyRecorder.Summary summary = latency.summary();
        out.printf(Locale.ROOT, "(b) single event to alert on the open stream, %d events: %s; %d without an alert on the stream "
                + "(%d arrivals stored none)%n", events, summary.describe(), missing, events - created);
        StringBuilder medians = new StringBuilder("    median per stage (s):");
        stageMillis.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> medians.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(), median(e.getValue()) / 1000.0)));
        out.println(medians);
        StringBuilder engine = new StringBuilder("    median engine work per arrival:");
        engineCounts.forEach((name, values) -> engine.append(' ').append(name).append(' ').append(median(values)));
        out.println(engine);
        return new Result(records, deltaSeconds, summary, missing);
    }

    private static long median(java.util.List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** Where an arrival's time went, from its answer's counts ({@code ms_*}, per ingest stage), largest first. */
    static String stages(JsonNode counts) {
        StringBuilder out = new StringBuilder("stages (s):");
        java.util.List<Map.Entry<String, JsonNode>> timed = counts.properties().stream().filter(e -> e.getKey().startsWith(STAGE_MILLIS))
                .sorted((a, b) -> Long.compare(b.getValue().asLong(), a.getValue().asLong())).toList();
        for (Map.Entry<String, JsonNode> e : timed) {
            out.append(String.format(Locale.ROOT, " %s %.1f", e.getKey().substring(STAGE_MILLIS.length()), e.getValue().asLong() / 1000.0));
        }
        for (String count : java.util.List.of("linked_incrementally", "linkage_scope_occurrences", "linkage_unsettled_persons",
                "snapshot_records_changed", "events_kept", "events_kept_settled", "events_built")) {
            if (counts.has(count)) {
                out.append(", ").append(count).append(' ').append(counts.path(count).asLong());
            }
        }
        return out.toString();
    }

    /**
     * A DASH-high domestic incident with a child present, about family {@code i} of run {@code run}: a
     * mother and child no other family of the run (nor of another run) shares, so that each event is
     * about a new child. Their names are letters only (the linker's names drop digits: "Benchmark0" and
     * "Benchmark1" were one name, so every event of a run was about one child), and their dates of birth
     * and house differ too.
     */
    public static String incident(String ref, String day, long run, int i) {
        String family = familyName(run, i);
        String house = (i + 1) + " Bench Row";
        String mother = LocalDate.of(1975, 1, 1).plusDays(Math.floorMod(i * 131L + run, 5000)).format(POLICE_DATE);
        String child = LocalDate.of(2012, 1, 1).plusDays(Math.floorMod(i * 97L + run, 2900)).format(POLICE_DATE);
        return "incident_ref,occurred,incident_type,incident_type_desc,narrative,officer_notes,dash,outcome,loc_street,loc_town,loc_postcode,"
                + "involvement,forename,surname,aka,dob,sex,addr1,addr2,postcode,nhs_no,pnc_id,person_ref\r\n"
                + ref + "," + day + " 21:00,DOM,Domestic incident,\"The mother was assaulted by her partner; her son was in the house.\","
                + "DASH completed,H,arrest," + house + ",Tessford,TC9 9ZZ,VICTIM,Ada,"
                + family + ",," + mother + ",F," + house + ",Tessford,TC9 9ZZ,,," + ref + "-1\r\n"
                + ref + "," + day + " 21:00,DOM,Domestic incident,,,H,arrest," + house + ",Tessford,TC9 9ZZ,CHILD,Tobias," + family
                + ",," + child + ",M," + house + ",Tessford,TC9 9ZZ,,," + ref + "-2\r\n";
    }

    private static final String CONSONANTS = "bdfgklmnprstvz";
    private static final String VOWELS = "aeiou";

    /** Family {@code i}'s surname in run {@code run}: syllables, the event's first (names that differ early are far apart). */
    static String familyName(long run, int i) {
        int syllables = CONSONANTS.length() * VOWELS.length();
        String name = syllable(i % syllables) + syllable(i / syllables % syllables) + syllable((int) Math.floorMod(run, syllables))
                + syllable((int) Math.floorMod(run / syllables, syllables)) + "ley";
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String syllable(int n) {
        return "" + CONSONANTS.charAt(n / VOWELS.length()) + VOWELS.charAt(n % VOWELS.length());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

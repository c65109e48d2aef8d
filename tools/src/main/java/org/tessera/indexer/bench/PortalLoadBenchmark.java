package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Simulated duty managers against a running portal, through its HTTP layer (the REST API: the same
 * services, security, audit and OpenSearch queries as the views): each user loops over the
 * watchlist, a child's referral review page and the child's profile, for a bounded time, children
 * drawn from the watchlist. Every request is a real audited read (purpose "benchmark"). Used by
 * {@code tessera bench portal} and by the portal's own test of it. Not thread-safe; {@link #run} once.
 */
public final class PortalLoadBenchmark {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final String PURPOSE = URLEncoder.encode("benchmark (tessera bench portal)", StandardCharsets.UTF_8);
    private static final String[] KINDS = {"watchlist", "review page", "profile"};

    public record Result(LatencyRecorder.Summary all, List<LatencyRecorder.Summary> byKind, List<EngineWork> engineByKind) {
    }

    /**
     * The engine work of one kind of page view as the portal reports it ({@code Server-Timing}, with
     * {@code tessera.portal.server-timing=true}): per view, the engine requests, the engine's own
     * {@code took} (ms), documents returned and answer size (characters); {@code views} 0 when the
     * portal does not report it. Independent of the machine's load, unlike the wall times.
     */
    public record EngineWork(int views, double meanRequests, long maxRequests, double meanTookMillis, long p95TookMillis,
                             double meanDocuments, long maxDocuments, double meanKilobytes, double meanAuditMillis, double p95AuditMillis) {
        public String describe() {
            if (views == 0) {
                return "engine work not reported (start the portal with tessera.portal.server-timing=true)";
            }
            return String.format(Locale.ROOT, "engine per view: %.1f requests (max %d), took %.0f ms (p95 %d), %.0f documents (max %d), %.0f kB;"
                    + " audit append %.0f ms (p95 %.0f, waiting for the chain included)",
                    meanRequests, maxRequests, meanTookMillis, p95TookMillis, meanDocuments, maxDocuments, meanKilobytes, meanAuditMillis, p95AuditMillis);
        }
    }

    private static final java.util.regex.Pattern TIMING = java.util.regex.Pattern.compile(
            "engine;dur=(\\d+).*engine-requests;desc=\"(\\d+)\".*engine-documents;desc=\"(\\d+)\".*engine-chars;desc=\"(\\d+)\"");

    private static final java.util.regex.Pattern AUDIT = java.util.regex.Pattern.compile("audit;dur=([\\d.]+)");

    /** Server-Timing figures of one kind, as reported: requests, took, documents, characters, audit append (µs). */
    private static final class EngineFigures {
        private final List<long[]> views = new ArrayList<>();

        synchronized void add(String header) {
            if (header == null) {
                return;
            }
            java.util.regex.Matcher m = TIMING.matcher(header);
            if (m.find()) {
                java.util.regex.Matcher a = AUDIT.matcher(header);
                long auditMicros = a.find() ? Math.round(Double.parseDouble(a.group(1)) * 1000) : 0;
                views.add(new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                        auditMicros});
            }
        }

        synchronized EngineWork summary() {
            if (views.isEmpty()) {
                return new EngineWork(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            }
            long[] took = views.stream().mapToLong(v -> v[1]).sorted().toArray();
            long[] audit = views.stream().mapToLong(v -> v[4]).sorted().toArray();
            return new EngineWork(views.size(), views.stream().mapToLong(v -> v[0]).average().orElse(0),
                    views.stream().mapToLong(v -> v[0]).max().orElse(0), views.stream().mapToLong(v -> v[1]).average().orElse(0),
                    took[Math.min(took.length - 1, (int) Math.ceil(0.95 * took.length) - 1)],
                    views.stream().mapToLong(v -> v[2]).average().orElse(0), views.stream().mapToLong(v -> v[2]).max().orElse(0),
                    views.stream().mapToLong(v -> v[3]).average().orElse(0) / 1000.0,
                    views.stream().mapToLong(v -> v[4]).average().orElse(0) / 1000.0,
                    audit[Math.min(audit.length - 1, (int) Math.ceil(0.95 * audit.length) - 1)] / 1000.0);
        }
    }

    private final URI base;
    private final String authorization;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public PortalLoadBenchmark(URI base, String user, String password, PrintStream out) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.out = out;
    }

    /** Which children the review pages and profiles open. */
    public enum Children {
        /** Drawn at random from the list's first 200 (the watchlist view's length): pages the portal keeps (ADR 0048) are revisited. */
        TOP,
        /** Each review page and profile a child not opened before, in turn over the whole list (up to 10,000): what a team costs. */
        SPREAD
    }

    /** The most children {@link Children#SPREAD} asks the watchlist for. */
    public static final int MAX_LISTED = 10_000;

    /** As {@link #run(int, int, Children)}, with children drawn from the list's first 200. */
    public Result run(int users, int seconds) throws Exception {
        return run(users, seconds, Children.TOP);
    }

    public Result run(int users, int seconds, Children opened) throws Exception {
        out.println(MachineInfo.current().describe());
        List<String> children = new ArrayList<>();
        String listed = opened == Children.SPREAD ? "/api/watchlist?limit=" + MAX_LISTED + "&purpose=" : "/api/watchlist?purpose=";
        for (JsonNode entry : JSON.readTree(get(listed + PURPOSE).body())) {
            children.add(entry.path("personId").asText());
        }
        if (children.isEmpty()) {
            throw new IllegalStateException("the watchlist at " + base + " is empty: ingest a county and score it first");
        }
        out.printf(Locale.ROOT, "portal %s: %d children on the watchlist, %s; %d users for %d s%n", base, children.size(),
                opened == Children.SPREAD ? "each review page and profile opens the next in turn" : "review pages and profiles drawn at random",
                users, seconds);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        EngineFigures[] engine = new EngineFigures[KINDS.length];
        for (int k = 0; k < KINDS.length; k++) {
            engine[k] = new EngineFigures();
        }
        ClosedLoopLoad.Timings timings = ClosedLoopLoad.run(users, seconds, KINDS.length, (random, step) -> {
            int kind = step % KINDS.length;
            int pick = opened == Children.SPREAD ? Math.floorMod(next.getAndIncrement(), children.size()) : random.nextInt(children.size());
            String child = URLEncoder.encode(children.get(pick), StandardCharsets.UTF_8);
            String path = switch (kind) {
                case 0 -> "/api/watchlist?purpose=" + PURPOSE;
                case 1 -> "/api/review/" + child + "?purpose=" + PURPOSE;
                default -> "/api/persons/" + child + "?purpose=" + PURPOSE;
            };
            return new ClosedLoopLoad.Request(kind, () -> engine[kind].add(get(path).headers().firstValue("Server-Timing").orElse(null)));
        });
        LatencyRecorder all = timings.all();
        LatencyRecorder[] byKind = timings.byKind();
        LatencyRecorder.Summary summary = all.summary();
        out.printf(Locale.ROOT, "all:          %s, %.1f requests/s%n", summary.describe(), summary.count() / (double) seconds);
        List<LatencyRecorder.Summary> kinds = new ArrayList<>();
        List<EngineWork> work = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            LatencyRecorder.Summary s = byKind[k].summary();
            kinds.add(s);
            work.add(engine[k].summary());
            out.printf(Locale.ROOT, "%-13s %s%n", KINDS[k] + ":", s.describe());
            out.printf(Locale.ROOT, "%-13s %s%n", "", work.getLast().describe());
        }
        if (opened == Children.SPREAD) {
            out.printf(Locale.ROOT, "children opened: %d of %d (%s)%n", Math.min(next.get(), children.size()), children.size(),
                    next.get() > children.size() ? "the list went round: some opened twice" : "none twice");
        }
        out.println("load average: " + MachineInfo.loadAverage());
        return new Result(summary, kinds, work);
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response;
    }
}

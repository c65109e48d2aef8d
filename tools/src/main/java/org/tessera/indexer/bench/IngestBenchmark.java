package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import org.tessera.indexer.opensearch.index.RefreshPause;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GenerationSummary;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * The full ingest pipeline against the raw engine: the same documents the pipeline wrote (its
 * events, then its persons, then linkage's review pairs, then the feed store's records) are sent again with plain {@code _bulk}
 * requests of the same size, as many at a time as the pipeline sends to each index, into fresh indices with the same mappings. The
 * ratio says how much of the engine's write rate the pipeline keeps: printed without the records (the measure of the runs before
 * 2026-12-07 and of the bar of issues 17 and 20) and with them (every document the pipeline wrote); the events-only ratio of
 * earlier runs is printed too.
 *
 * <p>Memory stays bounded at any county size: the stored documents are scrolled a page at a time
 * and each page is sent on as it arrives. Only the {@code _bulk} requests (and the final refresh)
 * are timed, so reading the scroll does not count against the engine.
 */
public record IngestBenchmark(SettingsSource settings, PrintStream out) {

    /** Indices the pipeline fills; kept with {@code --keep} so {@code bench search --index-prefix} can use them. */
    public static final String PIPELINE_PREFIX = "bench-pipeline";
    private static final String RAW_PREFIX = "bench-raw";
    private static final int RAW_BATCH = 500;
    private static final ObjectMapper JSON = EngineJson.MAPPER;

    public void run(String preset, long seed, Path input, Path work, boolean keep) throws Exception {
        out.println(MachineInfo.current().describe());
        out.println("load average at start: " + MachineInfo.loadAverage());
        Map<String, Long> stages = new LinkedHashMap<>();
        Path data = input;
        if (data == null) {
            long t0 = System.nanoTime();
            GenerationSummary summary = new CountyGenerator(GeneratorSettings.preset(preset, seed, 3, LocalDate.now()))
                    .generate(work.resolve("county"));
            data = work.resolve("county").resolve("data");
            stages.put("generate", System.nanoTime() - t0);
            out.printf(Locale.ROOT, "generated: %s in %.1f s%n", summary, (System.nanoTime() - t0) / 1e9);
        }
        OpenSearchProperties base = OpenSearchSettings.from(settings);
        try (OpenSearchConnection pipeline = OpenSearchConnection.open(base.withIndexPrefix(PIPELINE_PREFIX));
             OpenSearchConnection raw = OpenSearchConnection.open(base.withIndexPrefix(RAW_PREFIX))) {
            IndexManager pipelineIndices = new IndexManager(pipeline, IndexDefinitions.loadDefault());
            IndexManager rawIndices = new IndexManager(raw, IndexDefinitions.loadDefault());
            pipelineIndices.deleteAll();
            rawIndices.deleteAll();
            pipelineIndices.ensureAll();
            rawIndices.ensureAll();

            PeakMemory.reset();
            int cores = Runtime.getRuntime().availableProcessors();
            CpuTime pipelineStart = CpuTime.now(pipeline);
            IngestReport report;
            try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
                IngestSettings ingest = IngestSettings.defaults(work.resolve("quarantine")).withNlp(settings);
                out.println("semantic stage: " + (ingest.semanticStage() ? "on" : "off") + " (" + IngestSettings.SEMANTIC_STAGE + ")");
                out.println("context head over lexical hits: " + (ingest.lexicalContextHead() ? "on" : "off")
                        + " (" + IngestSettings.LEXICAL_CONTEXT_HEAD + ")");
                report = IngestPipelines.standard(pipeline, null, extractor, ingest, Clock.systemUTC()).ingest(data);
            }
            long peak = PeakMemory.peakHeapBytes();
            CpuTime pipelineEnd = CpuTime.now(pipeline);
            out.println("load average after the pipeline: " + MachineInfo.loadAverage());
            long events = report.count("events");
            double pipelineSeconds = report.elapsed().toNanos() / 1e9;
            stages.putAll(report.stageNanos());
            // sub-stages ("events/...") overlap each other and are part of "events": not added to the total
            long total = stages.entrySet().stream().filter(e -> !e.getKey().contains("/")).mapToLong(Map.Entry::getValue).sum();
            out.printf(Locale.ROOT, "data: %,d records read, %,d events, %,d persons, %,d quarantined%n",
                    report.count("records_read"), events, report.count("persons"), report.quarantined().size());
            out.printf(Locale.ROOT, "pipeline: %.1f s, %,.0f events/s end to end, peak heap %.0f MB%n",
                    pipelineSeconds, events / pipelineSeconds, peak / 1048576.0);
            stages.forEach((stage, nanos) -> {
                if (stage.contains("/")) {
                    out.printf(Locale.ROOT, "      %-24s %7.1f s busy (overlapping)%n", stage, nanos / 1e9);
                } else {
                    out.printf(Locale.ROOT, "  %-28s %7.1f s  (%4.1f%%)%n", stage, nanos / 1e9, 100.0 * nanos / total);
                }
            });
            out.printf(Locale.ROOT, "  %-28s %7.1f s%n", "total", total / 1e9);
            out.println("CPU during the pipeline: " + pipelineEnd.since(pipelineStart, pipelineSeconds, cores));

            // The raw engine writes the documents the pipeline wrote: its events, its persons and
            // linkage's review pairs, each index with the bulk-load setting the pipeline uses (no refresh until the end).
            CpuTime rawStart = CpuTime.now(raw);
            long rawWallStart = System.nanoTime();
            // As many requests in flight as the pipeline sends to each index (events: the sink's one bulk thread).
            RawBulk rawEvents = rawCopy(pipeline, raw, "events", 1, RAW_BATCH);
            RawBulk rawPersons = rawCopy(pipeline, raw, "persons", IngestPipeline.PERSON_REQUESTS_IN_FLIGHT, RAW_BATCH);
            RawBulk rawReviewPairs = rawCopy(pipeline, raw, "linkage", 1, RAW_BATCH);
            // The feed store's records, in requests of the size the store sends.
            RawBulk rawRecords = rawCopy(pipeline, raw, "records", 1, IngestPipeline.FEED_STORE_REQUEST_DOCUMENTS);
            // The raw run's CPU includes scrolling the documents out of the pipeline's indices (not timed as bulk).
            String rawCpu = CpuTime.now(raw).since(rawStart, (System.nanoTime() - rawWallStart) / 1e9, cores);
            for (RawBulk copy : List.of(rawEvents, rawPersons, rawReviewPairs, rawRecords)) {
                out.printf(Locale.ROOT, "raw _bulk of the same %,d %s documents (%.0f MB, %d request(s) in flight): %.1f s, %,.0f docs/s%n",
                        copy.documents, copy.logicalIndex, copy.bytes / 1048576.0, copy.inFlight, copy.seconds(), copy.documents / copy.seconds());
            }
            out.println("CPU during the raw run (with the scrolls that feed it): " + rawCpu);
            // Same documents on both sides, so the ratio of rates is the ratio of times.
            double rawSeconds = rawEvents.seconds() + rawPersons.seconds() + rawReviewPairs.seconds();
            // The ratio of the runs before 2026-12-07 (the bar of issues 17 and 20), then with the feed store's records as well.
            out.printf(Locale.ROOT, "ratio pipeline/raw: %.1f%% (events, persons and review pairs: %,d events, %,d persons and %,d review pairs in %.1f s raw)%n",
                    100.0 * rawSeconds / pipelineSeconds, rawEvents.documents, rawPersons.documents, rawReviewPairs.documents, rawSeconds);
            double everySeconds = rawSeconds + rawRecords.seconds();
            out.printf(Locale.ROOT, "ratio pipeline/raw, every document it wrote: %.1f%% (the above and %,d feed store records: %.1f s raw)%n",
                    100.0 * everySeconds / pipelineSeconds, rawRecords.documents, everySeconds);
            out.printf(Locale.ROOT, "ratio pipeline/raw, events only: %.1f%% (the pipeline's events/s against raw events/s)%n",
                    100.0 * (events / pipelineSeconds) / (rawEvents.documents / rawEvents.seconds()));
            out.println("load average at the end: " + MachineInfo.loadAverage());
            rawIndices.deleteAll();
            if (keep) {
                out.println("kept the pipeline's indices: tessera bench search --index-prefix " + PIPELINE_PREFIX);
            } else {
                pipelineIndices.deleteAll();
            }
        }
    }

    /** Scrolls one of the pipeline's indices and sends every document on, with its refreshes paused. */
    private static RawBulk rawCopy(OpenSearchConnection pipeline, OpenSearchConnection raw, String logicalIndex, int inFlight,
                                   int requestDocuments) {
        RawBulk copy = new RawBulk(raw, logicalIndex, inFlight, requestDocuments);
        try (RefreshPause paused = RefreshPause.of(raw, raw.alias(logicalIndex))) {
            new EventQueries(pipeline).scroll(pipeline.alias(logicalIndex), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                    List.of(), copy::add);
            copy.finish();
        }
        return copy;
    }

    /**
     * Sends documents on in {@code _bulk} requests of a given size ({@value #RAW_BATCH} as the events', persons' and
     * review pairs' requests; the feed store's own size for its records), timing only the requests.
     * With one request in flight each request goes as soon as it is full; with more, every request
     * is built first and then sent that many at a time (timed from the first send to the last answer).
     */
    private static final class RawBulk {
        private final OpenSearchConnection connection;
        private final String logicalIndex;
        private final String index;
        private final int inFlight;
        private final int requestDocuments;
        private final List<byte[]> built = new ArrayList<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(RAW_BATCH * 4096);
        private int pending;
        long documents;
        long bytes;
        long nanos;

        RawBulk(OpenSearchConnection connection, String logicalIndex, int inFlight, int requestDocuments) {
            this.connection = connection;
            this.logicalIndex = logicalIndex;
            this.index = connection.alias(logicalIndex);
            this.inFlight = inFlight;
            this.requestDocuments = requestDocuments;
        }

        double seconds() {
            return nanos / 1e9;
        }

        void add(String id, JsonNode source) {
            body.writeBytes(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(source.toString().getBytes(StandardCharsets.UTF_8));
            body.write('\n');
            if (++pending >= requestDocuments) {
                request();
            }
        }

        void finish() {
            request();
            long t0 = System.nanoTime();
            if (!built.isEmpty()) {
                try (ExecutorService senders = Executors.newFixedThreadPool(inFlight)) {
                    List<Future<?>> sent = built.stream().<Future<?>>map(request -> senders.submit(() -> send(request))).toList();
                    for (Future<?> request : sent) {
                        request.get();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("raw bulk failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            connection.refresh(index);
            nanos += System.nanoTime() - t0;
        }

        private void request() {
            if (pending == 0) {
                return;
            }
            byte[] request = body.toByteArray();
            documents += pending;
            bytes += request.length;
            body.reset();
            pending = 0;
            if (inFlight > 1) {
                built.add(request);
            } else {
                long t0 = System.nanoTime();
                send(request);
                nanos += System.nanoTime() - t0;
            }
        }

        private void send(byte[] request) {
            // The response read as the pipeline's bulk writer reads it (statuses and errors only).
            JsonNode result = connection.bulk(request, Map.of("filter_path", BulkWriter.RESPONSE_FIELDS));
            if (result.path("errors").asBoolean()) {
                throw new IllegalStateException("raw bulk failed: some items were refused");
            }
        }
    }
}

package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GenerationSummary;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * The full ingest pipeline against the raw engine: the same event documents the pipeline wrote
 * are sent again with plain {@code _bulk} requests of the same size into a fresh index with the
 * same mapping. The ratio says how much of the engine's write rate the pipeline keeps.
 */
final class IngestBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SettingsSource settings;
    private final PrintStream out;

    IngestBenchmark(SettingsSource settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    void run(String preset, long seed, Path input, Path work) throws Exception {
        out.println(MachineInfo.current().describe());
        Path data = input;
        if (data == null) {
            long t0 = System.nanoTime();
            GenerationSummary summary = new CountyGenerator(GeneratorSettings.preset(preset, seed, 3, LocalDate.now()))
                    .generate(work.resolve("county"));
            data = work.resolve("county").resolve("data");
            out.printf(Locale.ROOT, "generated: %s in %.1f s%n", summary, (System.nanoTime() - t0) / 1e9);
        }
        OpenSearchProperties base = OpenSearchSettings.from(settings);
        try (OpenSearchConnection pipeline = OpenSearchConnection.open(base.withIndexPrefix("bench-pipeline"));
             OpenSearchConnection raw = OpenSearchConnection.open(base.withIndexPrefix("bench-raw"))) {
            IndexManager pipelineIndices = new IndexManager(pipeline, IndexDefinitions.loadDefault());
            IndexManager rawIndices = new IndexManager(raw, IndexDefinitions.loadDefault());
            pipelineIndices.deleteAll();
            rawIndices.deleteAll();
            pipelineIndices.ensureAll();
            rawIndices.ensureAll();

            PeakMemory.reset();
            IngestReport report;
            try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
                report = IngestPipelines.standard(pipeline, null, extractor, IngestSettings.defaults(work.resolve("quarantine")),
                        Clock.systemUTC()).ingest(data);
            }
            long peak = PeakMemory.peakHeapBytes();
            long events = report.count("events");
            double pipelineSeconds = report.elapsed().toNanos() / 1e9;
            out.printf(Locale.ROOT, "data: %,d records read, %,d events, %,d persons, %,d quarantined%n",
                    report.count("records_read"), events, report.count("persons"), report.quarantined().size());
            out.printf(Locale.ROOT, "pipeline: %.1f s, %,.0f events/s end to end, peak heap %.0f MB%n",
                    pipelineSeconds, events / pipelineSeconds, peak / 1048576.0);
            report.stageNanos().forEach((stage, nanos) ->
                    out.printf(Locale.ROOT, "  %-16s %7.1f s  (%4.1f%%)%n", stage, nanos / 1e9, 100.0 * nanos / report.elapsed().toNanos()));

            List<ObjectNode> documents = new ArrayList<>();
            new EventQueries(pipeline).scroll(pipeline.alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                    List.of(), (id, source) -> documents.add((ObjectNode) source));
            long t0 = System.nanoTime();
            for (int from = 0; from < documents.size(); from += 500) {
                bulk(raw, documents.subList(from, Math.min(documents.size(), from + 500)));
            }
            raw.raw("POST", "/" + raw.alias("events") + "/_refresh", null);
            double rawSeconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "raw _bulk of the same %,d event documents: %.1f s, %,.0f docs/s%n",
                    documents.size(), rawSeconds, documents.size() / rawSeconds);
            out.printf(Locale.ROOT, "ratio pipeline/raw: %.1f%%%n", 100.0 * (events / pipelineSeconds) / (documents.size() / rawSeconds));
            pipelineIndices.deleteAll();
            rawIndices.deleteAll();
        }
    }

    private static void bulk(OpenSearchConnection connection, List<ObjectNode> documents) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (ObjectNode doc : documents) {
            body.writeBytes(("{\"index\":{\"_index\":\"" + connection.alias("events") + "\",\"_id\":\""
                    + doc.path("event_id").asText() + "\"}}\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(doc.toString().getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        try (var response = connection.client().generic().execute(Requests.builder().method("POST").endpoint("/_bulk")
                .body(Body.from(body.toByteArray(), "application/x-ndjson")).build())) {
            JsonNode result = JSON.readTree(response.getBody().map(Body::bodyAsString).orElse("{}"));
            if (response.getStatus() >= 300 || result.path("errors").asBoolean()) {
                throw new IllegalStateException("raw bulk failed: " + response.getStatus());
            }
        }
    }
}

package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventDate;
import org.tessera.indexer.indicators.EventPercolator;
import org.tessera.indexer.indicators.EvidenceContextResolver;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.indicators.IndicatorHit;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Measures the stream path ({@link EventPercolator}: percolate + highlight + evidence + context)
 * against a bare multi-document percolate {@code _search} of the same documents in the same
 * batches, and prints docs/s for both and their ratio. A command, never a test assertion.
 */
public record PercolateBenchmark(OpenSearchConnection connection, EvidenceContextResolver contexts) {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final String[] NOISE = {
        "Visit completed as planned.", "Reading book changed and spelling practised.", "Mum attended the review with the health visitor.",
        "Child was settled and played with the train set.", "Phone call to confirm the appointment time.", "Uniform grant paid.",
        "Discussed the move to the new class after half term.", "Letter sent about the school trip.", "Weighed and measured today.",
    };

    /** Figures of one run. */
    public record Result(int docs, int batchSize, double rawDocsPerSecond, double streamDocsPerSecond, long rawMatches, long streamHits) {
        public double ratio() {
            return streamDocsPerSecond / rawDocsPerSecond;
        }
    }

    /** {@code docs} event documents built from the catalogue's examples and ordinary notes, deterministic for a seed. */
    public static List<ObjectNode> generate(IndicatorCatalogue catalogue, int docs, long seed) {
        List<ObjectNode> examples = new ArrayList<>();
        for (Indicator indicator : catalogue.enabledQueries()) {
            examples.addAll(indicator.examples().positive());
            examples.addAll(indicator.examples().negative());
        }
        Random random = new Random(seed);
        String[] agencies = {"police", "health", "education", "social_care", "housing"};
        List<ObjectNode> out = new ArrayList<>(docs);
        for (int i = 0; i < docs; i++) {
            String id = "bench:" + i;
            String agency = agencies[random.nextInt(agencies.length)];
            String date = "2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10);
            StringBuilder text = new StringBuilder();
            for (int s = 0, n = 2 + random.nextInt(4); s < n; s++) {
                text.append(NOISE[random.nextInt(NOISE.length)]).append(' ');
            }
            // about a third of the notes carry an example that should (or nearly should) fire
            ObjectNode example = random.nextInt(3) == 0 ? examples.get(random.nextInt(examples.size())) : null;
            Event exampleEvent = example == null ? null : Event.fromDocument(example);
            if (exampleEvent != null && exampleEvent.text() != null) {
                text.append(exampleEvent.text()).append(' ');
            }
            Event.Builder event = Event.builder().eventId(id).agency(agency).date(new EventDate(date, null))
                    .text(text.toString().strip()).childIds(List.of("child-" + random.nextInt(docs / 5 + 1)))
                    .subjectAge((double) random.nextInt(18));
            if (exampleEvent != null) {
                // the example's structured fields (its codes, record type, ages...) over the noise
                event.codes(exampleEvent.codes()).location(exampleEvent.location());
                if (exampleEvent.agency() != null) event.agency(exampleEvent.agency());
                if (exampleEvent.recordType() != null) event.recordType(exampleEvent.recordType());
                if (exampleEvent.date() != null) event.date(exampleEvent.date());
                if (exampleEvent.subjectAge() != null) event.subjectAge(exampleEvent.subjectAge());
                if (exampleEvent.youngestChildAge() != null) event.youngestChildAge(exampleEvent.youngestChildAge());
                if (!exampleEvent.childIds().isEmpty()) event.childIds(exampleEvent.childIds());
                if (!exampleEvent.concepts().isEmpty()) event.concepts(exampleEvent.concepts());
            }
            ObjectNode doc = event.build().toDocument();
            out.add(doc);
        }
        return out;
    }

    public Result run(List<ObjectNode> docs, int batchSize) {
        EventPercolator stream = new EventPercolator(connection, contexts);
        // warm-up both paths so the first measured batch does not pay for cold caches
        List<ObjectNode> warm = docs.subList(0, Math.min(docs.size(), batchSize));
        raw(warm);
        stream.percolate(warm);

        // Interleaved per batch, so load from other processes on the machine hits both paths alike.
        long rawMatches = 0;
        long streamHits = 0;
        long rawNanos = 0;
        long streamNanos = 0;
        for (int from = 0; from < docs.size(); from += batchSize) {
            List<ObjectNode> batch = docs.subList(from, Math.min(docs.size(), from + batchSize));
            long t0 = System.nanoTime();
            rawMatches += raw(batch);
            long t1 = System.nanoTime();
            for (List<IndicatorHit> hits : stream.percolate(batch)) {
                streamHits += hits.size();
            }
            long t2 = System.nanoTime();
            rawNanos += t1 - t0;
            streamNanos += t2 - t1;
        }
        double rawSeconds = rawNanos / 1e9;
        double streamSeconds = streamNanos / 1e9;
        return new Result(docs.size(), batchSize, docs.size() / rawSeconds, docs.size() / streamSeconds, rawMatches, streamHits);
    }

    /** Bare percolate: no highlight, no source, only which slots matched. Returns (query, doc) matches. */
    private long raw(List<ObjectNode> batch) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 10_000);
        body.put("track_total_hits", false);
        body.put("_source", false);
        ArrayNode documents = body.putObject("query").putObject("percolate").put("field", "query").putArray("documents");
        batch.forEach(documents::add);
        long matches = 0;
        for (JsonNode hit : connection.search(connection.alias("indicators"), body, Map.of("filter_path", "hits.hits.fields"))
                .path("hits").path("hits")) {
            matches += hit.path("fields").path("_percolator_document_slot").size();
        }
        return matches;
    }

    /** Machine and engine facts to print beside the figures. */
    public String environment() {
        Runtime runtime = Runtime.getRuntime();
        String engineHeap = "?";
        try {
            JsonNode nodes = connection.call("GET", "/_nodes/stats/jvm", (String) null, Map.of("filter_path", "nodes.*.jvm.mem.heap_max_in_bytes"));
            for (JsonNode node : nodes.path("nodes")) {
                engineHeap = (node.path("jvm").path("mem").path("heap_max_in_bytes").asLong() >> 20) + " MB";
            }
        } catch (Exception e) {
            // informative only
        }
        return "cores=" + runtime.availableProcessors() + ", client heap max=" + (runtime.maxMemory() >> 20) + " MB, engine heap max=" + engineHeap;
    }

    public static void print(Result result, String environment, int storedQueries, PrintStream out) {
        out.println("Percolate benchmark (" + environment + ")");
        out.printf("  %d docs, batches of %d, %d stored queries%n", result.docs(), result.batchSize(), storedQueries);
        out.printf("  raw _search percolate : %8.0f docs/s  (%d matches)%n", result.rawDocsPerSecond(), result.rawMatches());
        out.printf("  stream EventPercolator: %8.0f docs/s  (%d hits, with highlight, evidence, context)%n", result.streamDocsPerSecond(), result.streamHits());
        out.printf("  stream / raw          : %8.0f %%%n", 100 * result.ratio());
    }
}

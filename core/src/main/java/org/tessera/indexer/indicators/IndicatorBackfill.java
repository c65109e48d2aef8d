package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.common.DaemonThreads;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The backfill path: runs one indicator's query as an ordinary search over the {@code events}
 * alias (scrolling through every match, with the same highlight as the stream path), builds the
 * same hits the percolator would, and rewrites that indicator's hits on the events with bulk
 * updates: hits of other indicators are kept, events that no longer match lose theirs.
 * Not thread-safe for the same indicator (two backfills of one indicator would race).
 */
public final class IndicatorBackfill {

    private static final Logger log = LoggerFactory.getLogger(IndicatorBackfill.class);
    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final int PAGE = 500;
    /** Pages of ids alone, when checking predictions: each hit is a few bytes. */
    private static final int CHECK_PAGE = 5_000;
    /** Replaces one indicator's hits, keeps the others, re-derives indicator_ids; sorted like the stream path. */
    private static final String SCRIPT = """
            if (ctx._source.hits == null) { ctx._source.hits = []; }
            ctx._source.hits.removeIf(h -> h.indicator_id == params.id);
            ctx._source.hits.addAll(params.hits);
            ctx._source.hits.sort((a, b) -> a.indicator_id.compareTo(b.indicator_id));
            def ids = new TreeSet();
            for (h in ctx._source.hits) { ids.add(h.indicator_id); }
            ctx._source.indicator_ids = new ArrayList(ids);
            """;

    private final OpenSearchConnection connection;
    private final HitFactory hits;

    public IndicatorBackfill(OpenSearchConnection connection, EvidenceContextResolver contexts) {
        this.connection = connection;
        this.hits = new HitFactory(contexts);
    }

    /** Outcome: the hits found per event id, and how many events were updated (including cleared ones). */
    public record Result(String indicatorId, Map<String, IndicatorHit> hitsByEvent, int updated) {
        public Result {
            hitsByEvent = Map.copyOf(hitsByEvent);
        }
    }

    /** Computes the indicator's hits over all events and writes them back. */
    public Result run(Indicator indicator, boolean refresh) {
        Map<String, IndicatorHit> found = find(indicator);
        Set<String> touched = new LinkedHashSet<>(found.keySet());
        touched.addAll(eventsWithHitsOf(indicator.id()));
        StringBuilder bulk = new StringBuilder();
        int pending = 0;
        int updated = 0;
        String index = connection.alias("events");
        for (String eventId : touched) {
            ObjectNode update = JSON.createObjectNode();
            ObjectNode script = update.putObject("script");
            script.put("lang", "painless").put("source", SCRIPT);
            ObjectNode params = script.putObject("params");
            params.put("id", indicator.id());
            ArrayNode list = params.putArray("hits");
            IndicatorHit hit = found.get(eventId);
            if (hit != null) {
                list.add(hit.toJson());
            }
            bulk.append("{\"update\":{\"_index\":\"").append(index).append("\",\"_id\":").append(com.fasterxml.jackson.databind.node.TextNode.valueOf(eventId).toString()).append("}}\n")
                    .append(update).append('\n');
            if (++pending == PAGE) {
                updated += bulk(bulk.toString(), false);
                bulk.setLength(0);
                pending = 0;
            }
        }
        if (pending > 0) {
            updated += bulk(bulk.toString(), refresh);
        } else if (refresh) {
            connection.refresh(index);
        }
        log.info("Backfill of {} v{}: {} events hit, {} updated", indicator.id(), indicator.version(), found.size(), updated);
        return new Result(indicator.id(), found, updated);
    }

    /**
     * A first load's predictions of the hits of the given indicators' queries that read no text,
     * to attach as the events are written and to pass to {@link #attachAll} afterwards.
     */
    public PredictedHits predict(List<Indicator> indicators, EventFields fields) {
        return new PredictedHits(indicators, new StructuredQueryEvaluator(fields), hits);
    }

    /**
     * The first-load path, once every event is written and searchable. Finds the hits of every
     * given indicator over the events (one search each, instead of percolating every event): a
     * predicted indicator's only to check the prediction, by event id; the others' with what their
     * hits are built from. Then rewrites each event whose hits differ from those it was written
     * with (a searched indicator's hits, a wrong prediction) as a whole document with {@code hits},
     * {@code indicator_ids} and the {@code content_hash} the stream path would have given it (so a
     * later run over the same input finds it unchanged). Each rewritten event, as stored, goes to
     * {@code updated}. Returns how many events were rewritten.
     *
     * @param predicted what was predicted as the events were written ({@link #predict}); the events must
     *                  carry those hits and no others
     */
    public int attachAll(List<Indicator> indicators, PredictedHits predicted, Consumer<ObjectNode> updated) {
        Set<String> predictedIds = predicted.indicatorIds();
        Set<String> searched = new HashSet<>();
        indicators.stream().map(Indicator::id).filter(id -> !predictedIds.contains(id)).forEach(searched::add);
        // Two requests in flight: while the engine serves one search or page, this JVM builds the
        // hits or the documents of the other (one at a time left a core idle). Two threads of a
        // fixed pool, not a parallel stream on a fork-join pool of two: a worker blocked on its request
        // let that pool add threads, and more requests than two reached the two-core engine at once.
        try (ExecutorService pool = DaemonThreads.pool("ingest-indicators", 2)) {
            long started = System.nanoTime();
            Map<String, List<IndicatorHit>> found = new ConcurrentHashMap<>();
            Map<String, Set<String>> missed = new ConcurrentHashMap<>();
            Map<String, Set<String>> wrong = new ConcurrentHashMap<>();
            inAll(pool, indicators.stream().<Callable<Integer>>map(indicator -> () -> {
                if (predictedIds.contains(indicator.id())) {
                    Set<String> mine = predicted.eventsHitBy(indicator.id());
                    Set<String> engine = matchingIds(indicator);
                    engine.stream().filter(id -> !mine.contains(id)).forEach(id -> missed.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(indicator.id()));
                    mine.stream().filter(id -> !engine.contains(id)).forEach(id -> wrong.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(indicator.id()));
                } else {
                    find(indicator).forEach((eventId, hit) ->
                            found.computeIfAbsent(eventId, id -> Collections.synchronizedList(new ArrayList<>())).add(hit));
                }
                return 0;
            }).toList());
            long searchedAt = System.nanoTime();
            Set<String> rewrite = new TreeSet<>(found.keySet());
            rewrite.addAll(missed.keySet());
            rewrite.addAll(wrong.keySet());
            List<String> ids = List.copyOf(rewrite);
            List<List<String>> pages = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += PAGE) {
                pages.add(ids.subList(from, Math.min(ids.size(), from + PAGE)));
            }
            Map<String, Indicator> byId = new HashMap<>();
            indicators.forEach(indicator -> byId.put(indicator.id(), indicator));
            Corrections corrections = new Corrections(searched, found, missed, wrong, byId);
            int written = inAll(pool, pages.stream().<Callable<Integer>>map(page -> () -> writePage(page, corrections, updated)).toList());
            log.info("First-load indicators: {} searched, {} predicted (events corrected: {} missed, {} wrongly hit), {} events rewritten;"
                            + " searches {} s, rewrites {} s",
                    searched.size(), predictedIds.size(), missed.size(), wrong.size(), written,
                    String.format(java.util.Locale.ROOT, "%.1f", (searchedAt - started) / 1e9),
                    String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - searchedAt) / 1e9));
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while attaching hits", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Runs the tasks on the pool and sums their answers; the first failure is thrown. */
    private static int inAll(ExecutorService pool, List<Callable<Integer>> tasks) throws InterruptedException, ExecutionException {
        int sum = 0;
        for (Future<Integer> done : pool.invokeAll(tasks)) {
            sum += done.get();
        }
        return sum;
    }

    /**
     * What a first load changes on the events it rewrites: the hits found for the searched
     * indicators, and per event the predicted indicators the engine matched but the prediction
     * did not ({@code missed}) or the other way round ({@code wrong}).
     */
    private record Corrections(Set<String> searched, Map<String, List<IndicatorHit>> found,
                               Map<String, Set<String>> missed, Map<String, Set<String>> wrong, Map<String, Indicator> indicators) {

        /** The event's hits after the corrections, from those it was written with. */
        List<IndicatorHit> apply(String eventId, Event typed, HitFactory factory) {
            Set<String> wrongHere = wrong.getOrDefault(eventId, Set.of());
            List<IndicatorHit> hits = new ArrayList<>(found.getOrDefault(eventId, List.of()));
            for (EventHit stored : typed.hits() == null ? List.<EventHit>of() : typed.hits()) {
                IndicatorHit hit = IndicatorHit.of(stored);
                if (!searched.contains(hit.indicatorId()) && !wrongHere.contains(hit.indicatorId())) {
                    hits.add(hit);
                }
            }
            for (String id : new TreeSet<>(missed.getOrDefault(eventId, Set.of()))) {
                Indicator indicator = indicators.get(id);
                hits.add(factory.hit(indicator.meta(), indicator.query(), typed, List.of()));
            }
            return hits;
        }
    }

    /**
     * Rewrites one page of events with their corrected hits: the stored document, hits attached,
     * hashed as the stream path hashes it.
     */
    private int writePage(List<String> page, Corrections corrections, Consumer<ObjectNode> updated) {
        String index = connection.alias("events");
        // The whole source: a filtered one comes back re-serialised with its fields in another
        // order, and the hash must be taken over the document exactly as the stream path has it.
        Map<String, JsonNode> docs = connection.mget(index, page);
        StringBuilder bulk = new StringBuilder();
        List<ObjectNode> sources = new ArrayList<>(page.size());
        for (Map.Entry<String, JsonNode> doc : docs.entrySet()) {
            Event stored = Event.fromDocument(doc.getValue());
            List<EventHit> corrected = corrections.apply(doc.getKey(), stored, hits).stream().map(IndicatorHit::toEventHit).toList();
            ObjectNode source = stored.withStamps(null, null).withHits(corrected).toDocument();
            // As EventSink does: the hash over the document with its hits, then hash and ingest time.
            Event.stamp(source, Ids.sha256Hex(source.toString()), stored.ingestedAt());
            // A whole document, not a partial update: the engine need not read and merge the old one.
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":")
                    .append(TextNode.valueOf(doc.getKey())).append("}}\n")
                    .append(source).append('\n');
            sources.add(source);
        }
        if (sources.isEmpty()) {
            return 0;
        }
        int written = bulk(bulk.toString(), false);
        sources.forEach(updated);
        return written;
    }

    /**
     * The ids of the events the indicator's query matches, and nothing else: no stored field is
     * read (the id comes from doc values), so checking a prediction costs the engine no more than
     * running the query.
     */
    private Set<String> matchingIds(Indicator indicator) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", CHECK_PAGE);
        body.putArray("sort").add("_doc");
        body.put("stored_fields", "_none_");
        String idField = EventIndexFields.EVENT_ID;
        body.putArray("docvalue_fields").add(idField);
        body.set("query", indicator.query());
        Set<String> ids = new HashSet<>();
        // the answer's doc values, keyed by the field asked for (not a document)
        scroll(body, hit -> ids.add(hit.path("fields").path(idField).path(0).asText()));
        return ids;
    }

    /**
     * What a hit is built from: the text, who the event involves, and the fields the query reads
     * (its structured evidence). Fetching only these spares the engine and this JVM the rest of
     * every matching event (entities, people, codes the query does not read), twice for an event
     * several indicators match.
     */
    static Set<String> evidenceFields(Indicator indicator) {
        Set<String> fields = new TreeSet<>(List.of(EventIndexFields.CHILD_IDS, EventIndexFields.PERSON_IDS));
        if (indicator.readsText()) {
            fields.add("text");
        }
        for (String root : QueryFields.roots(List.of(indicator))) {
            // an object's fields, and the same fields stored under dotted keys ("codes.flags")
            fields.add(root);
            fields.add(root + ".*");
        }
        return fields;
    }

    /** The hits the indicator has over the events now, by event document id, without writing anything. */
    public Map<String, IndicatorHit> find(Indicator indicator) {
        if (!indicator.isQuery()) {
            throw new IllegalArgumentException(indicator.id() + " is a rule; rules are evaluated by RuleEvaluator");
        }
        IndicatorMeta meta = indicator.meta();
        Map<String, IndicatorHit> found = new LinkedHashMap<>();
        ObjectNode body = JSON.createObjectNode();
        body.put("size", PAGE);
        body.putArray("sort").add("_doc");
        ArrayNode includes = body.putObject("_source").putArray("includes");
        evidenceFields(indicator).forEach(includes::add);
        body.set("query", indicator.query());
        // A query that reads no text gets no highlight back: asking would only cost the engine a
        // pass over every matching event's text. The events' text has no offsets in its postings
        // (ADR 0051): the engine analyses each hit's text again, which for the catalogue's span
        // queries costs a fifth of reading every query term's postings for each hit.
        if (indicator.readsText()) {
            body.set("highlight", EngineJson.parse(HitFactory.highlightJson()));
        }
        scroll(body, hit -> {
            List<String> highlighted = new ArrayList<>(2);
            for (String field : EventPercolator.HIGHLIGHTED) {
                JsonNode fragments = hit.path("highlight").path(field);
                if (fragments.isArray() && !fragments.isEmpty()) {
                    highlighted.add(fragments.get(0).asText());
                }
            }
            found.put(hit.path("_id").asText(), hits.hit(meta, indicator.query(), Event.fromDocument(hit.path("_source")), highlighted));
        });
        return found;
    }

    private Set<String> eventsWithHitsOf(String indicatorId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", PAGE);
        body.putArray("sort").add("_doc");
        body.put("_source", false);
        body.putObject("query").putObject("term").put(EventIndexFields.INDICATOR_IDS, indicatorId);
        Set<String> ids = new LinkedHashSet<>();
        scroll(body, hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }

    /** Every hit of {@code body}'s query over the events, a page of {@code body.size} at a time (the gateway's scroll). */
    private void scroll(ObjectNode body, Consumer<JsonNode> each) {
        connection.scroll(connection.alias("events"), body, each);
    }

    private JsonNode send(String method, String endpoint, String body, Map<String, String> query) {
        return connection.call(method, endpoint, body, query);
    }

    private int bulk(String ndjson, boolean refresh) {
        OpenSearchConnection.BulkAnswer answer = connection.bulk(ndjson, refresh ? Map.of("refresh", "true") : Map.of());
        if (!answer.failures().isEmpty()) {
            throw new IllegalStateException("backfill updates failed: " + answer.failures().subList(0, Math.min(5, answer.failures().size())));
        }
        return answer.written();
    }
}

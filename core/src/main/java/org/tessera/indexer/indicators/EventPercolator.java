package org.tessera.indexer.indicators;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The stream path: percolates a batch of new event documents against the stored indicator
 * queries in one multi-document percolate request and returns, per event, its hits with
 * evidence and context. Thread-safe; one instance can serve concurrent batches.
 */
public final class EventPercolator {

    /** Event fields that are results of percolation, not input to it. */
    // Nested fields (people, entities, contexts) make the engine's percolator return no highlight at
    // all, so every text hit fell back to structured evidence and lost its negated/historical context.
    // No stored query addresses them (the catalogue validator's field list is flat); hit attribution
    // reads them from the original event.
    private static final List<String> NOT_PERCOLATED = List.of(EventIndexFields.Hits.PATH, EventIndexFields.INDICATOR_IDS,
            EventIndexFields.People.PATH, EventIndexFields.Entities.PATH, EventIndexFields.Contexts.PATH, EventIndexFields.CONCEPT_MATCHES);
    private static final ObjectMapper JSON = EngineJson.MAPPER;
    static final List<String> HIGHLIGHTED = List.of("text", "text.exact");

    private final OpenSearchConnection connection;
    private final HitFactory hits;
    private final int maxIndicators;
    /** Top-level fields sent to the engine; null sends every field but {@link #NOT_PERCOLATED}. */
    private final Set<String> percolatedFields;
    /** The analysts' test bench tries an indicator before it is enabled; the stream never fires a disabled one. */
    private final boolean includeDisabled;
    private final java.util.concurrent.ConcurrentMap<String, JsonNode> queries = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param maxIndicators upper bound on stored queries that can match one batch (the response size);
     *                      at most 10,000 (the engine's result window)
     */
    public EventPercolator(OpenSearchConnection connection, EvidenceContextResolver contexts, int maxIndicators) {
        this(connection, contexts, maxIndicators, null, false);
    }

    public EventPercolator(OpenSearchConnection connection, EvidenceContextResolver contexts) {
        this(connection, contexts, 10_000, null, false);
    }

    /**
     * A percolator that sends the engine only the fields the catalogue's queries read: the engine
     * analyses every field of a percolated document, and the others (title, address, names,
     * ids) cost a quarter of the percolation time while no query can match on them.
     */
    public static EventPercolator forCatalogue(OpenSearchConnection connection, EvidenceContextResolver contexts,
                                               IndicatorCatalogue catalogue) {
        return new EventPercolator(connection, contexts, 10_000, catalogue.queriedFields(), false);
    }

    /**
     * The test bench's percolator: every stored indicator, enabled or not, so that an analyst sees
     * what an indicator would fire on before enabling it. Never for the ingest.
     */
    public static EventPercolator includingDisabled(OpenSearchConnection connection, EvidenceContextResolver contexts) {
        return new EventPercolator(connection, contexts, 10_000, null, true);
    }

    private EventPercolator(OpenSearchConnection connection, EvidenceContextResolver contexts, int maxIndicators,
                            Set<String> percolatedFields, boolean includeDisabled) {
        this.connection = connection;
        this.hits = new HitFactory(contexts);
        this.maxIndicators = Math.min(10_000, Math.max(1, maxIndicators));
        this.percolatedFields = percolatedFields == null ? null : Set.copyOf(percolatedFields);
        this.includeDisabled = includeDisabled;
    }

    /** Hits per event, in the order of {@code events}; each list sorted by indicator id. */
    public List<List<IndicatorHit>> percolate(List<? extends JsonNode> events) {
        List<List<IndicatorHit>> result = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            result.add(new ArrayList<>());
        }
        if (events.isEmpty()) {
            return result;
        }
        String body = requestBody(events);
        JsonNode matches;
        try {
            matches = connection.call("POST", "/" + connection.alias("indicators") + "/_search", body,
                    Map.of("filter_path", "hits.hits._source,hits.hits.fields,hits.hits.highlight")).path("hits").path("hits");
        } catch (EngineException e) {
            if (e.badRequest()) {
                throw new RejectedException(e.reason());
            }
            throw e;
        }
        // each matched document is read once, whatever number of indicators it matched
        Event[] typed = new Event[events.size()];
        for (JsonNode match : matches) {
            IndicatorMeta meta = IndicatorMeta.fromStored(match.path("_source").path("indicator"));
            JsonNode slots = match.path("fields").path("_percolator_document_slot");
            JsonNode highlight = match.path("highlight");
            for (JsonNode slotNode : slots) {
                int slot = slotNode.asInt();
                List<String> highlighted = new ArrayList<>(2);
                for (String field : HIGHLIGHTED) {
                    // with a single document the engine does not prefix highlight keys with the slot
                    JsonNode fragments = events.size() == 1 ? highlight.path(field) : highlight.path(slot + "_" + field);
                    if (fragments.isArray() && !fragments.isEmpty()) {
                        highlighted.add(fragments.get(0).asText());
                    }
                }
                JsonNode query = highlighted.isEmpty() ? storedQuery(meta) : null;
                if (typed[slot] == null) {
                    typed[slot] = Event.fromDocument(events.get(slot));
                }
                result.get(slot).add(hits.hit(meta, query, typed[slot], highlighted));
            }
        }
        result.forEach(list -> list.sort(IndicatorHit.ORDER));
        return result;
    }

    /** Per event of a batch: its hits, or why the engine rejected it (e.g. a field the mapping does not have). */
    public record BatchResult(List<List<IndicatorHit>> hits, Map<Integer, String> rejected) {
        public BatchResult {
            hits = List.copyOf(hits);
            rejected = Map.copyOf(rejected);
        }
    }

    /**
     * Like {@link #percolate}, but a document the engine rejects does not sink its batch: the batch is
     * split until the bad documents stand alone, and they come back in {@code rejected} by position
     * (their hit lists stay empty) while every other event gets its hits.
     */
    public BatchResult percolateIsolating(List<? extends JsonNode> events) {
        List<List<IndicatorHit>> hits = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            hits.add(List.of());
        }
        Map<Integer, String> rejected = new java.util.TreeMap<>();
        isolate(events, 0, hits, rejected);
        return new BatchResult(hits, rejected);
    }

    private void isolate(List<? extends JsonNode> events, int offset, List<List<IndicatorHit>> hits, Map<Integer, String> rejected) {
        if (events.isEmpty()) {
            return;
        }
        try {
            List<List<IndicatorHit>> found = percolate(events);
            for (int i = 0; i < found.size(); i++) {
                hits.set(offset + i, found.get(i));
            }
        } catch (RejectedException e) {
            if (events.size() == 1) {
                rejected.put(offset, e.getMessage());
                return;
            }
            int middle = events.size() / 2;
            isolate(events.subList(0, middle), offset, hits, rejected);
            isolate(events.subList(middle, events.size()), offset + middle, hits, rejected);
        }
    }

    /** The engine refused the request because of its documents (HTTP 400), not because it is unwell. */
    public static final class RejectedException extends RuntimeException {
        RejectedException(String reason) {
            super(reason);
        }
    }

    /** Percolates and stores the hits on each event ({@code hits}, {@code indicator_ids}), ready to index. */
    public void percolateAndAttach(List<ObjectNode> events) {
        List<List<IndicatorHit>> found = percolate(events);
        for (int i = 0; i < events.size(); i++) {
            IndicatorHit.attach(events.get(i), found.get(i));
        }
    }

    private JsonNode storedQuery(IndicatorMeta meta) {
        return queries.computeIfAbsent(meta.id() + "@" + meta.version(), key -> {
            try {
                return connection.get(connection.alias("indicators"), meta.id(), Map.of("_source_includes", "query"))
                        .map(source -> source.path("query")).orElse(null);
            } catch (EngineException e) {
                return null;
            }
        });
    }

    private String requestBody(List<? extends JsonNode> events) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", maxIndicators);
        body.put("track_total_hits", false);
        // the stored query is only needed for structured evidence: fetched once per version, not per batch
        body.putArray("_source").add("indicator");
        // An indicator an administrator disabled stays stored (with its history) but must not fire.
        ObjectNode bool = body.putObject("query").putObject("bool");
        if (!includeDisabled) {
            bool.putArray("must_not").addObject().putObject("term").put("indicator.enabled", false);
        }
        ArrayNode documents = bool.putArray("filter").addObject().putObject("percolate").put("field", "query").putArray("documents");
        for (JsonNode event : events) {
            documents.add(percolated(event));
        }
        try {
            body.set("highlight", JSON.readTree(HitFactory.highlightJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return body.toString();
    }

    /** The part of an event the engine percolates (the hits are built from the whole event). */
    private JsonNode percolated(JsonNode event) {
        if (percolatedFields == null) {
            ObjectNode doc = ((ObjectNode) event).deepCopy();
            NOT_PERCOLATED.forEach(doc::remove);
            return doc;
        }
        // Shared, not copied: the request body is serialised before anyone changes the event.
        // A queried field may also be held under a dotted key ("codes.outcome"), which a search finds.
        ObjectNode doc = JSON.createObjectNode();
        event.properties().forEach(field -> {
            int dot = field.getKey().indexOf('.');
            String root = dot < 0 ? field.getKey() : field.getKey().substring(0, dot);
            if (percolatedFields.contains(root) && !NOT_PERCOLATED.contains(root)) {
                doc.set(field.getKey(), field.getValue());
            }
        });
        return doc;
    }

    static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }
}

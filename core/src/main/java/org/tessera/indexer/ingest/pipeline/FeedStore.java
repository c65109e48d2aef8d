package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.tessera.indexer.common.Lazy;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.linkage.StoredKeyMemo;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.RefreshPause;
import org.tessera.indexer.scoring.EventQueries;

/**
 * The feed store ({@code records} index): every record each source currently holds, as its mapping
 * read it, one document per event id. A delta is applied to it (records added or replaced by id,
 * tombstoned ones removed) and a complete snapshot replaces a source's records, so that a run can
 * always link and build the whole picture, not only the day's files. Writes are idempotent (ids
 * from the record, unchanged documents skipped), so a run killed while writing and started again
 * ends in the same store. Thread-safe as far as the connection is.
 *
 * <p>Each record is stored with its blocking keys ({@link BlockingKeys}, searched, kept out of
 * {@code _source}) and their version, so an arrival asks for the records sharing a key with what
 * arrived ({@link #eventIdsSharing}) instead of keying every stored occurrence
 * (docs/adr/0043-stored-blocking-keys.md): since records v5 (ADR 0065) each person on the record keeps its
 * raw keys, refinements and unit ({@code blocking_units}, nested), nothing the record as a whole. A store whose
 * live mapping predates v5 (v2 to v4, before {@code tessera indices migrate records}) is written and read
 * without keys: an arrival into it takes the whole path.
 */
final class FeedStore {

    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;
    static final String INDEX = "records";
    /**
     * Records per {@code _bulk} request. The store's documents are not analysed (the record is kept,
     * not indexed), so the engine's cost of a request is mostly per request and per byte: larger,
     * fewer requests than the events' 500 (docs/adr/0024-first-load-feed-store-cheaper.md).
     */
    static final int REQUEST_DOCUMENTS = 2000;
    static final int REQUEST_BYTES = 16 << 20;

    /** Key terms per {@code terms} query (the engine's default cap is 65,536). */
    static final int KEY_TERMS_PER_QUERY = 10_000;

    /**
     * The cardinality aggregation's precision threshold when the store counts a key's units ({@link #crowded}):
     * below it the engine counts distinct hashes of the units (linear counting), so a count at or under the
     * refinement threshold is never more than the true one; far above the threshold (100 by default) either way.
     */
    static final int UNIT_COUNT_PRECISION = 1000;

    /**
     * Crowded keys asked for by their refinements per request ({@link #eventIdsSharing}): a key and up to 16 refinements
     * may become 17 clauses (a short {@code terms} is rewritten as a disjunction), under the engine's 1,024 a query.
     */
    static final int REFINED_KEYS_PER_QUERY = 50;

    private final OpenSearchConnection connection;
    private final Lazy<Boolean> keyed;

    FeedStore(OpenSearchConnection connection) {
        this.connection = connection;
        this.keyed = Lazy.of(this::mappingHoldsRefinements);
    }

    /**
     * Whether the live {@code records} index keeps blocking keys as this code writes and reads them: each person's raw
     * keys, refinements and unit (mapping v5, ADR 0065). A store on v2 to v4 is not keyed until migrated: its records are
     * written without keys (its mapping has no field for the refinements) and an arrival takes the whole path.
     */
    boolean keyed() {
        return keyed.get();
    }

    private boolean mappingHoldsRefinements() {
        try {
            JsonNode answer = connection.call("GET", "/" + connection.alias(INDEX) + "/_mapping", (JsonNode) null);
            for (JsonNode index : answer) {
                if (index.path("mappings").path("properties").path(RecordIndexFields.BLOCKING_UNITS).path("properties")
                        .has(RecordIndexFields.UNIT_REFINEMENTS)) {
                    return true;
                }
            }
            return false;
        } catch (EngineException e) {
            return false; // no store yet: nothing to read keys from
        }
    }

    /**
     * Stored records whose keys are not the running code's ({@link BlockingKeys#version()}: written
     * before the keys were, by other key functions, or dropped by a reindex). While any is, the
     * store's keys are not read ({@link #eventIdsSharing} would miss them).
     */
    long staleKeys() {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("bool").putArray("must_not").addObject().putObject("term")
                .put(RecordIndexFields.BLOCKING_VERSION, BlockingKeys.version());
        return connection.count(connection.alias(INDEX), query);
    }

    /**
     * Event ids of the stored records holding any of these keys (stored form, {@link BlockingKeys#stored}), ids only: a
     * record holds a raw key when one of its persons does, and a refined key ({@code raw#refinement}) when one of its
     * persons holds the raw key and the refinement (records v5: a nested query, {@value #KEY_TERMS_PER_QUERY} raw keys or
     * {@value #REFINED_KEYS_PER_QUERY} crowded keys with their refinements a request). Only as whole as the keys are: ask
     * {@link #staleKeys()} first.
     */
    Set<String> eventIdsSharing(Collection<String> storedKeys) {
        return eventIdsSharing(storedKeys, Long.MAX_VALUE);
    }

    /**
     * As {@link #eventIdsSharing(Collection)}, counted first: when more than {@code limit} records hold the keys
     * (a sum over the requests of {@value #KEY_TERMS_PER_QUERY} keys, so a record may count more than once), none
     * is read and {@link ReachTooLarge} says how many.
     */
    Set<String> eventIdsSharing(Collection<String> storedKeys, long limit) {
        Set<String> out = new HashSet<>();
        Set<String> distinct = new TreeSet<>(storedKeys);
        List<JsonNode> queries = holdersOf(distinct);
        if (limit < Long.MAX_VALUE) {
            long holders = 0;
            for (JsonNode query : queries) {
                holders += connection.count(connection.alias(INDEX), query);
            }
            if (holders > limit) {
                throw new ReachTooLarge(distinct.size(), holders, limit);
            }
        }
        for (JsonNode query : queries) {
            ObjectNode body = JSON.createObjectNode();
            body.put("size", 1000);
            body.set("query", query);
            body.put("_source", false);
            body.putArray("sort").add("_doc");
            connection.scroll(connection.alias(INDEX), body, hit -> out.add(hit.path("_id").asText()));
        }
        return out;
    }

    /**
     * The queries naming the records that hold these stored keys, together: raw keys as one {@code terms} on the persons'
     * keys per {@value #KEY_TERMS_PER_QUERY}; the refined keys of one raw key as a person holding it and one of the asked
     * refinements, {@value #REFINED_KEYS_PER_QUERY} raw keys a query. Each a {@code nested} query on the persons.
     */
    private static List<JsonNode> holdersOf(Set<String> storedKeys) {
        List<String> raw = new ArrayList<>();
        Map<String, List<String>> refinementsOf = new TreeMap<>();
        for (String key : storedKeys) {
            BlockingKeys.StoredKey parsed = BlockingKeys.StoredKey.of(key);
            if (parsed.refinement() == null) {
                raw.add(parsed.raw());
            } else {
                refinementsOf.computeIfAbsent(parsed.raw(), k -> new ArrayList<>()).add(parsed.refinement());
            }
        }
        String path = RecordIndexFields.BLOCKING_UNITS;
        List<JsonNode> out = new ArrayList<>();
        for (int from = 0; from < raw.size(); from += KEY_TERMS_PER_QUERY) {
            ObjectNode terms = JSON.createObjectNode();
            raw.subList(from, Math.min(raw.size(), from + KEY_TERMS_PER_QUERY)).forEach(terms.putObject("terms")
                    .putArray(path + "." + RecordIndexFields.UNIT_KEYS)::add);
            out.add(nested(path, terms));
        }
        List<String> crowded = new ArrayList<>(refinementsOf.keySet());
        for (int from = 0; from < crowded.size(); from += REFINED_KEYS_PER_QUERY) {
            ObjectNode any = JSON.createObjectNode();
            var should = any.putObject("bool").put("minimum_should_match", 1).putArray("should");
            for (String key : crowded.subList(from, Math.min(crowded.size(), from + REFINED_KEYS_PER_QUERY))) {
                var both = should.addObject().putObject("bool").putArray("filter");
                both.addObject().putObject("term").put(path + "." + RecordIndexFields.UNIT_KEYS, key);
                refinementsOf.get(key).forEach(both.addObject().putObject("terms").putArray(path + "." + RecordIndexFields.UNIT_REFINEMENTS)::add);
            }
            out.add(nested(path, any));
        }
        return out;
    }

    private static JsonNode nested(String path, JsonNode query) {
        ObjectNode nested = JSON.createObjectNode();
        nested.putObject("nested").put("path", path).put("score_mode", "none").set("query", query);
        return nested;
    }

    /** More stored records hold an arrival's keys than a run reads by reach ({@link #eventIdsSharing(Collection, long)}). */
    static final class ReachTooLarge extends IllegalStateException {
        ReachTooLarge(int keys, long records, long limit) {
            super(String.format("the linkage's reach asks the feed store for %,d keys held by %,d stored records, more than the %,d a run "
                    + "reads by reach (setting %s): the day is refused, nothing applied; send it again with a larger bound, or a full re-link "
                    + "('tessera relink') links every stored record", keys, records,
                    limit, IngestSettings.MAX_REACH_RECORDS));
        }
    }

    /**
     * Of these keys ({@code rule:key} to its stored form), those the stored records matching {@code present} hold
     * for more than {@code above} units ({@link BlockingKeys.Unit}: distinct units holding the key), as the
     * engine counts them without returning the records (ADR 0053): a nested {@code terms} aggregation on the
     * occurrences' keys, {@value #KEY_TERMS_PER_QUERY} keys a request, with a {@code cardinality} of their units
     * below it. A lower bound of the units a full run counts: linear counting below
     * {@value #UNIT_COUNT_PRECISION} gives distinct hashes, never more than distinct units; a hash of two keys
     * (64 bits) would count both keys' holders. Empty when the store is not keyed ({@link #keyed()}).
     */
    Set<String> crowded(Map<String, String> storedByKey, int above, JsonNode present) {
        Set<String> out = new HashSet<>();
        if (!keyed() || storedByKey.isEmpty()) {
            return out;
        }
        Map<String, List<String>> keysOfStored = new HashMap<>();
        storedByKey.forEach((key, stored) -> keysOfStored.computeIfAbsent(stored, k -> new ArrayList<>()).add(key));
        List<String> stored = new ArrayList<>(new TreeSet<>(keysOfStored.keySet()));
        String path = RecordIndexFields.BLOCKING_UNITS;
        for (int from = 0; from < stored.size(); from += KEY_TERMS_PER_QUERY) {
            List<String> batch = stored.subList(from, Math.min(stored.size(), from + KEY_TERMS_PER_QUERY));
            ObjectNode body = JSON.createObjectNode();
            body.put("size", 0);
            var filter = body.putObject("query").putObject("bool").putArray("filter");
            if (present != null) {
                filter.add(present);
            }
            ObjectNode nested = filter.addObject().putObject("nested");
            nested.put("path", path);
            batch.forEach(nested.putObject("query").putObject("terms").putArray(path + "." + RecordIndexFields.UNIT_KEYS)::add);
            ObjectNode units = body.putObject("aggs").putObject("units");
            units.putObject("nested").put("path", path);
            ObjectNode byKey = units.putObject("aggs").putObject("keys");
            ObjectNode keyTerms = byKey.putObject("terms");
            keyTerms.put("field", path + "." + RecordIndexFields.UNIT_KEYS).put("size", batch.size()).put("execution_hint", "map");
            batch.forEach(keyTerms.putArray("include")::add);
            byKey.putObject("aggs").putObject("units").putObject("cardinality").put("field", path + "." + RecordIndexFields.UNIT)
                    .put("precision_threshold", UNIT_COUNT_PRECISION);
            JsonNode answer = new EventQueries(connection).call("POST", "/" + connection.alias(INDEX) + "/_search", body.toString(), Map.of());
            for (JsonNode bucket : answer.path("aggregations").path("units").path("keys").path("buckets")) {
                List<String> named = keysOfStored.getOrDefault(bucket.path("key").asText(), List.of());
                // two asked keys with one hash are counted together: neither is named
                if (named.size() == 1 && bucket.path("units").path("value").asLong() > above) {
                    out.add(named.getFirst());
                }
            }
        }
        return out;
    }

    /**
     * Writes the keys of every stored record whose keys are stale ({@link #staleKeys()}), made from
     * the stored record itself: what a full run does, and what brings a store written before the
     * keys (or by other key functions) into step. Each update is conditional on the record being the
     * one read ({@code if_seq_no}), so a record replaced meanwhile (with its own keys) is left alone.
     * Returns the records updated.
     */
    long rewriteKeys() {
        if (!keyed()) {
            return 0;
        }
        String version = BlockingKeys.version();
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 1000);
        body.putObject("query").putObject("bool").putArray("must_not").addObject().putObject("term")
                .put(RecordIndexFields.BLOCKING_VERSION, version);
        body.putArray("_source").add(RecordIndexFields.RECORD);
        body.put("seq_no_primary_term", true);
        body.putArray("sort").add("_doc");
        StringBuilder ndjson = new StringBuilder();
        long[] counts = {0, 0};
        StoredKeyMemo memo = new StoredKeyMemo();
        connection.scroll(connection.alias(INDEX), body, hit -> {
            SourceRecord record = RecordJson.fromJson(hit.path("_source").path(RecordIndexFields.RECORD));
            ObjectNode action = JSON.createObjectNode();
            action.putObject("update").put("_index", connection.alias(INDEX)).put("_id", hit.path("_id").asText())
                    .put("if_seq_no", hit.path("_seq_no").asLong()).put("if_primary_term", hit.path("_primary_term").asLong());
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode fields = doc.putObject("doc");
            keyFields(fields, record, memo);
            ndjson.append(action).append('\n').append(doc).append('\n');
            if (++counts[1] % REQUEST_DOCUMENTS == 0) {
                counts[0] += sendUpdates(ndjson);
            }
        });
        counts[0] += sendUpdates(ndjson);
        refresh();
        return counts[0];
    }

    /** Sends the pending updates; a conflict (the record replaced since it was read) or a missing record is passed over. */
    private long sendUpdates(StringBuilder ndjson) {
        if (ndjson.isEmpty()) {
            return 0;
        }
        OpenSearchConnection.BulkAnswer answer = connection.bulk(ndjson.toString(), Map.of());
        ndjson.setLength(0);
        List<String> refused = answer.failures().stream()
                .filter(f -> !f.contains("version_conflict_engine_exception") && !f.contains("document_missing_exception")).toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException("the feed store refused " + refused.size() + " key update(s), first: " + refused.get(0));
        }
        return answer.written();
    }

    /** Puts each person's raw keys, refinements and unit on a store document, and their version (records v5). */
    private static void keyFields(ObjectNode doc, SourceRecord record, StoredKeyMemo memo) {
        BlockingKeys.Stored stored = memo.of(PersonOccurrence.of(record));
        var units = doc.putArray(RecordIndexFields.BLOCKING_UNITS);
        for (BlockingKeys.Unit unit : stored.units()) {
            ObjectNode u = units.addObject();
            unit.keys().forEach(u.putArray(RecordIndexFields.UNIT_KEYS)::add);
            unit.refinements().forEach(u.putArray(RecordIndexFields.UNIT_REFINEMENTS)::add);
            u.put(RecordIndexFields.UNIT, unit.unit());
        }
        doc.put(RecordIndexFields.BLOCKING_VERSION, BlockingKeys.version());
    }

    /**
     * Stops the store's periodic refreshes for a bulk write ({@code pause}; a small write leaves them on);
     * closing the pause puts them back and refreshes once.
     */
    RefreshPause pauseRefresh(boolean pause) {
        return RefreshPause.of(connection, connection.alias(INDEX), pause);
    }

    /** Records stored per source. */
    Map<String, Long> countPerSource() {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.putObject("aggs").putObject("sources").putObject("terms").put("field", RecordIndexFields.SOURCE).put("size", 10_000);
        JsonNode answer = new EventQueries(connection).call("POST", "/" + connection.alias(INDEX) + "/_search", body.toString(), Map.of());
        Map<String, Long> stored = new HashMap<>();
        for (JsonNode bucket : answer.path("aggregations").path("sources").path("buckets")) {
            stored.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return stored;
    }

    /**
     * Every stored record of {@code source}, in no particular order, with what the ingest learned of
     * it beyond the record when it was a document (its {@code document} note; null otherwise).
     */
    void forEach(String source, java.util.function.BiConsumer<SourceRecord, ObjectNode> each) {
        new EventQueries(connection).scroll(connection.alias(INDEX), term(RecordIndexFields.SOURCE, source), List.of(RecordIndexFields.RECORD, RecordIndexFields.DOCUMENT_NOTE),
                (id, doc) -> each.accept(RecordJson.fromJson(doc.path(RecordIndexFields.RECORD)),
                        doc.path(RecordIndexFields.DOCUMENT_NOTE) instanceof ObjectNode note ? note : null));
    }

    /**
     * The stored records with these event ids (absent ones are passed over), in no particular order,
     * with their {@code document} note as {@link #forEach} gives it: one scroll of an {@code ids}
     * query per thousand ids, not a read of the whole source.
     */
    void forEachOf(Set<String> eventIds, java.util.function.BiConsumer<SourceRecord, ObjectNode> each) {
        List<String> ids = new ArrayList<>(eventIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            ObjectNode query = JSON.createObjectNode();
            var values = query.putObject("ids").putArray("values");
            ids.subList(from, Math.min(ids.size(), from + 1000)).forEach(values::add);
            new EventQueries(connection).scroll(connection.alias(INDEX), query, List.of(RecordIndexFields.RECORD, RecordIndexFields.DOCUMENT_NOTE),
                    (id, doc) -> each.accept(RecordJson.fromJson(doc.path(RecordIndexFields.RECORD)),
                            doc.path(RecordIndexFields.DOCUMENT_NOTE) instanceof ObjectNode note ? note : null));
        }
    }

    /**
     * The person occurrences of the stored records with these event ids (absent ones are passed over), read from each
     * record's persons alone ({@code _source}: the source and {@code record.people}; not the text, codes, location or
     * origin), as {@link #forEachOf} reads ids: what an arrival's reach weighs of a stored record it has not taken into
     * the run (ADR 0057). The occurrences equal {@link PersonOccurrence#of} of the whole record.
     */
    void forEachPersonsOf(Set<String> eventIds, Consumer<List<PersonOccurrence>> each) {
        List<String> ids = new ArrayList<>(eventIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            ObjectNode query = JSON.createObjectNode();
            var values = query.putObject("ids").putArray("values");
            ids.subList(from, Math.min(ids.size(), from + 1000)).forEach(values::add);
            new EventQueries(connection).scroll(connection.alias(INDEX), query, PERSON_FIELDS,
                    (id, doc) -> each.accept(RecordJson.occurrences(doc.path(RecordIndexFields.SOURCE).asText(), id,
                            doc.path(RecordIndexFields.RECORD))));
        }
    }

    /** What {@link #forEachPersonsOf} reads of a stored record. */
    static final List<String> PERSON_FIELDS = List.of(RecordIndexFields.SOURCE, RecordIndexFields.RECORD + ".people");

    /** Writes (adds or replaces) records; unchanged ones are left alone. Returns refusals. */
    List<BulkWriter.Failure> put(java.util.stream.Stream<SourceRecord> records, String jobId, Map<String, ObjectNode> documentNotes) {
        return put(records, jobId, documentNotes, BulkWriter.Mode.SKIP_UNCHANGED);
    }

    /**
     * As {@link #put(java.util.stream.Stream, String, Map)}; with {@link BulkWriter.Mode#OVERWRITE}
     * the stored hashes are not asked for first (for a store that held nothing before the run).
     */
    List<BulkWriter.Failure> put(java.util.stream.Stream<SourceRecord> records, String jobId, Map<String, ObjectNode> documentNotes,
                                 BulkWriter.Mode mode) {
        boolean keys = keyed();
        StoredKeyMemo memo = new StoredKeyMemo();
        try (BulkWriter writer = new BulkWriter(connection, mode, REQUEST_DOCUMENTS, REQUEST_BYTES)) {
            for (SourceRecord record : (Iterable<SourceRecord>) records::iterator) {
                ObjectNode note = documentNotes.get(record.eventId());
                Stored stored = document(record, jobId, note == null ? null : note.deepCopy(), keys, memo);
                writer.add(new BulkWriter.Document(connection.alias(INDEX), record.eventId(), stored.document()), stored.json());
            }
            writer.flush();
            return writer.drainFailures();
        }
    }

    /** A record's store document and its JSON, serialised once. */
    record Stored(ObjectNode document, byte[] json) {
    }

    /**
     * The store document of {@code record}: the bookkeeping fields, the canonical record and its
     * document's note. The record's JSON is serialised once: its bytes are hashed (the same hash as
     * over its text, {@link Ids#sha256Hex(byte[])}) and spliced into the document's JSON, which
     * equals the JSON of the returned tree (Jackson writes an object's fields in insertion order).
     */
    static Stored document(SourceRecord record, String jobId, ObjectNode note) {
        return document(record, jobId, note, true);
    }

    /** As {@link #document(SourceRecord, String, ObjectNode)}; with its blocking keys when {@code keyed} (a v5 store). */
    static Stored document(SourceRecord record, String jobId, ObjectNode note, boolean keyed) {
        return document(record, jobId, note, keyed, new StoredKeyMemo());
    }

    /**
     * As {@link #document(SourceRecord, String, ObjectNode, boolean)}, keyed through {@code memo}: a writer keeps one
     * across the records it writes, whose people repeat from record to record.
     */
    static Stored document(SourceRecord record, String jobId, ObjectNode note, boolean keyed, StoredKeyMemo memo) {
        ObjectNode content = RecordJson.toJson(record);
        byte[] contentJson = bytes(content);
        ObjectNode doc = JSON.createObjectNode();
        doc.put(RecordIndexFields.SOURCE, record.source()).put(RecordIndexFields.RECORD_ID, record.recordId())
                .put(RecordIndexFields.EVENT_ID, record.eventId());
        doc.put(RecordIndexFields.CONTENT_HASH, contentHash(contentJson));
        doc.put(RecordIndexFields.DELIVERED_BY_JOB, jobId);
        if (keyed) {
            keyFields(doc, record, memo);
        }
        byte[] head = bytes(doc);
        byte[] noteJson = note == null ? null : bytes(note);
        doc.set(RecordIndexFields.RECORD, content);
        if (note != null) {
            doc.set(RecordIndexFields.DOCUMENT_NOTE, note);
        }
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream(head.length + contentJson.length
                + (noteJson == null ? 0 : noteJson.length) + 40);
        json.write(head, 0, head.length - 1);   // without its closing brace
        json.writeBytes(fieldName(RecordIndexFields.RECORD));
        json.writeBytes(contentJson);
        if (noteJson != null) {
            json.writeBytes(fieldName(RecordIndexFields.DOCUMENT_NOTE));
            json.writeBytes(noteJson);
        }
        json.write('}');
        return new Stored(doc, json.toByteArray());
    }

    /** The content hash the store keeps of {@code record} (over its canonical JSON), as {@link #document} stamps it. */
    static String contentHash(SourceRecord record) {
        return contentHash(bytes(RecordJson.toJson(record)));
    }

    private static String contentHash(byte[] contentJson) {
        return Ids.sha256Hex(contentJson).substring(0, 32);
    }

    /**
     * The content hash of every stored record of {@code source}, by event id: one scroll of two
     * short fields (the records themselves are not read).
     */
    Map<String, String> contentHashes(String source) {
        Map<String, String> hashes = new HashMap<>();
        new EventQueries(connection).scroll(connection.alias(INDEX), term(RecordIndexFields.SOURCE, source),
                List.of(RecordIndexFields.EVENT_ID, RecordIndexFields.CONTENT_HASH),
                (id, doc) -> hashes.put(doc.path(RecordIndexFields.EVENT_ID).asText(id), doc.path(RecordIndexFields.CONTENT_HASH).asText()));
        return hashes;
    }

    private static byte[] fieldName(String name) {
        return (",\"" + name + "\":").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a feed store document", e);
        }
    }

    /** Removes the records with these event ids (absent ones are no error). */
    void remove(Set<String> eventIds) {
        List<String> ids = new ArrayList<>(eventIds);
        for (int from = 0; from < ids.size(); from += 1000) {
            StringBuilder ndjson = new StringBuilder();
            for (String id : ids.subList(from, Math.min(ids.size(), from + 1000))) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("delete").put("_index", connection.alias(INDEX)).put("_id", id);
                ndjson.append(action).append('\n');
            }
            new EventQueries(connection).bulk(ndjson.toString(), false);
        }
    }

    /** Event ids stored for {@code source} (the documents' ids: their sources are not read). */
    Set<String> eventIds(String source) {
        Set<String> ids = new HashSet<>();
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 1000);
        body.set("query", term(RecordIndexFields.SOURCE, source));
        body.put("_source", false);
        body.putArray("sort").add("_doc");
        connection.scroll(connection.alias(INDEX), body, hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }

    /** Records stored for {@code source}. */
    long count(String source) {
        return connection.count(connection.alias(INDEX), term(RecordIndexFields.SOURCE, source));
    }

    /** How many of {@code eventIds} the store holds for {@code source} (counted, a thousand ids a request). */
    long countOf(String source, Set<String> eventIds) {
        List<String> ids = new ArrayList<>(eventIds);
        long count = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            ObjectNode query = JSON.createObjectNode();
            var filter = query.putObject("bool").putArray("filter");
            filter.add(term(RecordIndexFields.SOURCE, source));
            var values = filter.addObject().putObject("ids").putArray("values");
            ids.subList(from, Math.min(ids.size(), from + 1000)).forEach(values::add);
            count += connection.count(connection.alias(INDEX), query);
        }
        return count;
    }

    void refresh() {
        connection.refresh(connection.alias(INDEX));
    }

    private static JsonNode term(String field, String value) {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("term").put(field, value);
        return query;
    }
}

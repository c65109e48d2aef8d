package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.opensearch.BulkWriter;
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

    private final OpenSearchConnection connection;

    FeedStore(OpenSearchConnection connection) {
        this.connection = connection;
    }

    /** Stops the store's periodic refreshes for a bulk write; closing the pause puts them back and refreshes once. */
    RefreshPause pauseRefresh() {
        return RefreshPause.of(connection, connection.alias(INDEX));
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
        try (BulkWriter writer = new BulkWriter(connection, mode, REQUEST_DOCUMENTS, REQUEST_BYTES)) {
            for (SourceRecord record : (Iterable<SourceRecord>) records::iterator) {
                ObjectNode note = documentNotes.get(record.eventId());
                Stored stored = document(record, jobId, note == null ? null : note.deepCopy());
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
        ObjectNode content = RecordJson.toJson(record);
        byte[] contentJson = bytes(content);
        ObjectNode doc = JSON.createObjectNode();
        doc.put(RecordIndexFields.SOURCE, record.source()).put(RecordIndexFields.RECORD_ID, record.recordId())
                .put(RecordIndexFields.EVENT_ID, record.eventId());
        doc.put(RecordIndexFields.CONTENT_HASH, contentHash(contentJson));
        doc.put(RecordIndexFields.DELIVERED_BY_JOB, jobId);
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
        Set<String> ids = new java.util.HashSet<>();
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

    void refresh() {
        connection.refresh(connection.alias(INDEX));
    }

    private static JsonNode term(String field, String value) {
        ObjectNode query = JSON.createObjectNode();
        query.putObject("term").put(field, value);
        return query;
    }
}

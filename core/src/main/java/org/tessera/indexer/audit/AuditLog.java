package org.tessera.indexer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The append-only audit trail in the {@code audit} index.
 *
 * <p>Appends are serialised: one lock per instance, and every record is created with its sequence
 * as document id and {@code op_type=create}, so a second writer (another portal instance) can
 * never overwrite a record; on such a conflict the writer reloads the tail of the chain and seals
 * the record again on top of it. Thread-safe.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final OpenSearchConnection connection;
    private final String index;
    private final Clock clock;
    private final AuditAnchor anchor;
    private long lastSequence = -1;
    private String lastHash;

    /** A log whose records are sealed with {@code anchor}'s key and whose head is anchored in its checkpoint. */
    public AuditLog(OpenSearchConnection connection, Clock clock, AuditAnchor anchor) {
        this.connection = connection;
        this.index = connection.alias("audit");
        this.clock = clock;
        this.anchor = anchor;
    }

    /** Seals {@code entry} onto the chain and stores it; returns the stored record. */
    public synchronized AuditRecord append(AuditRecord.Entry entry) {
        if (lastSequence < 0) {
            loadTail();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            AuditRecord record = AuditRecord.seal(lastSequence + 1, Instant.now(clock), entry, lastHash, anchor.key());
            var response = connection.raw("PUT", "/" + index + "/_create/" + record.sequence(), toJson(record).toString());
            if (response.ok()) {
                lastSequence = record.sequence();
                lastHash = record.hash();
                anchor.checkpoint().advance(record.sequence(), record.hash());
                return record;
            }
            if (response.status() != 409) {
                throw new IllegalStateException("cannot write audit record " + record.sequence() + ": HTTP " + response.status());
            }
            // Another writer took this sequence: follow the chain forward by id (real-time reads,
            // unlike search) and seal again on its true end.
            advanceTail();
        }
        throw new IllegalStateException("cannot append to the audit trail: too many concurrent writers");
    }

    private void advanceTail() {
        while (true) {
            var response = connection.raw("GET", "/" + index + "/_doc/" + (lastSequence + 1), null);
            if (response.status() == 404) {
                return;
            }
            if (!response.ok()) {
                throw new IllegalStateException("cannot read audit record " + (lastSequence + 1) + ": HTTP " + response.status());
            }
            try {
                JsonNode doc = JSON.readTree(response.body());
                if (!doc.path("found").asBoolean(false)) {
                    return;
                }
                AuditRecord next = fromJson(doc.path("_source"));
                lastSequence = next.sequence();
                lastHash = next.hash();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Walks the whole chain in sequence order, checks each seal, and the end against the checkpoint. */
    public AuditVerification verify() {
        java.util.Optional<AuditCheckpoint.Head> head;
        try {
            head = anchor.checkpoint().read();
        } catch (IllegalStateException e) {
            return AuditVerification.broken(0, -1, e.getMessage());
        }
        return AuditChain.verify(all(), anchor.key(), head);
    }

    /** Most recent records first, optionally only those of one user, action or person. */
    public List<AuditRecord> recent(int from, int size, String user, String action, String personId) {
        ObjectNode body = JSON.createObjectNode();
        body.put("from", from).put("size", size);
        body.putArray("sort").addObject().put("sequence", "desc");
        ArrayNode filters = body.putObject("query").putObject("bool").putArray("filter");
        if (user != null && !user.isBlank()) {
            filters.addObject().putObject("term").put("user", user);
        }
        if (action != null && !action.isBlank()) {
            filters.addObject().putObject("term").put("action", action);
        }
        if (personId != null && !personId.isBlank()) {
            filters.addObject().putObject("term").put("target_person_id", personId);
        }
        List<AuditRecord> records = new ArrayList<>();
        for (JsonNode hit : search(body).path("hits").path("hits")) {
            records.add(fromJson(hit.path("_source")));
        }
        return records;
    }

    /** Every record in sequence order, read page by page. */
    public Iterator<AuditRecord> all() {
        return new Iterator<>() {
            private final List<AuditRecord> page = new ArrayList<>();
            private int position;
            private long after = 0;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (position < page.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                page.clear();
                position = 0;
                ObjectNode body = JSON.createObjectNode();
                body.put("size", PAGE);
                body.putArray("sort").addObject().put("sequence", "asc");
                body.putObject("query").putObject("range").putObject("sequence").put("gt", after);
                for (JsonNode hit : search(body).path("hits").path("hits")) {
                    page.add(fromJson(hit.path("_source")));
                }
                if (page.size() < PAGE) {
                    exhausted = true;
                }
                if (!page.isEmpty()) {
                    after = page.getLast().sequence();
                }
                return !page.isEmpty();
            }

            @Override
            public AuditRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(position++);
            }
        };
    }

    private void loadTail() {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 1);
        body.putArray("sort").addObject().put("sequence", "desc");
        JsonNode hits = search(body).path("hits").path("hits");
        if (hits.isEmpty()) {
            lastSequence = 0;
            lastHash = AuditHasher.GENESIS;
        } else {
            AuditRecord last = fromJson(hits.get(0).path("_source"));
            lastSequence = last.sequence();
            lastHash = last.hash();
        }
        advanceTail();
    }

    private JsonNode search(ObjectNode body) {
        var response = connection.raw("POST", "/" + index + "/_search", body.toString());
        if (!response.ok()) {
            throw new IllegalStateException("cannot read the audit trail: HTTP " + response.status() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored form, field names as in {@code mappings/indices/audit.json}. */
    public static ObjectNode toJson(AuditRecord record) {
        ObjectNode node = JSON.createObjectNode();
        node.put("sequence", record.sequence());
        node.put("timestamp", record.timestamp().toString());
        node.put("user", record.user());
        ArrayNode roles = node.putArray("roles");
        record.roles().forEach(roles::add);
        node.put("action", record.action());
        node.put("outcome", record.outcome());
        putIfPresent(node, "target_person_id", record.targetPersonId());
        putIfPresent(node, "query", record.query());
        putIfPresent(node, "purpose", record.purpose());
        putIfPresent(node, "detail", record.detail());
        putIfPresent(node, "client_address", record.clientAddress());
        node.put("previous_hash", record.previousHash());
        node.put("hash", record.hash());
        return node;
    }

    public static AuditRecord fromJson(JsonNode node) {
        List<String> roles = new ArrayList<>();
        node.path("roles").forEach(role -> roles.add(role.asText()));
        return new AuditRecord(node.path("sequence").asLong(), Instant.parse(node.path("timestamp").asText()),
                node.path("user").asText(), roles, node.path("action").asText(), node.path("outcome").asText(),
                text(node, "target_person_id"), text(node, "query"), text(node, "purpose"), text(node, "detail"),
                text(node, "client_address"), node.path("previous_hash").asText(), text(node, "hash"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

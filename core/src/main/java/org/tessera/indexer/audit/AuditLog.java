package org.tessera.indexer.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The append-only audit trail in the {@code audit} index.
 *
 * <p><b>Group commit</b> (docs/adr/0026). Concurrent {@link #append}s of one instance are written
 * together: each caller queues its entry; whichever caller holds the writer's lock takes every entry
 * queued so far, seals them in order onto the chain (each record's hash over its predecessor's) and
 * stores them with one {@code _bulk} of {@code create}s, so one engine round trip and one translog
 * fsync serve the whole batch. A caller waits for the batch in flight and then its own, never for
 * every other caller's write in turn. {@link #append} returns only once its record is stored (and
 * the checkpoint covers it), so "audit before answer" holds record by record.
 *
 * <p><b>Other writers</b> (another portal instance on the same index). Every record is created with
 * its sequence as document id, so no record can ever be overwritten. A batch that meets another
 * writer's record (a 409 on an item) may leave, after that item, records of its own whose
 * predecessor is not stored: such a record, an <i>orphan</i>, is deleted at once by its writer
 * (only if unchanged: {@code if_seq_no}), and the entries not stored are sealed again on the chain's
 * true end. A writer following the chain forward never takes a record whose {@code previous_hash}
 * does not match its predecessor as the end: it waits for the orphan's writer to remove it, and
 * fails the append (so the action is refused) if the record stays. Thread-safe.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final int PAGE = 500;
    /** At most this many records in one {@code _bulk}; more queued entries wait for the next batch. */
    static final int MAX_BATCH = 256;
    private static final int MAX_ATTEMPTS = 100;
    /** How long a writer waits for another writer to remove an orphan it met while following the chain. */
    private static final Duration ORPHAN_WAIT = Duration.ofSeconds(5);

    private final OpenSearchConnection connection;
    private final String index;
    private final Clock clock;
    private final AuditAnchor anchor;
    /** Entries waiting for a writer, in arrival order. */
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the caller writing a batch; guards {@link #lastSequence}, {@link #lastHash} and {@link #batches}. */
    private final ReentrantLock writer = new ReentrantLock();
    private long lastSequence = -1;
    private String lastHash;
    private long batches;

    /** An entry on its way into the chain; {@code stored} completes with its record once it is stored and anchored. */
    private record Pending(AuditRecord.Entry entry, CompletableFuture<AuditRecord> stored) {
        Pending(AuditRecord.Entry entry) {
            this(entry, new CompletableFuture<>());
        }
    }

    /** A log whose records are sealed with {@code anchor}'s key and whose head is anchored in its checkpoint. */
    public AuditLog(OpenSearchConnection connection, Clock clock, AuditAnchor anchor) {
        this.connection = connection;
        this.index = connection.alias("audit");
        this.clock = clock;
        this.anchor = anchor;
    }

    /**
     * Seals {@code entry} onto the chain and stores it; returns the stored record. Returns only when
     * the record is stored (and the checkpoint names it or a later record); throws when it could not
     * be stored, so the caller's action fails.
     */
    public AuditRecord append(AuditRecord.Entry entry) {
        return appendAll(List.of(entry)).getFirst();
    }

    /**
     * Appends {@code entries} in their order, as {@link #append} does one (in one batch when no more
     * than {@link #MAX_BATCH} are queued); returns their records in the same order.
     */
    public List<AuditRecord> appendAll(List<AuditRecord.Entry> entries) {
        List<Pending> mine = entries.stream().map(Pending::new).toList();
        queue.addAll(mine);
        do {
            writeQueued();
            // Entries still queued (more than one batch of them) are this caller's to write; the
            // others were taken by a writer, which completes them, stored or failed.
        } while (mine.stream().anyMatch(queue::contains));
        List<AuditRecord> result = new ArrayList<>(mine.size());
        for (Pending pending : mine) {
            result.add(join(pending));
        }
        return result;
    }

    /** Takes the writer's lock, then writes what is queued by then (if anything) as one batch. */
    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        try {
            List<AuditRecord> records;
            writer.lock();
            try {
                // An earlier writer may already have taken the caller's entries into its batch:
                // then there is nothing to write, or only later callers' entries, written for them.
                for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
                    batch.add(next);
                }
                if (batch.isEmpty()) {
                    return;
                }
                records = write(batch);
            } catch (RuntimeException e) {
                lastSequence = -1; // what reached the index is unknown: read the tail again next time
                throw e;
            } finally {
                writer.unlock();
            }
            // Outside the writer's lock: the next batch is written while this one is anchored. The
            // checkpoint only moves forward, so batches anchored out of order are harmless.
            AuditRecord head = records.getLast();
            anchor.checkpoint().advance(head.sequence(), head.hash());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stored().complete(records.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.stored().completeExceptionally(e));
        } finally {
            // Whatever happened (an Error included), no caller waits forever for its entry.
            batch.forEach(p -> p.stored().completeExceptionally(new IllegalStateException("the audit write did not finish")));
        }
    }

    /** How many batches this instance has written (each one {@code _bulk}); for tests and measurements. */
    public long batches() {
        writer.lock();
        try {
            return batches;
        } finally {
            writer.unlock();
        }
    }

    private static AuditRecord join(Pending pending) {
        try {
            return pending.stored().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Seals and stores {@code batch} (under the writer's lock) and returns its records in the
     * batch's order: each attempt stores a prefix of the entries still unstored, so the records'
     * order is the entries'.
     */
    private List<AuditRecord> write(List<Pending> batch) {
        if (lastSequence < 0) {
            loadTail();
        }
        List<Pending> unstored = new ArrayList<>(batch);
        List<AuditRecord> done = new ArrayList<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !unstored.isEmpty(); attempt++) {
            List<AuditRecord> sealed = new ArrayList<>(unstored.size());
            String previous = lastHash;
            Instant now = Instant.now(clock);
            for (int i = 0; i < unstored.size(); i++) {
                AuditRecord record = AuditRecord.seal(lastSequence + 1 + i, now, unstored.get(i).entry(), previous, anchor.key());
                sealed.add(record);
                previous = record.hash();
            }
            int stored = store(sealed);
            batches++;
            for (int i = 0; i < stored; i++) {
                done.add(sealed.get(i));
            }
            if (stored > 0) {
                lastSequence = sealed.get(stored - 1).sequence();
                lastHash = sealed.get(stored - 1).hash();
            }
            unstored = new ArrayList<>(unstored.subList(stored, unstored.size()));
            if (!unstored.isEmpty()) {
                // Another writer took a sequence: follow the chain forward and seal the rest on its true end.
                advanceTail();
            }
        }
        if (!unstored.isEmpty()) {
            throw new IllegalStateException("cannot append to the audit trail: too many concurrent writers");
        }
        return done;
    }

    /**
     * Stores {@code sealed} (consecutive records, each on the previous one) with one {@code _bulk} of
     * {@code create}s and returns how many of them, from the first, are stored. Records after the
     * first one refused were stored on a predecessor that is not: they are deleted again here (each
     * only if it is still the version this bulk created). A refusal other than another writer's
     * record or the engine's back-pressure is an error.
     */
    private int store(List<AuditRecord> sealed) {
        StringBuilder ndjson = new StringBuilder(sealed.size() * 512);
        for (AuditRecord record : sealed) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("create").put("_index", index).put("_id", String.valueOf(record.sequence()));
            ndjson.append(action).append('\n').append(toJson(record)).append('\n');
        }
        JsonNode items = connection.bulk(ndjson.toString().getBytes(StandardCharsets.UTF_8), Map.of()).path("items");
        int prefix = 0;
        while (prefix < items.size() && !items.get(prefix).path("create").has("error")) {
            prefix++;
        }
        if (prefix == sealed.size()) {
            return prefix;
        }
        StringBuilder orphans = new StringBuilder();
        for (int i = prefix + 1; i < items.size(); i++) {
            JsonNode item = items.get(i).path("create");
            if (!item.has("error")) {
                ObjectNode action = JSON.createObjectNode();
                action.putObject("delete").put("_index", index).put("_id", item.path("_id").asText())
                        .put("if_seq_no", item.path("_seq_no").asLong()).put("if_primary_term", item.path("_primary_term").asLong());
                orphans.append(action).append('\n');
            }
        }
        if (!orphans.isEmpty()) {
            OpenSearchConnection.BulkAnswer removed = connection.bulk(orphans.toString(), Map.of());
            if (!removed.failures().isEmpty()) {
                throw new IllegalStateException("audit records stored after another writer's record could not be removed: " + removed.failures());
            }
        }
        JsonNode refused = prefix < items.size() ? items.get(prefix).path("create") : JSON.createObjectNode();
        int status = refused.path("status").asInt();
        if (status != 409 && status != 429) {
            throw new IllegalStateException("the engine refused audit record " + sealed.get(prefix).sequence() + ": "
                    + refused.path("error").path("type").asText() + " " + refused.path("error").path("reason").asText());
        }
        return prefix;
    }

    /**
     * Follows the chain forward from the known end by id (real-time reads, unlike search) to its true
     * end. A record that does not link to the one before it is not taken as the end: it is another
     * writer's orphan about to be removed (see the class comment), or a damaged chain, on which
     * nothing may be sealed; after {@link #ORPHAN_WAIT} the append fails.
     */
    private void advanceTail() {
        Instant giveUp = Instant.now().plus(ORPHAN_WAIT);
        while (true) {
            Optional<JsonNode> source = connection.get(index, String.valueOf(lastSequence + 1));
            if (source.isEmpty()) {
                return;
            }
            AuditRecord next = fromJson(source.get());
            if (next.previousHash().equals(lastHash)) {
                lastSequence = next.sequence();
                lastHash = next.hash();
                continue;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("audit record " + next.sequence() + " does not follow record " + (next.sequence() - 1)
                        + " (previous_hash differs) and was not removed: nothing can be appended after it; run `tessera audit verify`");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another audit writer", e);
        }
    }

    /** Walks the whole chain in sequence order, checks each seal, and the end against the checkpoint. */
    public AuditVerification verify() {
        Optional<AuditCheckpoint.Head> head;
        try {
            head = anchor.checkpoint().read();
        } catch (IllegalStateException e) {
            return AuditVerification.broken(0, -1, e.getMessage());
        }
        return AuditChain.verify(all(), anchor.key(), head);
    }

    /** Most recent records first, optionally only those of one user, action or person. */
    public List<AuditRecord> recent(int from, int size, String user, String action, String personId) {
        return recentFrom(search(recentQuery(from, size, user, action, personId)));
    }

    /** The search {@link #recent} sends, for a page that sends it with others ({@code _msearch}); read its answer with {@link #recentFrom}. */
    public OpenSearchConnection.Search recentSearch(int from, int size, String user, String action, String personId) {
        return new OpenSearchConnection.Search(index, recentQuery(from, size, user, action, personId));
    }

    /** The records in the answer to {@link #recentSearch}, most recent first. */
    public static List<AuditRecord> recentFrom(JsonNode answer) {
        List<AuditRecord> records = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            records.add(fromJson(hit.path("_source")));
        }
        return records;
    }

    private static ObjectNode recentQuery(int from, int size, String user, String action, String personId) {
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
        return body;
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

    /**
     * Finds the chain's end: the newest searchable record, then forward by id. The search can be a
     * refresh behind, and can show a record deleted since (an orphan, see the class comment), so the
     * walk starts from that record's predecessor, read in real time, and checks every link from there.
     */
    private void loadTail() {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 1);
        body.putArray("sort").addObject().put("sequence", "desc");
        JsonNode hits = search(body).path("hits").path("hits");
        lastSequence = 0;
        lastHash = AuditHasher.GENESIS;
        if (!hits.isEmpty()) {
            long newest = hits.get(0).path("_source").path("sequence").asLong();
            Optional<JsonNode> before = newest > 1 ? connection.get(index, String.valueOf(newest - 1)) : Optional.empty();
            if (before.isPresent()) {
                AuditRecord predecessor = fromJson(before.get());
                lastSequence = predecessor.sequence();
                lastHash = predecessor.hash();
            }
        }
        advanceTail();
    }

    private JsonNode search(ObjectNode body) {
        return connection.search(index, body);
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

package org.tessera.indexer.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes documents with {@code _bulk}, in batches bounded by count and bytes, retrying the whole
 * request on transport errors and the individual items the engine rejects as overloaded (429) with
 * exponential back-off. The caller's thread does the sending, so a slow cluster slows the
 * producer down instead of filling memory (back-pressure by construction).
 *
 * <p>With {@link Mode#SKIP_UNCHANGED} a document whose {@code content_hash} equals the stored
 * one is not written again, so re-running the same input leaves every document and its version
 * untouched. Not thread-safe: one writer per producing thread.
 */
public final class BulkWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final int MAX_ATTEMPTS = 6;
    /**
     * What is read of a bulk response: each item's status and error, in request order. The full
     * response (index, id, version, shards, sequence numbers of every item) costs the engine and
     * this thread time while no request is in flight.
     */
    public static final String RESPONSE_FIELDS = "errors,items.*.status,items.*.error";

    /** Whether to compare {@code content_hash} with the stored document before writing. */
    public enum Mode { OVERWRITE, SKIP_UNCHANGED }

    /** One document to write: index (replace) it under {@code id}. */
    public record Document(String index, String id, ObjectNode source) {
        public Document {
            Objects.requireNonNull(index, "index");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(source, "source");
        }
    }

    /** A document the engine refused for good (mapping error, bad value): the caller quarantines it. */
    public record Failure(String index, String id, int status, String reason) {
    }

    /** Running totals. */
    public record Stats(long written, long unchanged, long failed, long requests, long retries) {
        /** The totals of two writers. */
        public Stats plus(Stats other) {
            return new Stats(written + other.written, unchanged + other.unchanged, failed + other.failed,
                    requests + other.requests, retries + other.retries);
        }
    }

    private final OpenSearchConnection connection;
    private final Mode mode;
    private final int maxDocs;
    private final int maxBytes;
    private final String refresh;
    private final List<Pending> pending = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private int pendingBytes;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private Consumer<Document> onWritten = document -> {
    };

    public BulkWriter(OpenSearchConnection connection, Mode mode, int maxDocs, int maxBytes) {
        this(connection, mode, maxDocs, maxBytes, "false");
    }

    /** @param refresh {@code false}, {@code true} or {@code wait_for}, passed to every _bulk request */
    public BulkWriter(OpenSearchConnection connection, Mode mode, int maxDocs, int maxBytes, String refresh) {
        this.connection = connection;
        this.mode = mode;
        this.maxDocs = maxDocs;
        this.maxBytes = maxBytes;
        this.refresh = refresh;
    }

    /**
     * A document waiting to be sent, with its source already serialised: measuring the batch and
     * building the request body use the same bytes, so each document is serialised once.
     */
    private record Pending(Document document, byte[] source) {
    }

    public void add(Document document) {
        byte[] source;
        try {
            source = JSON.writeValueAsBytes(document.source());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        add(document, source);
    }

    /**
     * As {@link #add(Document)} with the source already serialised by the caller (who may have
     * done it on another thread): {@code serialisedSource} must be the JSON of {@code document.source()}.
     */
    public void add(Document document, byte[] serialisedSource) {
        byte[] source = Objects.requireNonNull(serialisedSource, "serialisedSource");
        pending.add(new Pending(document, source));
        pendingBytes += source.length + 100;
        if (pending.size() >= maxDocs || pendingBytes >= maxBytes) {
            flush();
        }
    }

    /**
     * Calls {@code listener} (on the thread that flushes) with every document the engine stores from
     * now on: not those skipped as unchanged nor those refused. For a caller that must know which
     * documents it replaced.
     */
    public BulkWriter onWritten(Consumer<Document> listener) {
        this.onWritten = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Sends what is pending; returns once the engine has acknowledged it. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        if (mode == Mode.SKIP_UNCHANGED) {
            batch = withoutUnchanged(batch);
        }
        if (!batch.isEmpty()) {
            send(batch, 1);
        }
    }

    /** Failures so far, cleared on read. */
    public List<Failure> drainFailures() {
        List<Failure> copy = List.copyOf(failures);
        failures.clear();
        return copy;
    }

    public Stats stats() {
        return new Stats(written.get(), unchanged.get(), failed.get(), requests.get(), retries.get());
    }

    @Override
    public void close() {
        flush();
    }

    private void send(List<Pending> batch, int attempt) {
        byte[] body = ndjson(batch);
        JsonNode response;
        try {
            requests.incrementAndGet();
            response = post(body);
        } catch (UncheckedIOException | IllegalStateException e) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new IllegalStateException("bulk request failed after " + attempt + " attempts: " + e.getMessage(), e);
            }
            backOff(attempt, e.getMessage());
            send(batch, attempt + 1);
            return;
        }
        List<Pending> retry = new ArrayList<>();
        JsonNode items = response.path("items");
        for (int i = 0; i < batch.size(); i++) {
            JsonNode result = items.path(i).path("index");
            int status = result.path("status").asInt(500);
            if (status >= 200 && status < 300) {
                written.incrementAndGet();
                onWritten.accept(batch.get(i).document());
            } else if (status == 429 || status == 503) {
                retry.add(batch.get(i));
            } else {
                failed.incrementAndGet();
                Document document = batch.get(i).document();
                failures.add(new Failure(document.index(), document.id(), status,
                        result.path("error").path("reason").asText(result.path("error").toString())));
            }
        }
        if (!retry.isEmpty()) {
            if (attempt >= MAX_ATTEMPTS) {
                for (Document document : retry.stream().map(Pending::document).toList()) {
                    failed.incrementAndGet();
                    failures.add(new Failure(document.index(), document.id(), 429, "engine overloaded after " + attempt + " attempts"));
                }
                return;
            }
            backOff(attempt, retry.size() + " items rejected as overloaded");
            send(retry, attempt + 1);
        }
    }

    private JsonNode post(byte[] body) {
        var request = Requests.builder().method("POST").endpoint("/_bulk")
                .query(Map.of("refresh", refresh, "filter_path", RESPONSE_FIELDS))
                .body(Body.from(body, "application/x-ndjson")).build();
        try (Response response = connection.client().generic().execute(request)) {
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            if (response.getStatus() == 429 || response.getStatus() >= 500) {
                throw new IllegalStateException("bulk answered " + response.getStatus());
            }
            if (response.getStatus() >= 300) {
                throw new IllegalArgumentException("bulk request refused (" + response.getStatus() + "): " + text);
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Pending> withoutUnchanged(List<Pending> batch) {
        Map<String, List<String>> idsByIndex = new HashMap<>();
        for (Document document : batch.stream().map(Pending::document).toList()) {
            idsByIndex.computeIfAbsent(document.index(), k -> new ArrayList<>()).add(document.id());
        }
        Map<String, String> storedHashes = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : idsByIndex.entrySet()) {
            ObjectNode mget = JSON.createObjectNode();
            entry.getValue().forEach(mget.putArray("ids")::add);
            var response = connection.raw("POST", "/" + entry.getKey() + "/_mget", mget.toString(),
                    Map.of("_source_includes", "content_hash"));
            if (!response.ok()) {
                continue; // the index may not exist yet: everything is new
            }
            try {
                for (JsonNode doc : JSON.readTree(response.body()).path("docs")) {
                    if (doc.path("found").asBoolean()) {
                        storedHashes.put(entry.getKey() + "\u0000" + doc.path("_id").asText(),
                                doc.path("_source").path("content_hash").asText(""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Pending> changed = new ArrayList<>(batch.size());
        for (Pending item : batch) {
            Document document = item.document();
            String hash = document.source().path("content_hash").asText("");
            String stored = storedHashes.get(document.index() + "\u0000" + document.id());
            if (!hash.isEmpty() && hash.equals(stored)) {
                unchanged.incrementAndGet();
            } else {
                changed.add(item);
            }
        }
        return changed;
    }

    private static byte[] ndjson(List<Pending> batch) {
        int size = 0;
        for (Pending item : batch) {
            size += item.source().length + 100;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (Pending item : batch) {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_index", item.document().index()).put("_id", item.document().id());
            out.writeBytes(action.toString().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            out.writeBytes(item.source());
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void backOff(int attempt, String why) {
        retries.incrementAndGet();
        long millis = Math.min(10_000, 100L << attempt);
        log.warn("Bulk attempt {} needs a retry ({}); waiting {} ms", attempt, why, millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}

package org.tessera.indexer.arrivals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The {@code arrivals} index: one document per applied arrival, its id the SHA-256 of the content,
 * so the same file or payload twice is known as a replay. Written only once the content is applied:
 * an arrival whose process died half-way is applied again (ingest is idempotent), never skipped.
 * Thread-safe.
 */
public final class ArrivalLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenSearchConnection connection;

    public ArrivalLedger(OpenSearchConnection connection) {
        this.connection = connection;
    }

    /** The job that applied this content, if any did. */
    public Optional<String> appliedBy(String contentHash) {
        var response = connection.raw("GET", "/" + connection.alias("arrivals") + "/_doc/" + contentHash, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw new IllegalStateException("the arrivals ledger is not readable: " + response.body());
        }
        JsonNode doc = parse(response.body());
        return doc.path("found").asBoolean(false) ? Optional.of(doc.path("_source").path("job_id").asText()) : Optional.empty();
    }

    /** Records that {@code jobId} applied this content (create only: a second writer's record is refused, the first kept). */
    public void applied(String contentHash, String jobId, String ingestJobId, Arrival arrival, String source, Instant receivedAt, Instant appliedAt) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("content_hash", contentHash).put("job_id", jobId).put("ingest_job_id", ingestJobId).put("file_name", arrival.fileName())
                .put("via", arrival.via()).put("received_at", receivedAt.toString()).put("applied_at", appliedAt.toString());
        if (source != null) {
            doc.put("source", source);
        }
        var response = connection.raw("PUT", "/" + connection.alias("arrivals") + "/_create/" + contentHash, doc.toString(),
                Map.of("refresh", "true"));
        if (!response.ok() && response.status() != 409) {
            throw new IllegalStateException("the arrivals ledger refused " + contentHash + ": " + response.body());
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.tessera.indexer.arrivals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The {@code arrivals} index: one document per applied arrival, its id the SHA-256 of the content,
 * so the same file or payload twice is known as a replay. Written only once the content is applied:
 * an arrival whose process died half-way is applied again (ingest is idempotent), never skipped.
 * Thread-safe.
 */
public final class ArrivalLedger {

    private final OpenSearchConnection connection;

    public ArrivalLedger(OpenSearchConnection connection) {
        this.connection = connection;
    }

    /** The job that applied this content, if any did. */
    public Optional<String> appliedBy(String contentHash) {
        return connection.get(connection.alias("arrivals"), contentHash).map(source -> source.path("job_id").asText());
    }

    /** Records that {@code jobId} applied this content (create only: a second writer's record is refused, the first kept). */
    public void applied(String contentHash, String jobId, String ingestJobId, Arrival arrival, String source, Instant receivedAt, Instant appliedAt) {
        ObjectNode doc = EngineJson.object();
        doc.put("content_hash", contentHash).put("job_id", jobId).put("ingest_job_id", ingestJobId).put("file_name", arrival.fileName())
                .put("via", arrival.via()).put("received_at", receivedAt.toString()).put("applied_at", appliedAt.toString());
        if (source != null) {
            doc.put("source", source);
        }
        connection.create(connection.alias("arrivals"), contentHash, doc, Map.of("refresh", "true"));
    }
}

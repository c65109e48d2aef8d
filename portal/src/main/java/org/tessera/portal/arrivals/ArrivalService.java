package org.tessera.portal.arrivals;

import jakarta.annotation.security.RolesAllowed;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.tessera.indexer.arrivals.Arrival;
import org.tessera.indexer.arrivals.ArrivalPayload;
import org.tessera.indexer.arrivals.ArrivalProcessor;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * Records sent to the REST endpoint for a named source: written as that source's file and queued
 * as an arrival job (the same path as the drop folder). Audited (who sent what to which source).
 * Thread-safe.
 */
@Service
public class ArrivalService {

    private final ArrivalProcessor processor;
    private final ArrivalsProperties properties;
    private final AuditTrail audit;

    public ArrivalService(ArrivalProcessor processor, ArrivalsProperties properties, AuditTrail audit) {
        this.processor = processor;
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * Queues one record or a batch for {@code source}; the job id is known at once.
     *
     * @throws ArrivalPayload.Refused an unknown source, an empty or malformed body, or one too large (the reason)
     */
    @RolesAllowed({Roles.ANALYST, Roles.ADMINISTRATOR})
    public ArrivalProcessor.Submitted submit(String source, String contentType, byte[] body) {
        SourceMapping mapping = processor.mappings().bySource(source)
                .orElseThrow(() -> new ArrivalPayload.Refused("no source named '" + source + "'"));
        if (body.length > properties.maxPayloadBytes()) {
            throw new ArrivalPayload.Refused("the payload is larger than tessera.arrivals.max-payload-bytes (" + properties.maxPayloadBytes() + ")");
        }
        Path dir = properties.workFolder().resolve("incoming").resolve(UUID.randomUUID().toString());
        Arrival arrival = ArrivalPayload.write(mapping, contentType, body, dir, "api:" + CurrentUser.name());
        ArrivalProcessor.Submitted submitted = processor.submit(arrival);
        submitted.result().whenComplete((result, problem) -> deleteQuietly(dir, arrival.file()));
        audit.record(AuditTrail.ARRIVAL, null, null, null, "job " + submitted.jobId() + ", source " + source + ", " + body.length + " bytes");
        return submitted;
    }

    private static void deleteQuietly(Path dir, Path file) {
        try {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException e) {
            // the staging copy stays in the work folder; nothing depends on it
        }
    }
}

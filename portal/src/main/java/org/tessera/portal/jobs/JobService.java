package org.tessera.portal.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.common.Json;
import org.tessera.portal.security.Roles;

/** Ingest and analysis jobs as the indexer records them in the {@code jobs} index. Thread-safe. */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ADMINISTRATOR})
public class JobService {

    private final OpenSearchConnection connection;

    public JobService(OpenSearchConnection connection) {
        this.connection = connection;
    }

    public record Quarantined(String file, Long line, String field, String reason) {
    }

    public record Job(String jobId, String kind, String status, List<String> input, String startedAt, String updatedAt,
                      String finishedAt, Double progress, Map<String, String> counts, int errors, int warnings,
                      String message, List<Quarantined> quarantined) {
        public Job {
            input = List.copyOf(input);
            counts = Map.copyOf(counts);
            quarantined = List.copyOf(quarantined);
        }
    }

    /** Jobs newest first. */
    public List<Job> recent(int from, int size) {
        ObjectNode body = Json.object();
        body.put("from", from).put("size", size);
        body.putArray("sort").addObject().putObject("started_at").put("order", "desc").put("missing", "_last");
        List<Job> jobs = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("jobs"), body).path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            Map<String, String> counts = new TreeMap<>();
            s.path("counts").fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asText()));
            List<Quarantined> quarantined = new ArrayList<>();
            for (JsonNode q : s.path("quarantined")) {
                quarantined.add(new Quarantined(Json.text(q, "file"), q.path("line").isNumber() ? q.path("line").asLong() : null,
                        Json.text(q, "field"), Json.text(q, "reason")));
            }
            jobs.add(new Job(Json.text(s, "job_id"), Json.text(s, "kind"), status(s), Json.strings(s.path("input")),
                    Json.text(s, "started_at"), Json.text(s, "updated_at"), Json.text(s, "finished_at"), Json.number(s, "progress"),
                    counts, s.path("errors").asInt(0), s.path("warnings").asInt(0), Json.text(s, "message"), quarantined));
        }
        return jobs;
    }

    /**
     * The stored status, except that a "running" job whose heartbeat stopped is shown as
     * interrupted at once (the next ingest also records it so).
     */
    private static String status(JsonNode job) {
        String status = Json.text(job, "status");
        String updated = Json.text(job, "updated_at");
        if ("running".equals(status) && updated != null
                && java.time.Instant.parse(updated).isBefore(java.time.Instant.now().minus(org.tessera.indexer.jobs.JobRecorder.SILENT_AFTER))) {
            return "interrupted";
        }
        return status;
    }
}

package org.tessera.portal.arrivals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tessera.indexer.arrivals.ArrivalPayload;
import org.tessera.indexer.arrivals.ArrivalProcessor;
import org.tessera.indexer.arrivals.ArrivalResult;

/**
 * {@code POST /api/arrivals/{source}}: one record (a JSON object) or a batch (an array, or CSV for a
 * CSV source) for a named source (docs/api.md). Answers 202 with the job at once, or with
 * {@code wait=true} the result: 200 applied or replay, 422 refused with the reason.
 */
@RestController
class ArrivalsApi {

    private static final long WAIT_SECONDS = 300;

    private final ArrivalService arrivals;

    ArrivalsApi(ArrivalService arrivals) {
        this.arrivals = arrivals;
    }

    @PostMapping("/api/arrivals/{source}")
    ResponseEntity<Map<String, Object>> arrive(@PathVariable("source") String source,
                                               @RequestHeader(value = "Content-Type", required = false) String contentType,
                                               @RequestParam(value = "wait", defaultValue = "false") boolean wait,
                                               @RequestBody byte[] body) throws InterruptedException {
        ArrivalProcessor.Submitted submitted = arrivals.submit(source, contentType, body);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("job_id", submitted.jobId());
        if (!wait) {
            answer.put("status", "queued");
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        }
        ArrivalResult result;
        try {
            result = submitted.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            answer.put("status", "running");
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
        } catch (ExecutionException e) {
            answer.put("status", "failed");
            answer.put("error", "the arrival failed; sending the same content again is safe");
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(answer);
        }
        answer.put("content_hash", result.contentHash());
        switch (result) {
            case ArrivalResult.Applied applied -> {
                answer.put("status", "applied");
                answer.put("ingest_job_id", applied.ingestJobId());
                answer.put("counts", applied.counts());
                answer.put("alerts", applied.alerts().size());
            }
            case ArrivalResult.Replayed replay -> {
                answer.put("status", "replay");
                answer.put("first_job_id", replay.firstJobId());
            }
            case ArrivalResult.Refused refused -> {
                answer.put("status", "refused");
                answer.put("error", refused.reason());
                return ResponseEntity.unprocessableEntity().body(answer);
            }
        }
        return ResponseEntity.ok(answer);
    }

    @ExceptionHandler(ArrivalPayload.Refused.class)
    ResponseEntity<Map<String, String>> refused(ArrivalPayload.Refused e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}

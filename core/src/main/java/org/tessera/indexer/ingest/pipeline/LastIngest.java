package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Which ingest wrote before this one, as the runs themselves tell it, not their clocks (issue 19): one
 * document of the {@code jobs} index ({@value #ID}) names the last ingest that went past its feed gate to
 * write. A run names itself there before it writes anything and reads the run it follows; whether that
 * run finished decides whether the stored events and persons are whole (a run killed or failed half-way
 * may have left events whose derived parts are not: ADR 0040, 0047). The jobs' {@code started_at} cannot
 * tell this: a server clock set back, or two processes on different clocks (a run killed on one, the next
 * started on another), put a later run before an earlier one, so a run after a killed one could trust
 * what the killed one left, or every run after it could distrust a whole county. A run refused or ended
 * at its gate writes nothing and names nothing (as before, refused runs are passed over; a replay that
 * applies nothing no longer hides a killed run before it). Before the first run that names itself (an
 * index from before this document), the newest ingest by {@code started_at} stands in.
 */
final class LastIngest {

    /** The id of the document in {@code jobs} that names the last ingest to write. */
    static final String ID = "last-ingest";
    static final String KIND = "last-ingest";

    private LastIngest() {
    }

    /**
     * Names {@code jobId} the last ingest to write (a run past its gate, before it writes) and returns
     * whether the ingest it follows finished; true when there was none.
     */
    static boolean follow(OpenSearchConnection connection, String jobId) {
        return name(connection, jobId).previousEnded();
    }

    /**
     * As {@link #follow}: names {@code jobId} and says whether the ingest it follows finished, keeping what the document
     * said before, so that a run refused after it named itself, having written nothing, can give the name back
     * ({@link Named#withdraw}, ADR 0057).
     */
    static Named name(OpenSearchConnection connection, String jobId) {
        boolean ended = previousEnded(connection, jobId);
        JsonNode before = connection.get(connection.alias("jobs"), ID).orElse(null);
        ObjectNode doc = EngineJson.object();
        doc.put("job_id", jobId).put("kind", KIND).put("status", "named")
                .put("message", "the last ingest that went past its feed gate; the next one reads whether it finished");
        connection.index(connection.alias("jobs"), ID, doc, Map.of("refresh", "false"));
        return new Named(jobId, ended, before);
    }

    /**
     * A run that named itself the last ingest to write.
     *
     * @param previousEnded whether the ingest it follows finished
     * @param before        the document before it named itself; null when there was none
     */
    record Named(String jobId, boolean previousEnded, JsonNode before) {

        /**
         * Gives the name back to the run this one followed: for a run that ends having written nothing (its day refused by
         * the linkage's reach), so that the next run follows the one before it, as a run refused at its gate does. The
         * document is put back as it was (removed when there was none); left alone when another run named itself since.
         */
        void withdraw(OpenSearchConnection connection) {
            String jobs = connection.alias("jobs");
            Optional<JsonNode> now = connection.get(jobs, ID);
            if (now.isEmpty() || !jobId.equals(now.get().path("job_id").asText())) {
                return;
            }
            if (before == null) {
                connection.call("DELETE", "/" + jobs + "/_doc/" + ID, (JsonNode) null);
            } else {
                connection.index(jobs, ID, before, Map.of("refresh", "false"));
            }
        }
    }

    /**
     * Whether the last ingest before {@code jobId} that wrote finished ({@code finished}, not
     * {@code finished_with_errors}, failed, interrupted or still running); true when there was none.
     * Reads without naming anyone.
     */
    static boolean previousEnded(OpenSearchConnection connection, String jobId) {
        String jobs = connection.alias("jobs");
        Optional<JsonNode> last = connection.get(jobs, ID);
        if (last.isPresent() && !jobId.equals(last.get().path("job_id").asText())) {
            String previous = last.get().path("job_id").asText();
            return connection.get(jobs, previous).map(job -> "finished".equals(job.path("status").asText())).orElse(false);
        }
        return newestByClockEnded(connection, jobId);
    }

    /** Before any run named itself: the newest ingest by {@code started_at} other than {@code jobId}, refused ones passed over. */
    private static boolean newestByClockEnded(OpenSearchConnection connection, String jobId) {
        connection.refresh(connection.alias("jobs"));   // the last run's end, searchable
        ObjectNode body = EngineJson.object();
        body.put("size", 50);
        body.putArray("_source").add("status");
        body.putArray("sort").addObject().putObject("started_at").put("order", "desc");
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("kind", "ingest");
        bool.putArray("must_not").addObject().putObject("term").put("job_id", jobId);
        for (JsonNode hit : connection.search(connection.alias("jobs"), body).path("hits").path("hits")) {
            String status = hit.path("_source").path("status").asText();
            if (!"refused".equals(status)) {
                return "finished".equals(status);
            }
        }
        return true;
    }
}

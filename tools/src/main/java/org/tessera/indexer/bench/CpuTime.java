package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * CPU time used so far by this JVM (the indexer) and by the engine's nodes, so a benchmark can say
 * how much work a stage did, not only how long it took: on a machine with few cores the wall time
 * of overlapping work is bounded below by its CPU time divided by the cores.
 *
 * @param indexerNanos this process's CPU time; -1 when the JVM does not say
 * @param engineMillis the engine nodes' process CPU time summed; -1 when the engine does not say
 */
record CpuTime(long indexerNanos, long engineMillis) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static CpuTime now(OpenSearchConnection connection) {
        long indexer = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        long engine = -1;
        OpenSearchConnection.RawResponse response = connection.raw("GET", "/_nodes/stats/process", null);
        if (response.ok()) {
            try {
                engine = 0;
                for (JsonNode node : JSON.readTree(response.body()).path("nodes")) {
                    engine += node.path("process").path("cpu").path("total_in_millis").asLong(0);
                }
            } catch (IOException e) {
                engine = -1;
            }
        }
        return new CpuTime(indexer, engine);
    }

    /** "indexer X core-s, engine Y core-s, Z of N cores busy" over {@code wallSeconds} since {@code start}. */
    String since(CpuTime start, double wallSeconds, int cores) {
        double indexer = indexerNanos < 0 || start.indexerNanos < 0 ? Double.NaN : (indexerNanos - start.indexerNanos) / 1e9;
        double engine = engineMillis < 0 || start.engineMillis < 0 ? Double.NaN : (engineMillis - start.engineMillis) / 1e3;
        return String.format(Locale.ROOT, "indexer %.0f core-s, engine %.0f core-s, %.2f of %d cores busy",
                indexer, engine, (indexer + engine) / wallSeconds, cores);
    }
}

package org.tessera.indexer.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EmbeddedOpenSearch;
import org.tessera.indexer.opensearch.EmbeddedProperties;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.NodeTopology;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;

/**
 * Shows that Tessera scales out on OpenSearch's own clustering: starts a two-node loopback
 * cluster (one replica per shard), ingests events through the same {@link BulkWriter} the
 * pipeline uses, stops the data node in the middle of the ingest, finishes the ingest on the
 * surviving node, restarts the stopped one, and checks after recovery that every document is
 * there and equal to a single-node run of the same input.
 *
 * <p>Node 1 is cluster-manager and data; node 2 is data only, so stopping it never costs the
 * cluster its elected manager (two manager-eligible nodes cannot survive losing one).
 *
 * @param homeRoot where the two nodes' homes go
 * @param basePort node HTTP ports {@code basePort} and {@code basePort + 1}
 * @param heap     heap per node ({@code 512m})
 */
public record ClusterCheck(Path homeRoot, int basePort, String heap) {

    private static final Logger log = LoggerFactory.getLogger(ClusterCheck.class);
    private static final ObjectMapper JSON = EngineJson.MAPPER;

    /** Outcome of one check. */
    public record Result(int documents, long clusterCount, long singleNodeCount, int sampled, int sampleMismatches,
                         long searchHitsCluster, long searchHitsSingle, String healthAfterRecovery, long retries,
                         Duration elapsed) {
        public boolean passed() {
            return clusterCount == documents && singleNodeCount == documents && sampleMismatches == 0
                    && searchHitsCluster == searchHitsSingle && "green".equals(healthAfterRecovery);
        }
    }

    /**
     * @param documents         how many events to ingest
     * @param singleNode        a connection to a single-node server for the reference run
     */
    public Result run(int documents, OpenSearchConnection singleNode) {
        long started = System.nanoTime();
        EmbeddedOpenSearch manager = node(1, List.of("cluster_manager", "data", "ingest"));
        EmbeddedOpenSearch data = node(2, List.of("data", "ingest"));
        try {
            manager.start();
            data.start();
            OpenSearchProperties clusterProperties = new OpenSearchProperties(List.of(manager.url(), data.url()),
                    null, null, null, null, "cluster-check", 1,
                    new EmbeddedProperties(homeRoot.resolve("unused"), 1, 1, "512m", null, null, null));
            try (OpenSearchConnection cluster = OpenSearchConnection.open(clusterProperties)) {
                waitFor(cluster, "green", 2);
                IndexManager clusterIndices = new IndexManager(cluster, IndexDefinitions.loadDefault());
                clusterIndices.deleteAll();
                clusterIndices.ensureAll();
                waitFor(cluster, "green", 2);

                long retries;
                try (BulkWriter writer = new BulkWriter(cluster, BulkWriter.Mode.OVERWRITE, 200, 4 << 20)) {
                    for (int i = 0; i < documents; i++) {
                        writer.add(new BulkWriter.Document(cluster.alias("events"), id(i), event(i)));
                        if (i == documents / 3) {
                            writer.flush();
                            log.info("Stopping data node 2 after {} documents, in the middle of the ingest", i + 1);
                            data.stop();
                        }
                    }
                    writer.flush();
                    retries = writer.stats().retries();
                    if (!writer.drainFailures().isEmpty()) {
                        throw new IllegalStateException("documents were refused during the failover ingest");
                    }
                }
                log.info("Ingest finished on one node; restarting data node 2");
                data.start();
                String health = waitFor(cluster, "green", 2);
                cluster.refresh(cluster.alias("events"));

                IndexManager singleIndices = new IndexManager(singleNode, IndexDefinitions.loadDefault());
                singleIndices.ensureAll();
                try (BulkWriter writer = new BulkWriter(singleNode, BulkWriter.Mode.OVERWRITE, 200, 4 << 20, "true")) {
                    for (int i = 0; i < documents; i++) {
                        writer.add(new BulkWriter.Document(singleNode.alias("events"), id(i), event(i)));
                    }
                }

                long clusterCount = count(cluster);
                long singleCount = count(singleNode);
                int mismatches = 0;
                SplittableRandom random = new SplittableRandom(7);
                int sampled = Math.min(100, documents);
                for (int s = 0; s < sampled; s++) {
                    String id = id(random.nextInt(documents));
                    if (!source(cluster, id).equals(source(singleNode, id))) {
                        mismatches++;
                    }
                }
                String query = "{\"query\":{\"match\":{\"text\":\"missed appointment\"}},\"size\":0,\"track_total_hits\":true}";
                return new Result(documents, clusterCount, singleCount, sampled, mismatches,
                        hits(cluster, query), hits(singleNode, query), health, retries,
                        Duration.ofNanos(System.nanoTime() - started));
            }
        } finally {
            data.stop();
            manager.stop();
        }
    }

    private EmbeddedOpenSearch node(int n, List<String> roles) {
        List<String> seeds = List.of("127.0.0.1:" + (basePort + 100), "127.0.0.1:" + (basePort + 101));
        NodeTopology topology = new NodeTopology("node-" + n, roles, seeds, List.of("node-1"));
        return new EmbeddedOpenSearch(new EmbeddedProperties(homeRoot.resolve("node-" + n), basePort + n - 1,
                basePort + 100 + n - 1, heap, null, null, Duration.ofSeconds(180), topology));
    }

    private static String waitFor(OpenSearchConnection connection, String status, int nodes) {
        JsonNode body;
        try {
            body = connection.call("GET", "/_cluster/health", (String) null, Map.of("wait_for_status", status,
                    "wait_for_nodes", String.valueOf(nodes), "timeout", "120s"));
        } catch (EngineException e) {
            throw new IllegalStateException("cluster did not reach " + status + " with " + nodes + " nodes: " + e.reason(), e);
        }
        if (body.path("timed_out").asBoolean(true)) {
            throw new IllegalStateException("cluster did not reach " + status + " with " + nodes + " nodes: " + body);
        }
        return body.path("status").asText();
    }

    private static long count(OpenSearchConnection connection) {
        return connection.count("events");
    }

    private static long hits(OpenSearchConnection connection, String query) {
        return connection.call("POST", "/" + connection.alias("events") + "/_search", query, Map.of())
                .path("hits").path("total").path("value").asLong(-1);
    }

    private static JsonNode source(OpenSearchConnection connection, String id) {
        return connection.get(connection.alias("events"), id).orElse(EngineJson.object());
    }

    private static String id(int i) {
        return "cluster-check:" + i;
    }

    /** A deterministic, realistic-enough event: the check is about the engine, not the content. */
    static ObjectNode event(int i) {
        String[] agencies = {"police", "health", "education", "social_care", "housing", "probation"};
        String[] notes = {
                "Officers attended a verbal argument; two children present, no injuries seen.",
                "Child not brought to missed appointment with the paediatrician; second this term.",
                "Attendance 84% this term; several unauthorised absences on Mondays.",
                "Referral received from school regarding hunger and poor hygiene.",
                "Rent arrears letter issued; family at risk of eviction.",
                "Supervision appointment attended; discussed new partner living at the address."};
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", id(i)).put("source", "cluster_check").put("record_id", String.valueOf(i))
                .put("agency", agencies[i % agencies.length]).put("record_type", "case_note")
                .put("event_date", java.time.LocalDate.of(2024, 1, 1).plusDays(i % 900).toString())
                .put("text", notes[i % notes.length] + " Ref " + i + ".")
                .put("content_hash", Integer.toHexString(("c" + i).hashCode()));
        event.putArray("person_ids").add("p" + (i % 997));
        return event;
    }

}

package org.tessera.portal.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * A cheap fingerprint of what searches over some indices can see: per index, its writes, deletes,
 * external refreshes and documents ({@code _stats}). Any write that becomes visible changes it (a write
 * changes the counters, and so does the refresh that makes it searchable), so a result computed
 * under one fingerprint may be served again while the fingerprint is the same. One request of a
 * few milliseconds; thread-safe.
 */
public final class IndexVersion {

    private final OpenSearchConnection connection;
    private final List<String> logicalNames;
    private final String path;

    public IndexVersion(OpenSearchConnection connection, List<String> logicalNames) {
        this.connection = connection;
        this.logicalNames = List.copyOf(logicalNames);
        this.path = "/" + String.join(",", logicalNames.stream().map(connection::alias).toList()) + "/_stats/indexing,refresh,docs";
    }

    /** The fingerprint now; a different value each time anything visible may have changed. */
    public String now() {
        return String.join(";", byIndex().values());
    }

    /**
     * The fingerprint of {@code logicalNames} alone, from the fingerprints {@link #byIndex} gave for
     * them and others: what {@link #now} gives for an {@code IndexVersion} of those indices, without a
     * request of its own. Throws when one of them was not read.
     */
    public static String of(Map<String, String> versions, List<String> logicalNames) {
        List<String> wanted = new ArrayList<>(logicalNames.size());
        for (String logical : logicalNames) {
            String version = versions.get(logical);
            if (version == null) {
                throw new IllegalArgumentException("no fingerprint of " + logical + " among " + versions.keySet());
            }
            wanted.add(version);
        }
        return String.join(";", wanted);
    }

    /**
     * The fingerprint of each logical index apart, from one request: a result that depends on some
     * of the indices is keyed on theirs only (the watchlist's ranking does not change when a review does).
     */
    public Map<String, String> byIndex() {
        JsonNode all = connection.call("GET", path, (JsonNode) null, Map.of("level", "indices")).path("indices");
        SortedMap<String, JsonNode> indices = new TreeMap<>();
        all.fields().forEachRemaining(e -> indices.put(e.getKey(), e.getValue()));
        Map<String, String> versions = new LinkedHashMap<>();
        for (String logical : logicalNames) {
            String prefix = connection.alias(logical);
            StringBuilder version = new StringBuilder();
            // The alias points at a versioned index (tessera-events-v1): the index's name says which.
            indices.forEach((name, index) -> {
                if (name.equals(prefix) || name.startsWith(prefix + "-")) {
                    JsonNode total = index.path("total");
                    version.append(name).append(':')
                            .append(total.path("indexing").path("index_total").asLong()).append('/')
                            .append(total.path("indexing").path("delete_total").asLong()).append('/')
                            // External refreshes only: they open what searches read. An internal one (a flush
                            // or merge after a load, minutes later) changes nothing a search sees, and
                            // counting it made kept rankings and pages be computed again for nothing.
                            .append(total.path("refresh").path("external_total").asLong()).append('/')
                            .append(total.path("docs").path("count").asLong());
                }
            });
            versions.put(logical, version.toString());
        }
        return versions;
    }
}

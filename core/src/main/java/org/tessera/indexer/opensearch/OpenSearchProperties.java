package org.tessera.indexer.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where Tessera's indices live. With {@code uris} empty, Tessera runs (or reuses) the embedded
 * single-node server described by {@code embedded}; otherwise every component talks to that
 * external cluster and no embedded server is started.
 *
 * @param uris                external cluster nodes, e.g. {@code https://search1:9200}; empty for embedded
 * @param username            basic-auth user for an external cluster, or {@code null}
 * @param password            basic-auth password, or {@code null}
 * @param truststore          PKCS12/JKS trust store holding the cluster's CA, or {@code null} for the JVM default
 * @param truststorePassword  its password, or {@code null}
 * @param indexPrefix         prefix of every alias and index name ({@code tessera} gives {@code tessera-events})
 * @param replicas            replicas per index, overriding the mapping files (e.g. 1 on a cluster); -1 keeps theirs
 * @param embedded            the embedded server's layout
 */
public record OpenSearchProperties(
        List<URI> uris, String username, String password, Path truststore, String truststorePassword,
        String indexPrefix, int replicas, EmbeddedProperties embedded) {

    public OpenSearchProperties {
        uris = uris == null ? List.of() : List.copyOf(uris);
        indexPrefix = indexPrefix == null || indexPrefix.isBlank() ? OpenSearchSettings.DEFAULT_INDEX_PREFIX : indexPrefix;
        if (!indexPrefix.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("index prefix must be lowercase letters, digits, _ . -: " + indexPrefix);
        }
        Objects.requireNonNull(embedded, "embedded");
    }

    public boolean external() {
        return !uris.isEmpty();
    }

    public OpenSearchProperties withIndexPrefix(String prefix) {
        return new OpenSearchProperties(uris, username, password, truststore, truststorePassword, prefix, replicas, embedded);
    }

    public OpenSearchProperties withUris(List<URI> newUris) {
        return new OpenSearchProperties(newUris, username, password, truststore, truststorePassword, indexPrefix, replicas, embedded);
    }

}

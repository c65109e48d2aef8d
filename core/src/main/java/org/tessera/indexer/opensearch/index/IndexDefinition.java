package org.tessera.indexer.opensearch.index;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One logical index read from {@code mappings/indices/NAME.json}: the body to create it with
 * (settings with analysis, and mappings) and the version that names the concrete index behind
 * the alias ({@code tessera-events} points at {@code tessera-events-v1}).
 *
 * @param name    logical name, from the file name
 * @param version mapping version; raising it rolls out a new index by reindexing and switching the alias
 * @param file    where it was read from, for messages
 * @param body    create-index request body; treat as read-only
 */
public record IndexDefinition(String name, int version, String file, ObjectNode body) {

    public IndexDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (version < 1) {
            throw new IndexDefinitionException(file, "version must be a positive whole number");
        }
    }

    public String concreteName(String prefix) {
        return prefix + "-" + name + "-v" + version;
    }

    public String alias(String prefix) {
        return prefix + "-" + name;
    }

    /** The body with a replica count from configuration; -1 keeps the file's own. */
    public String bodyJson(int replicas) {
        ObjectNode copy = body.deepCopy();
        if (replicas >= 0) {
            ((ObjectNode) copy.with("settings")).put("number_of_replicas", replicas);
        }
        return copy.toString();
    }
}

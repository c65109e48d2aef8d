package org.tessera.indexer.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The product's one {@link ObjectMapper} (Jackson defaults), used for every request body and
 * answer of the engine gateway and for the JSON files the product reads and writes (exports,
 * sidecars, quarantine lines), so that all of them share one configuration. Jackson's mapper is
 * thread-safe once configured; nobody configures this one after class initialisation.
 */
public final class EngineJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private EngineJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Parses JSON the product or the engine wrote; unreadable text is a bug or a broken answer, hence unchecked. */
    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("unreadable JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}

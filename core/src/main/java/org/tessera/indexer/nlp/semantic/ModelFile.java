package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.tessera.indexer.opensearch.EngineJson;

/** The shared start of reading a trained model file (the classifier, the context head): one JSON object of known keys. */
final class ModelFile {

    private ModelFile() {
    }

    /** The file's root object; fails with the file's name on anything else or on an unknown key. */
    static JsonNode readObject(InputStream in, String file, Set<String> keys) throws IOException {
        JsonNode root = EngineJson.MAPPER.readTree(in);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": not a JSON object");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "'");
            }
        });
        return root;
    }
}

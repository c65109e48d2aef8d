package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tessera.indexer.events.EventIndexFields.Contexts;

/**
 * A span of the text with a modifier ({@code contexts}, nested): negated, uncertain,
 * historical, hypothetical, and whose experience it describes.
 *
 * @param experiencer lower case: {@code subject}, {@code mother}, ...
 */
public record EventContext(int start, int end, boolean negated, boolean uncertain, boolean historical, boolean hypothetical,
                           String experiencer) {

    ObjectNode toDocument() {
        ObjectNode node = NODES.objectNode();
        node.put(Contexts.START, start).put(Contexts.END, end).put(Contexts.NEGATED, negated).put(Contexts.UNCERTAIN, uncertain)
                .put(Contexts.HISTORICAL, historical).put(Contexts.HYPOTHETICAL, hypothetical);
        putText(node, Contexts.EXPERIENCER, experiencer);
        return node;
    }

    static EventContext fromDocument(JsonNode node) {
        return new EventContext(node.path(Contexts.START).asInt(), node.path(Contexts.END).asInt(), node.path(Contexts.NEGATED).asBoolean(),
                node.path(Contexts.UNCERTAIN).asBoolean(), node.path(Contexts.HISTORICAL).asBoolean(),
                node.path(Contexts.HYPOTHETICAL).asBoolean(), text(node, Contexts.EXPERIENCER));
    }
}

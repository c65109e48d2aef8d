package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.putValue;
import static org.tessera.indexer.events.EventJson.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tessera.indexer.events.EventIndexFields.Entities;

/**
 * A named entity found in the text ({@code entities}, nested).
 *
 * @param type     lower case: {@code person}, {@code location}, {@code organisation}, {@code date}...
 * @param personId the person the mention was linked to, when it was
 */
public record EventEntity(String type, String text, Integer start, Integer end, String personId) {

    ObjectNode toDocument() {
        ObjectNode node = NODES.objectNode();
        putText(node, Entities.TYPE, type);
        putText(node, Entities.TEXT, text);
        putValue(node, Entities.START, start);
        putValue(node, Entities.END, end);
        putText(node, Entities.PERSON_ID, personId);
        return node;
    }

    static EventEntity fromDocument(JsonNode node) {
        return new EventEntity(EventJson.text(node, Entities.TYPE), EventJson.text(node, Entities.TEXT), whole(node, Entities.START),
                whole(node, Entities.END), EventJson.text(node, Entities.PERSON_ID));
    }
}

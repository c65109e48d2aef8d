package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.single;
import static org.tessera.indexer.events.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tessera.indexer.events.EventIndexFields.Location;

/** Where it happened ({@code location}). */
public record EventPlace(String address, String postcode, String postcodeDistrict) {

    ObjectNode toDocument() {
        ObjectNode node = NODES.objectNode();
        putText(node, Location.ADDRESS, address);
        putText(node, Location.POSTCODE, postcode);
        putText(node, Location.POSTCODE_DISTRICT, postcodeDistrict);
        return node;
    }

    List<String> valuesAt(String field) {
        return switch (field) {
            case Location.ADDRESS -> single(address);
            case Location.POSTCODE -> single(postcode);
            case Location.POSTCODE_DISTRICT -> single(postcodeDistrict);
            default -> List.of();
        };
    }

    static EventPlace fromDocument(JsonNode node) {
        return new EventPlace(text(node, Location.ADDRESS), text(node, Location.POSTCODE), text(node, Location.POSTCODE_DISTRICT));
    }
}

package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.bool;
import static org.tessera.indexer.events.EventJson.decimal;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.putValue;
import static org.tessera.indexer.events.EventJson.text;
import static org.tessera.indexer.events.EventJson.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tessera.indexer.events.EventIndexFields.People;

/**
 * One person on the event ({@code people}, nested), as linked at ingest.
 *
 * @param slot       the position of the person in the source record
 * @param ageYears   age at the event date, one decimal; null when the birth date is unknown
 * @param child      under 18 at the event date
 * @param postcode   the person's postcode on the record, formatted
 * @param householdId the household the linker placed them in at the event date
 */
public record EventPerson(String personId, Integer slot, String role, String name, String dateOfBirth, Double ageYears,
                          String gender, Boolean child, String postcode, String householdId) {

    /** Whether the person was a child at the event date (false when not recorded). */
    public boolean isChild() {
        return Boolean.TRUE.equals(child);
    }

    ObjectNode toDocument() {
        ObjectNode node = NODES.objectNode();
        putText(node, People.PERSON_ID, personId);
        putValue(node, People.SLOT, slot);
        putText(node, People.ROLE, role);
        putText(node, People.NAME, name);
        putText(node, People.DATE_OF_BIRTH, dateOfBirth);
        putText(node, People.GENDER, gender);
        putText(node, People.POSTCODE, postcode);
        putValue(node, People.AGE_YEARS, ageYears);
        putValue(node, People.IS_CHILD, child);
        putText(node, People.HOUSEHOLD_ID, householdId);
        return node;
    }

    static EventPerson fromDocument(JsonNode node) {
        return new EventPerson(text(node, People.PERSON_ID), whole(node, People.SLOT), text(node, People.ROLE), text(node, People.NAME),
                text(node, People.DATE_OF_BIRTH), decimal(node, People.AGE_YEARS), text(node, People.GENDER), bool(node, People.IS_CHILD),
                text(node, People.POSTCODE), text(node, People.HOUSEHOLD_ID));
    }
}

package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * A hit of a rule indicator for one person: fired on {@code date} by the event {@code eventId}
 * (the last piece of evidence), because of {@code evidence} (hit ids {@code eventId#indicatorId},
 * or {@code eventId#field=value} for distinct values), oldest first.
 */
public record DerivedHit(String indicatorId, int indicatorVersion, Severity severity, double weight,
                         String personId, LocalDate date, String eventId, List<String> evidence) {

    public DerivedHit {
        evidence = List.copyOf(evidence);
    }

    /** In the shape of an event's {@code hits} entry ({@code method: rule}, evidence = the triggering ids), for whoever stores it. */
    public ObjectNode toJson() {
        ObjectNode hit = JsonNodeFactory.instance.objectNode();
        hit.put("indicator_id", indicatorId);
        hit.put("indicator_version", indicatorVersion);
        hit.put("severity", severity.label());
        hit.put("weight", weight);
        hit.put("counts", true);
        hit.putArray("context").add("affirmed");
        hit.put("evidence", String.join(" ", evidence));
        hit.put("field", "rule");
        ArrayNode persons = hit.putArray("person_ids");
        persons.add(personId);
        hit.put("method", "rule");
        return hit;
    }
}

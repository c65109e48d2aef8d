package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;

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

    /** As an event's {@code hits} entry ({@code method: rule}, evidence = the triggering ids), for whoever stores it. */
    public EventHit toEventHit() {
        return new EventHit(indicatorId, indicatorVersion, severity.label(), weight, true, List.of("affirmed"), String.join(" ", evidence),
                null, null, "rule", List.of(personId), "rule");
    }

    /** {@link #toEventHit()} as JSON. */
    public ObjectNode toJson() {
        return toEventHit().toDocument();
    }
}

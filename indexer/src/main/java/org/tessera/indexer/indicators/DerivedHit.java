package org.tessera.indexer.indicators;

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
}

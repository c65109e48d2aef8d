package org.tessera.indexer.scoring;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An event as the scorer sees it: the parts of an {@code events} document that decide whom a hit
 * reaches and how much it weighs.
 */
public record RiskEvent(String eventId, LocalDate date, String agency, String recordType,
                        List<Participant> people, List<Hit> hits) {

    public RiskEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(date, "date");
        agency = agency == null || agency.isBlank() ? "other" : agency;
        people = people == null ? List.of() : List.copyOf(people);
        hits = hits == null ? List.of() : List.copyOf(hits);
    }

    public boolean involves(String personId) {
        // a loop, not a stream: the scorer asks this of every event in every child's history, twice
        for (Participant p : people) {
            if (p.personId().equals(personId)) {
                return true;
            }
        }
        return false;
    }

    /** One person on the event, with the household the linker placed them in at the event date. */
    public record Participant(String personId, String role, boolean child, String householdId, Double ageYears) {
        public Participant {
            Objects.requireNonNull(personId, "personId");
        }
    }

    /**
     * One indicator hit stored on the event.
     *
     * @param severity  as stored; null or unknown is scored as medium
     * @param weight    the catalogue weight, used only with {@code weight_from: hit}
     * @param counts    false for hits kept for display only (negated, hypothetical, ...)
     * @param personIds whom the hit is about; empty means the whole event
     */
    public record Hit(String indicatorId, Integer indicatorVersion, String severity, Double weight, boolean counts,
                      String context, String evidence, String field, List<String> personIds, String method) {
        public Hit {
            Objects.requireNonNull(indicatorId, "indicatorId");
            personIds = personIds == null ? List.of() : List.copyOf(personIds);
        }
    }
}

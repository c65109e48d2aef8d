package org.tessera.indexer.linkage;

import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One person as one record mentions them: the unit that linkage clusters into persons.
 *
 * @param occurrenceId deterministic ({@code eventId-pSLOT}), see {@link org.tessera.indexer.ingest.Ids}
 * @param eventId      the record the occurrence belongs to; two occurrences of one event are
 *                     never the same person (twins, parent and child of one name)
 */
public record PersonOccurrence(String occurrenceId, String source, String eventId, String role, String givenNames,
                               String familyName, List<String> otherNames, PartialDate dateOfBirth, String gender,
                               String address, String postcode, Map<String, String> identifiers) {
    public PersonOccurrence {
        Objects.requireNonNull(occurrenceId, "occurrenceId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventId, "eventId");
        otherNames = otherNames == null ? List.of() : List.copyOf(otherNames);
        identifiers = identifiers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(identifiers));
    }

    /** The occurrences of every involved person of a record, in slot order. */
    public static List<PersonOccurrence> of(SourceRecord r) {
        return of(r.source(), r.eventId(), r.people());
    }

    /**
     * The occurrences of the involved persons {@code people} of the record of {@code source} whose event id is {@code eventId},
     * slot by slot: all of a record {@link #of(SourceRecord)} reads (the feed store's persons-only read uses it, ADR 0057).
     */
    public static List<PersonOccurrence> of(String source, String eventId, List<InvolvedPerson> people) {
        List<PersonOccurrence> out = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            InvolvedPerson p = people.get(i);
            out.add(new PersonOccurrence(org.tessera.indexer.ingest.Ids.occurrenceId(eventId, i), source, eventId, p.role(), p.givenNames(), p.familyName(),
                    p.otherNames(), p.dateOfBirth(), p.gender(), p.address(), p.postcode(), p.identifiers()));
        }
        return out;
    }
}

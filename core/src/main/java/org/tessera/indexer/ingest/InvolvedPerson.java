package org.tessera.indexer.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One person as one agency record describes them, values as given (trimmed) and not normalised:
 * normalisation belongs to linkage and search, so the record keeps what the agency said.
 *
 * @param role        canonical role (see {@link Vocabulary#ROLES})
 * @param identifiers identifier scheme (nhs_number, upn, pnc, source_person_id, or any other
 *                    lowercase name) to value as given
 * @param title       a title taken off the name ({@code Mrs}, {@code Dr}) or given in its own
 *                    column; null when none
 */
public record InvolvedPerson(String role, String givenNames, String familyName, List<String> otherNames,
                             PartialDate dateOfBirth, String gender, String address, String postcode,
                             Map<String, String> identifiers, String title) {

    public InvolvedPerson(String role, String givenNames, String familyName, List<String> otherNames,
                          PartialDate dateOfBirth, String gender, String address, String postcode,
                          Map<String, String> identifiers) {
        this(role, givenNames, familyName, otherNames, dateOfBirth, gender, address, postcode, identifiers, null);
    }

    public InvolvedPerson {
        Objects.requireNonNull(role, "role");
        otherNames = otherNames == null ? List.of() : List.copyOf(otherNames);
        identifiers = identifiers == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(identifiers));
    }

    /** True when the slot carries something a person can be recognised by. */
    public boolean hasIdentity() {
        return givenNames != null || familyName != null || dateOfBirth != null || !identifiers.isEmpty();
    }
}

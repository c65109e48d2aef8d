package org.tessera.indexer.nlp.linking;

import java.util.List;
import java.util.Objects;

/**
 * A person the note may be talking about, usually a member of the child's household.
 *
 * @param otherNames aliases and previous family names, each a full or single name
 */
public record KnownPerson(String id, String givenName, String familyName, List<String> otherNames) {
    public KnownPerson {
        Objects.requireNonNull(id, "id");
        givenName = givenName == null ? "" : givenName;
        familyName = familyName == null ? "" : familyName;
        otherNames = otherNames == null ? List.of() : List.copyOf(otherNames);
        if (givenName.isBlank() && familyName.isBlank()) {
            throw new IllegalArgumentException("known person " + id + " has no name");
        }
    }

    public KnownPerson(String id, String givenName, String familyName) {
        this(id, givenName, familyName, List.of());
    }
}

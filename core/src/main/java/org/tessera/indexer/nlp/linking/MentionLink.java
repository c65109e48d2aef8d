package org.tessera.indexer.nlp.linking;

import java.util.Objects;

/**
 * A person mention resolved to a known person.
 *
 * @param confidence 0..1; higher is surer. Only links at or above the linker's threshold exist.
 * @param basis      how the names matched, for the audit trail (e.g. "full name", "nickname",
 *                   "first name unique in household")
 */
public record MentionLink(PersonMention mention, String personId, double confidence, String basis) {
    public MentionLink {
        Objects.requireNonNull(mention, "mention");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(basis, "basis");
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence out of range: " + confidence);
        }
    }
}

package org.tessera.indexer.linkage;

import java.util.List;

/**
 * Clusters person occurrences into persons.
 *
 * <p>Contract: every input occurrence gets a person id; the result is deterministic for the same
 * input set (input order does not matter); {@link Decisions} override the model; two occurrences
 * of the same event never share a person unless a merge decision says so. Implementations are
 * thread-safe (no state kept between calls).
 */
public interface PersonLinker {
    LinkageResult link(List<PersonOccurrence> occurrences, Decisions decisions);
}

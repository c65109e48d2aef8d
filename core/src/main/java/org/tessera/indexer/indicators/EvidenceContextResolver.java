package org.tessera.indexer.indicators;

/**
 * Tells how the words that fired an indicator are meant, from the text around them.
 *
 * <p>Contract: {@code start}/{@code end} are character offsets into {@code text}
 * ({@code 0 <= start <= end <= text.length()}); the answer depends only on the arguments, so the
 * stream and backfill paths get the same context for the same span. Implementations must be
 * thread-safe (one instance serves every batch).
 */
public interface EvidenceContextResolver {

    EvidenceContext resolve(String text, int start, int end);
}

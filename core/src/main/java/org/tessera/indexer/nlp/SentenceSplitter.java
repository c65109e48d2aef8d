package org.tessera.indexer.nlp;

import java.util.List;

/**
 * Splits text into sentences with character offsets.
 *
 * <p>Implementations are thread-safe: one instance serves all threads.
 */
public interface SentenceSplitter {
    List<Sentence> split(String text);
}

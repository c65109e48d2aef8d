package org.tessera.indexer.nlp;

import java.util.List;

/**
 * Splits a piece of text (usually one sentence) into tokens with offsets relative to that text.
 *
 * <p>Implementations are thread-safe.
 */
public interface TextTokenizer {
    List<Token> tokenize(String text);
}

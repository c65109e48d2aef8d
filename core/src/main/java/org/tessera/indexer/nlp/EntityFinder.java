package org.tessera.indexer.nlp;

import java.util.List;

/**
 * Finds entity mentions in a text. Offsets in the result refer to the given text.
 *
 * <p>Implementations are thread-safe.
 */
public interface EntityFinder {
    List<EntityMention> find(String text);
}

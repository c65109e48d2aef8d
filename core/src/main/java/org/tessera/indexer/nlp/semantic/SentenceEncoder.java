package org.tessera.indexer.nlp.semantic;

import java.util.List;

/**
 * Turns sentences into unit-length vectors whose dot product is their cosine similarity.
 *
 * <p>Contract: {@code encode(s).length == dimensions()}, every vector has length 1 (or is all
 * zeros for an empty sentence), and the same sentence always gives the same vector.
 * Implementations are thread-safe and load their model lazily, once.
 */
public interface SentenceEncoder {

    /** One vector per sentence, in order. */
    List<float[]> encode(List<String> sentences);

    int dimensions();

    /** The model's name, for reports and the ADR's measurements. */
    String name();

    static float dot(float[] a, float[] b) {
        float sum = 0f;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}

package org.tessera.indexer.indicators.evaluation;

import org.tessera.indexer.nlp.semantic.SentenceEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SentenceEncoder} that remembers every vector it has made (unbounded: for training and
 * cross-validation over a corpus of a few thousand sentences, where each fold's tagger would
 * otherwise embed the same sentences again). Thread-safe.
 */
public final class CachingSentenceEncoder implements SentenceEncoder {

    private final SentenceEncoder encoder;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();

    public CachingSentenceEncoder(SentenceEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public List<float[]> encode(List<String> sentences) {
        List<String> missing = sentences.stream().filter(s -> !cache.containsKey(s)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> vectors = encoder.encode(missing);
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), vectors.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(sentences.size());
        sentences.forEach(s -> out.add(cache.get(s)));
        return out;
    }

    @Override
    public int dimensions() {
        return encoder.dimensions();
    }

    @Override
    public String name() {
        return encoder.name();
    }
}

package org.tessera.indexer.indicators.evaluation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.tessera.indexer.nlp.semantic.SentenceEncoder;

/**
 * A {@link SentenceEncoder} that remembers every vector it has made (unbounded: for training and
 * cross-validation over a corpus of a few thousand sentences, where each fold's tagger would
 * otherwise embed the same sentences again). Thread-safe.
 *
 * <p>With a file ({@code --vector-cache FILE} of the training and evaluation commands) the vectors
 * are also kept across runs: read at start, each new one appended (the encoder's name, the sentence,
 * its floats). A development aid for repeated runs over the same corpora; a vector is the encoder's
 * output for the exact sentence, so the figures are the same with or without it. A record cut short
 * (a killed run) ends the read.
 */
public final class CachingSentenceEncoder implements SentenceEncoder {

    private final SentenceEncoder encoder;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();
    private final Path file;

    public CachingSentenceEncoder(SentenceEncoder encoder) {
        this(encoder, null);
    }

    /** @param file where vectors are kept across runs (null: in memory only) */
    public CachingSentenceEncoder(SentenceEncoder encoder, Path file) {
        this.encoder = encoder;
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            read(file);
        }
    }

    private void read(Path path) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            while (true) {
                String name;
                try {
                    name = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                float[] vector = new float[in.readInt()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = in.readFloat();
                }
                if (name.equals(encoder.name()) && vector.length == encoder.dimensions()) {
                    cache.put(new String(text, StandardCharsets.UTF_8), vector);
                }
            }
        } catch (EOFException cut) {
            // a record cut short by a killed run: keep what came before it
        } catch (IOException e) {
            throw new UncheckedIOException("vector cache " + path, e);
        }
    }

    private synchronized void append(List<String> sentences, List<float[]> vectors) {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
            for (int i = 0; i < sentences.size(); i++) {
                out.writeUTF(encoder.name());
                byte[] text = sentences.get(i).getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
                out.writeInt(vectors.get(i).length);
                for (float x : vectors.get(i)) {
                    out.writeFloat(x);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("vector cache " + file, e);
        }
    }

    @Override
    public List<float[]> encode(List<String> sentences) {
        List<String> missing = sentences.stream().filter(s -> !cache.containsKey(s)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> vectors = encoder.encode(missing);
            for (int i = 0; i < missing.size(); i++) {
                cache.put(missing.get(i), vectors.get(i));
            }
            if (file != null) {
                append(missing, vectors);
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

package org.tessera.indexer.nlp.semantic;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.tessera.indexer.common.Lazy;

/**
 * all-MiniLM-L6-v2 (384 dimensions, mean pooling) run in process by ONNX Runtime through
 * langchain4j; the model and tokenizer are resources of their jars, so nothing is downloaded.
 * {@link Variant#QUANTISED} is the int8 twin (23 MB instead of 90 MB). Thread-safe: the ONNX
 * session is shared and runs each sentence with one intra-op thread on the calling thread (the
 * ingest's analysis pool is the parallelism; ONNX's own pool would fight it for the cores).
 */
public final class MiniLmSentenceEncoder implements SentenceEncoder {

    public enum Variant { FULL, QUANTISED }

    /** Runs langchain4j's per-segment work on the caller's thread: the ingest pool is the parallelism. */
    private static final Executor CALLER = Runnable::run;

    private final Variant variant;
    private final Lazy<EmbeddingModel> model;

    public MiniLmSentenceEncoder(Variant variant) {
        this.variant = variant;
        this.model = Lazy.of(() -> load(variant));
    }

    @Override
    public List<float[]> encode(List<String> sentences) {
        if (sentences.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = new ArrayList<>(sentences.size());
        sentences.forEach(s -> segments.add(TextSegment.from(s.isBlank() ? "." : s)));
        List<Embedding> embeddings = model().embedAll(segments).content();
        List<float[]> vectors = new ArrayList<>(embeddings.size());
        for (Embedding embedding : embeddings) {
            vectors.add(unit(embedding.vector()));
        }
        return vectors;
    }

    @Override
    public int dimensions() {
        return 384;
    }

    @Override
    public String name() {
        return variant == Variant.QUANTISED ? "all-MiniLM-L6-v2-q (int8)" : "all-MiniLM-L6-v2";
    }

    private EmbeddingModel model() {
        return model.get();
    }

    private static EmbeddingModel load(Variant variant) {
        String base = variant == Variant.QUANTISED ? "all-minilm-l6-v2-q" : "all-minilm-l6-v2";
        ClassLoader loader = MiniLmSentenceEncoder.class.getClassLoader();
        try (InputStream model = loader.getResourceAsStream(base + ".onnx");
             InputStream tokenizer = loader.getResourceAsStream(base + "-tokenizer.json")) {
            if (model == null || tokenizer == null) {
                throw new IllegalStateException(base + " is not on the classpath (dev.langchain4j:langchain4j-embeddings-" + base + ")");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            return new AbstractInProcessEmbeddingModel(CALLER) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return 384;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load " + base + ": " + e.getMessage(), e);
        }
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            return v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }
}

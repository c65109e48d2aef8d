package org.tessera.indexer.nlp.opennlp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.tessera.indexer.common.Lazy;

/**
 * A model read once, on first use, from a classpath resource. Thread-safe: the first caller
 * loads it, others wait and then share the same immutable model object.
 *
 * @param <M> the OpenNLP model type (immutable and shareable once loaded)
 */
final class ModelResource<M> implements Supplier<M> {

    @FunctionalInterface
    interface Reader<M> {
        M read(InputStream in) throws IOException;
    }

    private final String resource;
    private final Reader<M> reader;
    private final Lazy<M> model;

    ModelResource(String resource, Reader<M> reader) {
        this.resource = Objects.requireNonNull(resource, "resource");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.model = Lazy.of(this::load);
    }

    @Override
    public M get() {
        return model.get();
    }

    private M load() {
        ClassLoader loader = ModelResource.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("NLP model resource not on the classpath: " + resource);
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NLP model resource " + resource, e);
        }
    }

    String resource() {
        return resource;
    }
}

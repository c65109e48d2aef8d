package org.tessera.indexer.common;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value made once, on first use (a model read from the classpath, an ONNX session). Thread-safe:
 * the first caller makes it while the others wait, then all share it. A failure is not kept: the
 * next caller tries again.
 *
 * @param <T> the value's type (shared across threads once made, so immutable or thread-safe)
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<? extends T> maker;
    private volatile T value;

    private Lazy(Supplier<? extends T> maker) {
        this.maker = Objects.requireNonNull(maker, "maker");
    }

    /** A value {@code maker} makes on the first {@link #get}; it must not return null. */
    public static <T> Lazy<T> of(Supplier<? extends T> maker) {
        return new Lazy<>(maker);
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = Objects.requireNonNull(maker.get(), "a lazy value was made null");
                    value = made;
                }
            }
        }
        return made;
    }
}

package org.tessera.portal.audit;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The purpose the current user stated for what they are reading, bound to the thread for the
 * length of one request (the API) or one view action (the views). Thread-confined.
 */
public final class ReadPurpose {

    /** Longest purpose kept; a longer text is cut here, never refused. */
    static final int MAX_LENGTH = 500;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ReadPurpose() {
    }

    /** Runs {@code read} with {@code purpose} bound; the previous binding is restored after. */
    public static <T> T with(String purpose, Supplier<T> read) {
        try (Scope ignored = scope(purpose)) {
            return read.get();
        }
    }

    /** Binds {@code purpose} until the returned scope is closed (then the previous binding is back). */
    public static Scope scope(String purpose) {
        String before = CURRENT.get();
        bind(purpose);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /** A binding's lifetime. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void bind(String purpose) {
        if (purpose == null || purpose.isBlank()) {
            CURRENT.remove();
        } else {
            String trimmed = purpose.strip();
            CURRENT.set(trimmed.length() > MAX_LENGTH ? trimmed.substring(0, MAX_LENGTH) : trimmed);
        }
    }

    static void clear() {
        CURRENT.remove();
    }
}

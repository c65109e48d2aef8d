package org.tessera.portal.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Values kept under a key that names everything they were computed from (a fingerprint of the
 * indices they read, {@link IndexVersion}, and the day): the key changes whenever the value could,
 * so a kept value is never stale and nothing has to be invalidated. Each value is computed once
 * however many callers ask for it at the same time (they wait for the one computation); a failure is
 * not kept, the next caller computes again. At most {@code max} keys are kept, the least recently
 * used leave first. Thread-safe.
 */
public final class Kept<V> {

    private final Map<String, CompletableFuture<V>> values;

    public Kept(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("keep at least one value: " + max);
        }
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<V>> eldest) {
                return size() > max;
            }
        };
    }

    /** The value kept under {@code key}, else computed now on this thread (or awaited, when another caller is computing it). */
    public V get(String key, Supplier<V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> future = claim(key, mine);
        if (future == mine) {
            complete(key, mine, compute);
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            throw Beside.rethrown(e);
        }
    }

    /**
     * The value kept under {@code key} as a future: the kept one (done or being computed), else one
     * computed on {@code executor}. For a caller that waits a bounded time.
     */
    public CompletableFuture<V> future(String key, Executor executor, Supplier<V> compute) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> future = claim(key, mine);
        if (future == mine) {
            executor.execute(() -> complete(key, mine, compute));
        }
        return future;
    }

    /** Whether a value is kept (done or being computed) under {@code key}. */
    public boolean has(String key) {
        synchronized (values) {
            return values.containsKey(key);
        }
    }

    private CompletableFuture<V> claim(String key, CompletableFuture<V> mine) {
        synchronized (values) {
            CompletableFuture<V> kept = values.get(key);
            if (kept != null) {
                return kept;
            }
            values.put(key, mine);
            return mine;
        }
    }

    private void complete(String key, CompletableFuture<V> mine, Supplier<V> compute) {
        try {
            mine.complete(compute.get());
        } catch (RuntimeException | Error e) {
            synchronized (values) {
                values.remove(key, mine);
            }
            mine.completeExceptionally(e);
        }
    }
}

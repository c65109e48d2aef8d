package org.tessera.portal.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.tessera.indexer.opensearch.EngineMeter;

/**
 * A part of a page's read that depends on nothing else the page reads, run on a virtual thread
 * beside the rest (the page waits for the longer of the two, not their sum). {@link #join} returns
 * its answer (or throws what it threw) and counts the engine work it caused on the joining thread,
 * so the page's {@link EngineMeter} figures (Server-Timing, {@code PageEngineWorkIT}) still hold all
 * of it. The task must need nothing bound to the request's thread (no security context, no read
 * purpose): it is a read the page's own audited call already covers. Join it on every path that
 * uses its answer; one join per instance.
 */
public final class Beside<T> {

    private static final Executor THREADS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("page-beside-", 0).factory());

    private record Done<T>(T value, EngineMeter.Work work) {
    }

    private final EngineMeter meter;
    private final CompletableFuture<Done<T>> done;

    private Beside(EngineMeter meter, CompletableFuture<Done<T>> done) {
        this.meter = meter;
        this.done = done;
    }

    /** Starts {@code task} now on a virtual thread; its engine work is measured there by {@code meter}. */
    public static <T> Beside<T> start(EngineMeter meter, Supplier<T> task) {
        return new Beside<>(meter, CompletableFuture.supplyAsync(() -> {
            EngineMeter.Mark mark = meter.mark();
            T value = task.get();
            return new Done<>(value, mark.since());
        }, THREADS));
    }

    /** Waits for the task; its answer, its engine work now counted on this thread. Throws what the task threw. */
    public T join() {
        try {
            Done<T> result = done.join();
            meter.carry(result.work());
            return result.value();
        } catch (CompletionException e) {
            throw rethrown(e);
        }
    }

    /**
     * What the task behind {@code e} threw, as it threw it: its runtime exception returned (for the
     * caller to throw), its error thrown here; anything else wrapped.
     */
    public static RuntimeException rethrown(CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
            return runtime;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(e.getCause());
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.tessera.indexer.common.DaemonThreads;

/** Work the stages hand to a thread of its own, and waiting for it with its failure rethrown. */
final class Futures {

    private Futures() {
    }

    /** The result of work handed to another thread, its failure rethrown here; {@code what} names it in errors. */
    static <T> T await(Future<T> work, String what) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Starts {@code work} on a thread of its own, named {@code name}, that ends with it. */
    static <T> Future<T> start(String name, Supplier<T> work) {
        ExecutorService thread = DaemonThreads.single(name);
        try {
            return thread.submit(work::get);
        } finally {
            thread.shutdown();
        }
    }
}

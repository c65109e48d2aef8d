package org.tessera.indexer.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that makes the product's background threads: named (so a thread dump says whose
 * work it is) and daemon (so a forgotten {@code close} never keeps the JVM alive; the owners still
 * shut their executors down). Stateless; thread-safe.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads all named {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, ... in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + n.incrementAndGet());
    }

    /** One daemon thread named {@code name} that runs submitted work in order. */
    public static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    /** One daemon thread named {@code name} that runs scheduled work. */
    public static ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }

    /** {@code threads} daemon threads named {@code prefix-N}. */
    public static ExecutorService pool(String prefix, int threads) {
        return Executors.newFixedThreadPool(threads, numbered(prefix));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}

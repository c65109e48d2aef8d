package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs the independent parts of one linkage run (features of units, blocking rules, ranges of
 * blocks, chunks of pairs) on a pool the run owns, and hands results back in task order, so that
 * merging them is the same sequence of steps a single thread would take and results do not
 * depend on the number of threads or on scheduling. With one thread, tasks run on the caller.
 */
final class Workers {
    private final ExecutorService pool;
    private final int threads;

    /** @param pool closed by its owner, not here; null when {@code threads} is 1 */
    Workers(ExecutorService pool, int threads) {
        if (threads < 1 || (threads > 1 && pool == null)) throw new IllegalArgumentException("threads " + threads);
        this.pool = pool;
        this.threads = threads;
    }

    int threads() { return threads; }

    /** Results of all tasks, in task order; the first failure is rethrown once all have ended. */
    <T> List<T> inOrder(List<? extends Callable<T>> tasks) {
        List<T> out = new ArrayList<>(tasks.size());
        try {
            if (threads == 1 || tasks.size() == 1) {
                for (Callable<T> t : tasks) out.add(t.call());
                return out;
            }
            for (Future<T> f : pool.invokeAll(tasks)) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("linkage interrupted", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Splits {@code 0..size} into about {@code parts} contiguous ranges and runs {@code task} on each, results in order. */
    <T> List<T> overRanges(int size, int parts, RangeTask<T> task) {
        int count = Math.max(1, Math.min(parts, size));
        List<Callable<T>> tasks = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int from = (int) ((long) size * k / count), to = (int) ((long) size * (k + 1) / count);
            tasks.add(() -> task.run(from, to));
        }
        return inOrder(tasks);
    }

    interface RangeTask<T> {
        T run(int from, int to);
    }
}

package org.tessera.indexer.bench;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The load the search and portal benchmarks put on a server: {@code users} simulated users, each
 * in a closed loop (the next request when the last one answered) until the time is up, each with
 * its own seeded random. Only the request is timed; preparing it is not. A failed request counts as
 * an error of its kind.
 */
final class ClosedLoopLoad {

    /** One request: its kind (an index into the kinds timed apart) and the call to time. */
    record Request(int kind, Call call) {
    }

    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    /**
     * Prepares user's next request with the user's random; {@code step} counts the user's requests
     * from the user's number (user 0 from 0, user 1 from 1 ...), so users cycling through kinds start
     * at different ones and every kind is timed even in a short run on a loaded machine.
     */
    @FunctionalInterface
    interface Requests {
        Request next(SplittableRandom random, int step);
    }

    /** Latencies of every request and of each kind. */
    record Timings(LatencyRecorder all, LatencyRecorder[] byKind) {
    }

    private ClosedLoopLoad() {
    }

    static Timings run(int users, int seconds, int kinds, Requests requests) throws InterruptedException {
        LatencyRecorder all = new LatencyRecorder();
        LatencyRecorder[] byKind = new LatencyRecorder[kinds];
        for (int k = 0; k < kinds; k++) {
            byKind[k] = new LatencyRecorder();
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(users);
        for (int u = 0; u < users; u++) {
            int user = u;
            pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(user * 7919L + 1);
                int step = user;
                while (System.nanoTime() < deadline) {
                    Request request = requests.next(random, step++);
                    long t0 = System.nanoTime();
                    try {
                        request.call().run();
                        long took = System.nanoTime() - t0;
                        all.record(took);
                        byKind[request.kind()].record(took);
                    } catch (Exception e) {
                        all.error();
                        byKind[request.kind()].error();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        return new Timings(all, byKind);
    }
}

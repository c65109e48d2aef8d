package org.tessera.indexer.bench;

import java.util.Arrays;
import java.util.Locale;

/** Collects latencies (nanoseconds) and reports percentiles. Thread-safe. */
public final class LatencyRecorder {

    private long[] samples = new long[1024];
    private int size;
    private long errors;

    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public synchronized void error() {
        errors++;
    }

    public synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        return new Summary(size, errors, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                size == 0 ? 0 : sorted[size - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    /** Percentiles in milliseconds. */
    public record Summary(long count, long errors, double p50, double p95, double p99, double max) {
        public String describe() {
            return String.format(Locale.ROOT, "n=%d errors=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", count, errors, p50, p95, p99, max);
        }
    }
}

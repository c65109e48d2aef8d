package org.tessera.indexer.jobs;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a long run's progress: a redrawn bar with rate and ETA on a terminal, a plain log line
 * every few seconds otherwise (CI logs, redirected output). Not thread-safe: call from one thread.
 */
public final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final String label;
    private final long total;
    private final boolean terminal;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long lastReportNanos;

    /** @param total expected units, or 0 when unknown (no ETA then) */
    public ProgressReporter(String label, long total, boolean terminal, PrintStream out) {
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.out = out;
    }

    public static ProgressReporter forConsole(String label, long total) {
        return new ProgressReporter(label, total, System.console() != null && System.getenv("CI") == null, System.err);
    }

    public void update(long done) {
        long now = System.nanoTime();
        long interval = terminal ? 200_000_000L : 5_000_000_000L;
        if (now - lastReportNanos < interval) {
            return;
        }
        lastReportNanos = now;
        report(done, false);
    }

    public void done(long done) {
        report(done, true);
    }

    private void report(long done, boolean finished) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = done / seconds;
        String eta = total > 0 && rate > 0 && !finished ? " ETA " + format(Duration.ofSeconds((long) ((total - done) / rate))) : "";
        if (terminal) {
            int width = 30;
            int filled = total > 0 ? (int) Math.min(width, width * done / Math.max(1, total)) : 0;
            out.printf(Locale.ROOT, "\r%s [%s%s] %,d%s  %,.0f/s%s   ", label, "#".repeat(filled), " ".repeat(width - filled),
                    done, total > 0 ? "/" + String.format(Locale.ROOT, "%,d", total) : "", rate, eta);
            if (finished) {
                out.println();
            }
            out.flush();
        } else {
            log.info("{}: {} done{} ({} /s){}", label, done, total > 0 ? " of " + total : "",
                    String.format(Locale.ROOT, "%.0f", rate), eta);
        }
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? String.format(Locale.ROOT, "%dh%02dm", d.toHours(), d.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}

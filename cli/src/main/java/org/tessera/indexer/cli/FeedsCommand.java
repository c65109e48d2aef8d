package org.tessera.indexer.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.tessera.indexer.ingest.pipeline.FeedLedger;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;

/** {@code tessera feeds}: the feed ledger, what each source delivered and what became of it. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = {"The feed ledger: per source, each delivery's sequence, as-of date, content hash and outcome",
                "(applied, skipped as a replay, refused with the reason). See docs/operations.md, Daily feeds."})
public final class FeedsCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--source", description = "only this source")
    String source;

    @Override
    public Integer call() {
        try (OpenSearchConnection connection = options.openConnection()) {
            var entries = new FeedLedger(connection, Clock.systemUTC()).entries();
            if (entries.isEmpty()) {
                System.out.println("No deliveries recorded.");
            }
            System.out.printf("%-30s %5s %-10s %-12s %-9s %s%n", "source", "seq", "as of", "content", "outcome", "job / reason");
            for (FeedLedger.Entry e : entries) {
                if (source != null && !source.equals(e.source())) {
                    continue;
                }
                System.out.printf("%-30s %5d %-10s %-12s %-9s %s%s%n", e.source(), e.sequence(), e.asOf() == null ? "-" : e.asOf(),
                        e.deliveryHash().substring(0, 12), e.outcome(), e.jobId(), e.reason() == null ? "" : ": " + e.reason());
            }
            return 0;
        }
    }
}

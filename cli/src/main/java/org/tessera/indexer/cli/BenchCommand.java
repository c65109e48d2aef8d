package org.tessera.indexer.cli;

import org.tessera.indexer.bench.FeedBenchmark;
import org.tessera.indexer.bench.FeedSplit;
import org.tessera.indexer.bench.IngestBenchmark;
import org.tessera.indexer.bench.MachineInfo;
import org.tessera.indexer.bench.OcrBenchmark;
import org.tessera.indexer.bench.PortalLoadBenchmark;
import org.tessera.indexer.bench.SearchLoadBenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code tessera bench ingest|search|text|portal}: figures with the machine and the raw engine's rate beside them. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print the machine, data size, throughput, latency percentiles, peak heap and the ratio to the raw engine.",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Search.class, BenchCommand.Text.class, BenchCommand.Ocr.class,
                BenchCommand.Portal.class, BenchCommand.Feed.class})
public final class BenchCommand extends CommandGroup {

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Generate a county, run the full ingest pipeline, then _bulk the same event documents raw; print both rates and each stage's time.")
    static final class Ingest implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--preset", defaultValue = "demo", description = "generator preset (demo, county, N-children); default ${DEFAULT-VALUE}")
        String preset;

        @Option(names = "--input", description = "ingest this folder instead of generating one")
        Path input;

        @Option(names = "--seed", defaultValue = "99")
        long seed;

        @Option(names = "--keep", description = "keep the pipeline's indices (prefix " + IngestBenchmark.PIPELINE_PREFIX
                + ") for tessera bench search --index-prefix " + IngestBenchmark.PIPELINE_PREFIX)
        boolean keep;

        @Option(names = "--work", description = "folder for the generated county and the quarantine (default: a new temporary folder)")
        Path work;

        @Override
        public Integer call() throws Exception {
            Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("tessera-bench-ingest");
            new IngestBenchmark(parent.options.settings(), System.out).run(preset, seed, input, folder, keep);
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Concurrent simulated users issuing a realistic mix of searches and profile loads for a bounded time.")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Mixin
        LoadOptions load;

        @Option(names = "--index-prefix", description = "indices to search (default: tessera.opensearch.index-prefix)")
        String prefix;

        @Override
        public Integer call() throws Exception {
            SearchLoadBenchmark.Result result = new SearchLoadBenchmark(parent.options.settings(), prefix, System.out).run(load.users, load.seconds);
            return result.errors() == 0 ? 0 : 1;
        }
    }

    @Command(name = "feed", mixinStandardHelpOptions = true,
            description = {"The day's data against a running portal: cut a generated county's last day off (--split), load the rest,",
                    "then (a) post the day's delta through the arrivals API (arrival to updated watchlist) and (b) single new events,",
                    "each timed to its alert on the duty manager's open alert stream (p50/p95/p99). Changes the data: use a scratch county."})
    static final class Feed implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--county", required = true, description = "a generated county's data folder (tessera generate ... --out DIR: DIR/data)")
        Path county;

        @Option(names = "--work", required = true, description = "where the history and the delta are written")
        Path work;

        @Option(names = "--split-only", description = "only cut the county (then load WORK/history with tessera ingest and start the portal)")
        boolean splitOnly;

        @Option(names = "--days", defaultValue = "1", description = "how many last days form the delta; default ${DEFAULT-VALUE}")
        int days;

        @Option(names = "--events-only", description = {"(b) alone, against the county as the portal holds it: (a) is not posted (at county size",
                "a day through the portal takes many minutes; apply it first with tessera ingest WORK/delta if the day should be in)"})
        boolean eventsOnly;

        @Option(names = "--events", defaultValue = "100", description = "single events for (b); default ${DEFAULT-VALUE}")
        int events;

        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "the portal; default ${DEFAULT-VALUE}")
        java.net.URI url;

        @Option(names = "--feed-user", defaultValue = "analyst", description = "an ANALYST or ADMINISTRATOR account; default ${DEFAULT-VALUE}")
        String feedUser;

        @Option(names = "--duty-user", defaultValue = "duty", description = "a DUTY_MANAGER account; default ${DEFAULT-VALUE}")
        String dutyUser;

        @Override
        public Integer call() throws Exception {
            var mappings = org.tessera.indexer.ingest.SourceMappings.loadAllFromClasspath("mappings/sources");
            FeedSplit.Result split = FeedSplit.split(county, mappings, days, work);
            System.out.printf("county %s: history %,d records in %s, delta (%d day(s) to %s) %,d records in %d files in %s%n", county,
                    split.historyRecords(), split.history(), days, split.lastDay(), split.deltaRecords(), split.deltaFiles().size(), split.delta());
            if (splitOnly) {
                return 0;
            }
            String feedPassword = System.getenv("TESSERA_BENCH_FEED_PASSWORD");
            String dutyPassword = System.getenv("TESSERA_BENCH_PASSWORD");
            if (feedPassword == null || dutyPassword == null) {
                System.err.println("set TESSERA_BENCH_FEED_PASSWORD (" + feedUser + ") and TESSERA_BENCH_PASSWORD (" + dutyUser + ")");
                return 2;
            }
            FeedBenchmark.Result result = new FeedBenchmark(url, feedUser, feedPassword, dutyUser, dutyPassword, System.out)
                    .run(eventsOnly ? null : split.delta(), split.lastDay(), mappings, events);
            return result.eventsWithoutAlert() == 0 ? 0 : 1;
        }
    }

    @Command(name = "portal", mixinStandardHelpOptions = true,
            description = "Concurrent duty managers against a running portal's HTTP API: watchlist, referral review page and profile, p50/p95/p99 each.")
    static final class Portal implements Callable<Integer> {
        @Option(names = "--url", defaultValue = "http://localhost:8080", description = "the portal; default ${DEFAULT-VALUE}")
        java.net.URI url;

        @Option(names = "--user", defaultValue = "duty", description = "a DUTY_MANAGER account with a password; default ${DEFAULT-VALUE}")
        String user;

        @Option(names = "--password-env", defaultValue = "TESSERA_BENCH_PASSWORD",
                description = "environment variable holding the password (never on the command line); default ${DEFAULT-VALUE}")
        String passwordEnv;

        @Option(names = "--children", defaultValue = "top",
                description = "which children review pages and profiles open: top (at random from the list's first 200, pages the portal"
                        + " keeps) or spread (each one a child not opened before, in turn over the whole list: what a team costs);"
                        + " default ${DEFAULT-VALUE}")
        String children;

        @Mixin
        LoadOptions load;

        @Override
        public Integer call() throws Exception {
            PortalLoadBenchmark.Children opened;
            try {
                opened = PortalLoadBenchmark.Children.valueOf(children.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println("--children must be top or spread: " + children);
                return 2;
            }
            String password = System.getenv(passwordEnv);
            if (password == null || password.isEmpty()) {
                System.err.println("set " + passwordEnv + " to the password of " + user);
                return 2;
            }
            PortalLoadBenchmark.Result result = new PortalLoadBenchmark(url, user, password, System.out).run(load.users, load.seconds, opened);
            return result.all().errors() == 0 ? 0 : 1;
        }
    }

    @Command(name = "text", mixinStandardHelpOptions = true, description = "Throughput of the case-note language pipeline (sentences/s, notes/s).")
    static final class Text implements Callable<Integer> {
        @Option(names = "--notes", defaultValue = "4000")
        int notes;

        @Option(names = "--classifier", paramLabel = "FILE", description = "also time the semantic stage with this classifier file "
                + "(e.g. word heads, ADR 0044) beside the shipped one")
        java.nio.file.Path classifier;

        @Option(names = "--long-words", description = "instead, time one text holding a single unbroken word of 125,000, 250,000 and 500,000 characters")
        boolean longWords;

        @Override
        public Integer call() throws Exception {
            System.out.println(MachineInfo.current().describe());
            if (longWords) {
                org.tessera.indexer.bench.TextPipelineBenchmark.longWords(new int[] {125_000, 250_000, 500_000});
                return 0;
            }
            org.tessera.indexer.bench.TextPipelineBenchmark.main(classifier == null ? new String[] {String.valueOf(notes)}
                    : new String[] {String.valueOf(notes), classifier.toString()});
            return 0;
        }
    }

    @Command(name = "ocr", mixinStandardHelpOptions = true,
            description = "OCR throughput per scanned page (PNG pages and an image-only PDF), through the ingest's extractor.")
    static final class Ocr implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--pages", defaultValue = "10")
        int pages;

        @Override
        public Integer call() throws Exception {
            System.out.println(MachineInfo.current().describe());
            OcrBenchmark.run(pages, org.tessera.indexer.extraction.OcrSettings.from(parent.options.settings()), System.out);
            return 0;
        }
    }
}

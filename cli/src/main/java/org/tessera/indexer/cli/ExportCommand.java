package org.tessera.indexer.cli;

import org.tessera.indexer.watchlist.WatchlistExport;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.scoring.ExportFormat;
import org.tessera.indexer.scoring.HitExport;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera export watchlist|hits --as-of DATE --format csv|jsonl [--out FILE]}: what the system concluded, in files. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the watchlist (with as-of replay: when each child first surfaced), every indicator hit, or the person each source record slot was linked to, as CSV or JSON Lines.")
public final class ExportCommand implements Callable<Integer> {

    /** What to export. */
    public enum What { WATCHLIST, HITS, PERSONS }

    @Mixin
    CommonOptions options;

    @Parameters(paramLabel = "WHAT", description = "watchlist, hits or persons")
    String what;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Export as of this date (yyyy-MM-dd); later events are ignored. Default: today.")
    LocalDate asOf;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default: standard output).")
    Path out;

    @Option(names = "--months", defaultValue = "36", description = "watchlist: months of monthly replay up to the as-of date (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--top", defaultValue = "50", description = "watchlist: K of the replay's top K (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--period-days", description = "watchlist: period of band entries and rises (default: watchlist.period_days).")
    Integer periodDays;

    @Option(names = "--with-evidence", description = "hits: include the evidence text (case-note text; handle as personal data).")
    boolean withEvidence;

    @Mixin
    ScoringOption scoring;

    @Override
    public Integer call() throws IOException {
        What target = parse(What.class, what, "WHAT");
        ExportFormat exportFormat = parse(ExportFormat.class, options.format("csv", "csv", "jsonl"), "--format");
        ScoringParameters parameters = scoring.parameters();
        if (asOf == null) {
            asOf = LocalDate.now();
        }
        try (OpenSearchConnection connection = options.openConnection();
             Writer writer = writer()) {
            int rows = switch (target) {
                case WATCHLIST -> {
                    ScoreService scores = ScoreService.fromIndex(connection, parameters, false);
                    yield new WatchlistExport(scores.scorer()).write(scores, asOf, months, top,
                            periodDays == null ? parameters.watchlist().periodDays() : periodDays, exportFormat, writer);
                }
                case HITS -> new HitExport(new EventQueries(connection)).write(asOf, exportFormat, withEvidence, writer);
                case PERSONS -> new org.tessera.indexer.ingest.pipeline.PersonLinkExport(new EventQueries(connection)).write(exportFormat, writer);
            };
            writer.flush();
            if (out != null) {
                System.err.printf("Wrote %d %s rows to %s%n", rows, target.name().toLowerCase(Locale.ROOT), out);
            }
        }
        return 0;
    }

    private Writer writer() throws IOException {
        if (out == null) {
            // Standard output stays open for the rest of the process.
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    try {
                        flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
                    + ", was '" + value + "'");
        }
    }
}

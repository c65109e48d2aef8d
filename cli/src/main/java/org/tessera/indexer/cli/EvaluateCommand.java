package org.tessera.indexer.cli;

import org.tessera.indexer.evaluation.EvaluationReport;
import org.tessera.indexer.evaluation.GroundTruth;
import org.tessera.indexer.evaluation.RiskEvaluation;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ScoringParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera evaluate --ground-truth DIR [--top-factor 1.5]}: the cumulative-risk model against planted trajectories. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, subcommands = {EvaluateDocumentsCommand.class, EvaluateNamesCommand.class},
        description = "Replay the watchlist month by month over an ingested synthetic county and compare it with the generator's "
                + "planted trajectories (recall of cumulative children, lead time before a first high-severity event, "
                + "ordinary-noise share of the top K) and with a single-threshold rule. See docs/evaluation.md.")
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--ground-truth", paramLabel = "DIR", description = "The generator's ground-truth folder (required).")
    Path groundTruth;

    @Option(names = "--top-factor", defaultValue = "1.5", description = "K = factor x planted cumulative children (default: ${DEFAULT-VALUE}).")
    double topFactor;

    @Option(names = "--end", paramLabel = "DATE", description = "Replay end, the generator's end date (default: latest planted event date).")
    LocalDate end;

    @Option(names = "--months", defaultValue = "36", description = "Month ends replayed up to the end (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--ranking", defaultValue = "watchlist", description = "List whose top K is measured: watchlist or score (default: ${DEFAULT-VALUE}).")
    String ranking;

    @Mixin
    ScoringOption scoring;

    @Override
    public Integer call() {
        if (groundTruth == null) {
            throw new IllegalArgumentException("Missing required option: '--ground-truth=DIR'");
        }
        ScoringParameters parameters = scoring.parameters();
        GroundTruth truth = GroundTruth.load(groundTruth);
        LocalDate date = end != null ? end : truth.latestEvent();
        if (date == null) {
            throw new IllegalArgumentException("no --end and no planted event in " + groundTruth);
        }
        long t0 = System.nanoTime();
        try (OpenSearchConnection connection = options.openConnection()) {
            EvaluationReport report = new RiskEvaluation(connection, parameters).evaluate(truth, date, months, topFactor,
                    RiskEvaluation.Ranking.valueOf(ranking.strip().toUpperCase(java.util.Locale.ROOT)));
            System.out.print(report.summary());
            System.out.printf("Evaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        return 0;
    }
}

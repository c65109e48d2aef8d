package org.tessera.indexer.cli;

import org.tessera.indexer.scoring.RescoreResult;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tessera rescore [--as-of DATE] [--child ID...]}: recompute children's risk and write it on their person documents. */
@Command(name = "rescore", mixinStandardHelpOptions = true,
        description = "Recompute risk scores (score, band, velocity, top indicators) and write them to the persons index.")
public final class RescoreCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Score as of this date (yyyy-MM-dd); events after it are ignored. Default: today.")
    LocalDate asOf;

    @Option(names = "--child", paramLabel = "ID", split = ",", description = "Rescore only these children (default: every child a hit reaches).")
    List<String> children;

    @Mixin
    ScoringOption scoring;

    @Override
    public Integer call() {
        LocalDate date = asOf == null ? LocalDate.now() : asOf;
        ScoringParameters parameters = scoring.parameters();
        try (OpenSearchConnection connection = options.openConnection()) {
            ScoreService service = ScoreService.fromIndex(connection, parameters, false);
            RescoreResult result = children == null || children.isEmpty()
                    ? service.rescoreAll(date) : service.rescore(children, date);
            System.out.printf("Rescored %d children as of %s: %d written, %d refused%n",
                    result.scored(), date, result.written(), result.failures().size());
            result.failures().stream().limit(20).forEach(f -> System.out.println("  refused " + f));
            return result.failures().isEmpty() ? 0 : 2;
        }
    }
}

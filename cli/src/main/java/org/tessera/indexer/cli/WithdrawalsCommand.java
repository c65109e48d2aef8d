package org.tessera.indexer.cli;

import org.tessera.indexer.ingest.pipeline.Withdrawals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.scoring.RescoreResult;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tessera withdrawals list|restore}: what ingests withdrew, and putting a job's withdrawals back. */
@Command(name = "withdrawals", mixinStandardHelpOptions = true,
        description = {"What ingests withdrew (records a complete delivery no longer held, and persons no longer produced),",
                "and how to reverse it: every withdrawn document is kept in the withdrawals index with its job and reason."})
public final class WithdrawalsCommand extends CommandGroup {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Withdrawals per job, index and source (not restored ones).")
    int list() {
        try (OpenSearchConnection connection = options.openConnection()) {
            Map<String, Long> counts = new TreeMap<>();
            ObjectNode query = EngineJson.MAPPER.createObjectNode();
            query.putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", "restored_at");
            new EventQueries(connection).scroll(connection.alias("withdrawals"), query, List.of("job_id", "index", "sources"),
                    (id, source) -> counts.merge(String.format("%-40s %-8s %s", source.path("job_id").asText(),
                            source.path("index").asText(), source.path("sources")), 1L, Long::sum));
            if (counts.isEmpty()) {
                System.out.println("No withdrawals to restore.");
            }
            counts.forEach((key, n) -> System.out.printf("%s  %,d%n", key, n));
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Put back every document JOB withdrew (unless stored again since), then rescore.")
    int restore(@Parameters(paramLabel = "JOB", description = "the ingest job id (from 'withdrawals list' or the jobs page)") String job,
                @Option(names = "--as-of", paramLabel = "DATE", description = "rescore as of this date (default: today)") LocalDate asOf) {
        try (OpenSearchConnection connection = options.openConnection()) {
            Withdrawals.Restored restored = Withdrawals.restore(connection, job, "restore-" + job, Clock.systemUTC());
            System.out.printf("Restored %,d documents withdrawn by %s (%,d were stored again since and left as they are)%n",
                    restored.restored(), job, restored.alreadyPresent());
            if (restored.restored() > 0) {
                LocalDate date = asOf == null ? LocalDate.now() : asOf;
                RescoreResult result = ScoreService.fromIndex(connection, ScoringParameters.loadDefault(), false).rescoreAll(date);
                System.out.printf("Rescored %d children as of %s%n", result.scored(), date);
            }
            return 0;
        }
    }
}

package org.tessera.portal.risk;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.RescoreResult;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

/**
 * Keeps the stored {@code risk.*} — the band search results show, the evidence date a review is
 * measured against — current as hits age and days pass: each night every child any hit may reach
 * is rescored as of the risk day, recorded as a {@code rescore} job on the jobs page. The profile
 * and the watchlist compute live; this keeps the rest in step with them between ingests.
 * {@code tessera.risk.rescore-cron} (default 02:30 each night, {@code -} turns it off).
 */
@Component
public class NightlyRescore {

    private static final Logger log = LoggerFactory.getLogger(NightlyRescore.class);

    private final OpenSearchConnection connection;
    private final ScoreService scores;
    private final RiskDay day;
    private final Clock clock;

    NightlyRescore(OpenSearchConnection connection, RiskDay day, Clock clock) {
        this.connection = connection;
        // Writes do not wait for a refresh each (a county's worth of them did for minutes): one at the end.
        this.scores = ScoreService.fromIndex(connection, ScoringParameters.loadDefault(), false);
        this.day = day;
        this.clock = clock;
    }

    @Scheduled(cron = "${tessera.risk.rescore-cron:0 30 2 * * *}")
    public void nightly() {
        run();
    }

    /** Rescores every child a hit reaches as of the risk day; the job record says how it went. */
    public RescoreResult run() {
        LocalDate asOf = day.today();
        JobRecorder job = new JobRecorder(connection, clock, "rescore-" + asOf + "-" + UUID.randomUUID().toString().substring(0, 8),
                "rescore", "as of " + asOf, 2000);
        try {
            RescoreResult result = scores.rescoreAll(asOf);
            connection.refresh(connection.alias("persons"));
            job.count("children", result.scored());
            job.count("written", result.written());
            job.count("failures", result.failures().size());
            result.failures().forEach(failure -> job.warning());
            job.finish(result.written() + " of " + result.scored() + " children rescored as of " + asOf);
            log.info("Nightly rescore as of {}: {} children, {} written, {} failures", asOf, result.scored(), result.written(),
                    result.failures().size());
            return result;
        } catch (RuntimeException e) {
            job.fail(e.getMessage());
            throw e;
        }
    }
}

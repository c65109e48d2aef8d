package org.tessera.indexer.ingest.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.PersonsStage.PersonsWritten;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Stage 5, withdraw (timed as "stale"): for each source of the run whose delivery is complete
 * evidence ({@link WithdrawalPolicy}), the events and persons it no longer produces are withdrawn
 * ({@link Withdrawals}), and the feed store follows the index (a complete snapshot's absent records
 * and a delta's tombstoned ones leave it). A source held back is warned about with its reason;
 * nothing is withdrawn when any of the run's documents was refused. Off when the settings say so.
 */
final class WithdrawStage {

    private static final Logger log = LoggerFactory.getLogger(WithdrawStage.class);

    private final OpenSearchConnection connection;
    private final IngestSettings settings;
    private final FeedStore store;
    private final Clock clock;
    private final JobRecorder job;
    private final String jobId;

    WithdrawStage(OpenSearchConnection connection, IngestSettings settings, FeedStore store, Clock clock, JobRecorder job,
                  String jobId) {
        this.connection = connection;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.job = job;
        this.jobId = jobId;
    }

    /** The decision for each source of the run's events (none when withdrawal is off). */
    List<WithdrawalPolicy.Decision> withdraw(Gathered gathered, FeedRun feed, EventsWritten events, PersonsWritten persons) {
        List<WithdrawalPolicy.Decision> decisions = new ArrayList<>();
        if (!settings.deleteStale()) {
            return decisions;
        }
        Map<String, SourceDelivery> deliveries = gathered.delivered().deliveries();
        for (String source : events.sources()) {
            decisions.add(settings.withdrawal().decide(deliveries.getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0))));
        }
        Set<String> withdrawable = new TreeSet<>();
        Set<String> heldBack = new TreeSet<>();
        decisions.forEach(d -> (d.withdraw() ? withdrawable : heldBack).add(d.source()));
        long kept = withdrawable.stream().mapToLong(source -> events.producedPerSource().getOrDefault(source, 0L)).sum();
        boolean allStored = persons.allStored();
        Withdrawals withdrawals = new Withdrawals(connection, jobId, clock);
        job.count("withdrawn_events", withdrawals.withdrawEvents(withdrawable, events.producedEvents(), kept, allStored));
        job.count("withdrawn_persons", withdrawals.withdrawPersons(withdrawable, heldBack, persons.producedPersons(), allStored));
        job.count("withdrawal_held_back", heldBack.size());
        for (WithdrawalPolicy.Decision decision : decisions) {
            if (!decision.withdraw()) {
                job.warning();
                log.warn("Withdrawal held back for source {}: {}", decision.source(), decision.reason());
            }
        }
        if (allStored) {
            for (WithdrawalPolicy.Decision decision : decisions) {
                if (!decision.withdraw()) {
                    continue;
                }
                if (gathered.deliveredWhole().contains(decision.source())) {
                    Set<String> absent = store.eventIds(decision.source());
                    absent.removeAll(events.producedEvents());
                    store.remove(absent);
                } else {
                    store.remove(feed.tombstoned(decision.source()));
                }
            }
        }
        return decisions;
    }
}

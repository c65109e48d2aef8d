package org.tessera.indexer.ingest.pipeline;

import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.PersonsStage.PersonsWritten;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Stage 6, rescore: hands scoring what the run wrote ({@link IngestPipeline.Scoring#afterIngest}):
 * whether the {@code events} index holds exactly this run's events (every write stored and nothing
 * else left, so what the batch stages saw of the events is all there is) and which children were
 * scored with their person documents, and what the run changed beyond the events (withdrawals,
 * a full re-link).
 */
final class RescoreStage {

    private final OpenSearchConnection connection;
    private final IngestPipeline.Scoring scoring;
    private final JobRecorder job;

    RescoreStage(OpenSearchConnection connection, IngestPipeline.Scoring scoring, JobRecorder job) {
        this.connection = connection;
        this.scoring = scoring;
        this.job = job;
    }

    /** @param changed what the run changed beyond the events its batch stages saw */
    void rescore(EventsWritten events, PersonsWritten persons, IngestPipeline.Changed changed) {
        boolean eventsComplete = persons.allStored() && connection.count("events") == events.producedEvents().size();
        // 1 when the index holds exactly this run's events (the rescore may then use what the stages saw)
        job.count("events_index_complete", eventsComplete ? 1 : 0);
        // the stages' views are whole for the reach only when every write of the run was stored
        scoring.afterIngest(new IngestPipeline.Written(eventsComplete, persons.scoredWithPersons(), changed, events.producedEvents(),
                persons.rewrittenChildren(), persons.allStored() ? events.reach() : null));
    }
}

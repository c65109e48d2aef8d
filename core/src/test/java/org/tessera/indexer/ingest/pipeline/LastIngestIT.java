package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;

/**
 * Whether the ingest before a run finished is told by the order the runs wrote in, not by their clocks
 * (issue 19): a clock set back between runs must neither make a run distrust a county a finished run
 * mended, nor trust one a killed run left half-written. The jobs' {@code started_at} order did both.
 */
@ExtendWith(OpenSearchExtension.class)
class LastIngestIT {

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @BeforeEach
    void noJobs(OpenSearchConnection connection) {
        ObjectNode all = EngineJson.object();
        all.putObject("query").putObject("match_all");
        connection.refresh(connection.alias("jobs"));   // the last test's documents, as last written
        connection.call("POST", "/" + connection.alias("jobs") + "/_delete_by_query", all, Map.of("refresh", "true", "conflicts", "proceed"));
        assertThat(connection.count("jobs")).as("no job left").isZero();
    }

    @Test
    void aRunAfterTheRunThatMendedAKilledOneTrustsTheIndexThoughTheKilledRunStartedLaterByItsClock(OpenSearchConnection connection) {
        // killed (its process ended without a word) on a clock an hour ahead
        JobRecorder killed = start(connection, "ingest-killed", T.plus(Duration.ofHours(1)));
        assertThat(LastIngest.follow(connection, "ingest-killed")).as("the first run follows none").isTrue();
        killed.close();
        // the clock set back: the next run follows the killed one, takes the whole path and finishes
        JobRecorder mending = start(connection, "ingest-mending", T);
        assertThat(LastIngest.follow(connection, "ingest-mending")).as("after the killed run").isFalse();
        mending.finish("mended");
        JobRecorder next = start(connection, "ingest-next", T.plus(Duration.ofMinutes(10)));
        assertThat(LastIngest.follow(connection, "ingest-next")).as("after the run that mended it, started earlier by the clock "
                + "than the killed one").isTrue();
        next.finish("done");
    }

    @Test
    void aRunAfterAKilledRunDistrustsTheIndexThoughAFinishedRunStartedLaterByItsClock(OpenSearchConnection connection) {
        JobRecorder finished = start(connection, "ingest-finished", T.plus(Duration.ofHours(1)));
        assertThat(LastIngest.follow(connection, "ingest-finished")).isTrue();
        finished.finish("done");
        // the clock set back: this run is killed half-way
        JobRecorder killed = start(connection, "ingest-killed", T);
        assertThat(LastIngest.follow(connection, "ingest-killed")).as("after the finished run").isTrue();
        killed.close();
        JobRecorder next = start(connection, "ingest-next", T.plus(Duration.ofMinutes(10)));
        assertThat(LastIngest.follow(connection, "ingest-next")).as("after the killed run, though the finished one started later "
                + "by the clock").isFalse();
        next.close();
    }

    @Test
    void aRunRefusedByItsReachGivesTheNameBackSoTheNextRunFollowsTheFinishedOneBeforeIt(OpenSearchConnection connection) {
        JobRecorder finished = start(connection, "ingest-finished", T);
        assertThat(LastIngest.follow(connection, "ingest-finished")).isTrue();
        finished.finish("done");
        // past its gate, named, then refused in its link stage having written nothing (ADR 0057)
        JobRecorder refused = start(connection, "ingest-refused", T.plus(Duration.ofMinutes(5)));
        LastIngest.Named named = LastIngest.name(connection, "ingest-refused");
        assertThat(named.previousEnded()).isTrue();
        refused.refuse("day refused by the linkage's reach");
        named.withdraw(connection);
        JobRecorder next = start(connection, "ingest-next", T.plus(Duration.ofMinutes(10)));
        assertThat(LastIngest.follow(connection, "ingest-next")).as("after the refused run: the finished run before it").isTrue();
        next.finish("done");
        // without giving the name back, the refused run (not finished) would be followed
        JobRecorder refusedAgain = start(connection, "ingest-refused-2", T.plus(Duration.ofMinutes(15)));
        LastIngest.name(connection, "ingest-refused-2");
        refusedAgain.refuse("day refused by the linkage's reach");
        assertThat(LastIngest.follow(connection, "ingest-after")).isFalse();
    }

    @Test
    void theFirstRunRefusedByItsReachLeavesNoNameSoTheNextRunReadsTheClocksAsBefore(OpenSearchConnection connection) {
        JobRecorder finished = start(connection, "ingest-old", T);
        finished.finish("done");
        JobRecorder refused = start(connection, "ingest-refused", T.plus(Duration.ofMinutes(5)));
        LastIngest.Named named = LastIngest.name(connection, "ingest-refused");
        refused.refuse("day refused by the linkage's reach");
        named.withdraw(connection);
        assertThat(connection.get(connection.alias("jobs"), LastIngest.ID)).as("no name, as before the refused run").isEmpty();
        assertThat(LastIngest.follow(connection, "ingest-next")).as("the newest by the clock not refused: finished").isTrue();
    }

    @Test
    void aRunThatEndedWithErrorsOrFailedIsNotTrusted(OpenSearchConnection connection) {
        JobRecorder quarantined = start(connection, "ingest-quarantined", T);
        LastIngest.follow(connection, "ingest-quarantined");
        quarantined.quarantine(new org.tessera.indexer.jobs.QuarantineEntry("f.csv", 2, null, "bad row", null));
        quarantined.finish("done");
        JobRecorder failing = start(connection, "ingest-failing", T.plus(Duration.ofMinutes(1)));
        assertThat(LastIngest.follow(connection, "ingest-failing")).as("after one finished with errors").isFalse();
        failing.fail("engine gone");
        JobRecorder next = start(connection, "ingest-next", T.plus(Duration.ofMinutes(2)));
        assertThat(LastIngest.follow(connection, "ingest-next")).as("after a failed one").isFalse();
        next.close();
    }

    @Test
    void anIndexFromBeforeAnyRunNamedItselfIsReadByTheClockOnceThenByTheRuns(OpenSearchConnection connection) {
        // two runs of an older version (they named nobody): the newer by its clock was killed
        start(connection, "ingest-old-finished", T).finish("done");
        start(connection, "ingest-old-killed", T.plus(Duration.ofMinutes(5))).close();
        assertThat(LastIngest.previousEnded(connection, "ingest-first")).as("the newest by the clock was killed").isFalse();
        JobRecorder first = start(connection, "ingest-first", T.plus(Duration.ofMinutes(10)));
        assertThat(LastIngest.follow(connection, "ingest-first")).isFalse();
        first.finish("mended");
        // from now on the runs tell it: a later clock of the older killed run no longer matters
        start(connection, "ingest-old-late", T.plus(Duration.ofHours(2))).close();
        assertThat(LastIngest.previousEnded(connection, "ingest-second")).as("the run that named itself last finished").isTrue();
    }

    private static JobRecorder start(OpenSearchConnection connection, String jobId, Instant at) {
        return new JobRecorder(connection, Clock.fixed(at, ZoneOffset.UTC), jobId, "ingest", "test", 0);
    }
}

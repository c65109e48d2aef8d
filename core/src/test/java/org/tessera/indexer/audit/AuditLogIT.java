package org.tessera.indexer.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

@ExtendWith(OpenSearchExtension.class)
class AuditLogIT {

    private static AuditRecord.Entry search(String user, String text) {
        return new AuditRecord.Entry(user, List.of("PRACTITIONER"), "search", "ok", null, text, null, null, "127.0.0.1");
    }

    @Test
    void twoWritersInterleavingStillBuildOneUnbrokenChainAndAnAlterationIsFound(TestOpenSearch test, @TempDir Path dir) throws Exception {
        OpenSearchConnection connection = test.connection();
        clear(connection);
        AuditAnchor anchor = anchor(dir);
        // Two instances on one index (two portals): their batches collide on sequences, and a batch's
        // records after the collision are removed again and sealed on the chain's true end.
        AuditLog first = new AuditLog(connection, Clock.systemUTC(), anchor);
        AuditLog second = new AuditLog(connection, Clock.systemUTC(), anchor);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<AuditRecord>> writes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            AuditLog log = i % 2 == 0 ? first : second;
            int n = i;
            writes.add(pool.submit(() -> log.append(search("user" + (n % 3), "query " + n))));
        }
        Set<Long> sequences = new HashSet<>();
        for (Future<AuditRecord> write : writes) {
            sequences.add(write.get().sequence());
        }
        pool.shutdown();
        test.refresh();

        AuditVerification intact = first.verify();
        assertThat(intact.intact()).as(intact.problem()).isTrue();
        assertThat(intact.records()).isEqualTo(120);
        assertThat(sequences).hasSize(120);
        assertThat(queries(first)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 120).mapToObj(n -> "query " + n).toList());

        AuditRecord twelfth = AuditLog.fromJson(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(connection.raw("GET", "/" + connection.alias("audit") + "/_source/12", null).body()));
        String altered = AuditLog.toJson(twelfth).put("user", "nobody").toString();
        assertThat(connection.raw("PUT", "/" + connection.alias("audit") + "/_doc/12", altered, Map.of("refresh", "true")).ok()).isTrue();
        AuditVerification broken = second.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(12);
    }

    @Test
    void concurrentAppendsAreWrittenInBatchesAndEveryEntryIsOnTheChainInEachCallersOrder(TestOpenSearch test, @TempDir Path dir) throws Exception {
        OpenSearchConnection connection = test.connection();
        clear(connection);
        AuditLog log = new AuditLog(connection, Clock.systemUTC(), anchor(dir));
        int threads = 24;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AuditRecord>>> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int caller = t;
            callers.add(pool.submit(() -> {
                start.await();
                List<AuditRecord> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    AuditRecord record = log.append(search("user" + caller, caller + ":" + i));
                    // Stored before append returns: a real-time read finds it with its seal.
                    assertThat(connection.get(connection.alias("audit"), String.valueOf(record.sequence())))
                            .hasValueSatisfying(stored -> assertThat(stored.path("hash").asText()).isEqualTo(record.hash()));
                    mine.add(record);
                }
                return mine;
            }));
        }
        start.countDown();
        for (Future<List<AuditRecord>> caller : callers) {
            List<AuditRecord> mine = caller.get();
            // each caller's entries are on the chain in the order it appended them
            assertThat(mine).extracting(AuditRecord::sequence).isSorted();
            assertThat(mine).extracting(AuditRecord::query).containsExactlyElementsOf(
                    IntStream.range(0, each).mapToObj(i -> mine.getFirst().user().substring(4) + ":" + i).toList());
        }
        pool.shutdown();
        test.refresh();

        AuditVerification intact = log.verify();
        assertThat(intact.intact()).as(intact.problem()).isTrue();
        assertThat(intact.records()).isEqualTo(threads * each);
        assertThat(queries(log)).hasSize(threads * each).doesNotHaveDuplicates();
        // Group commit: callers that arrived while a batch was written went out together.
        assertThat(log.batches()).isLessThan(threads * each);
        assertThat(anchor(dir).checkpoint().read()).hasValueSatisfying(head -> assertThat(head.sequence()).isEqualTo(threads * each));
    }

    @Test
    void aBatchThatMeetsAnotherWritersRecordRemovesWhatItStoredAfterItAndSealsTheRestOnTheTrueEnd(TestOpenSearch test, @TempDir Path dir) {
        OpenSearchConnection connection = test.connection();
        clear(connection);
        AuditAnchor anchor = anchor(dir);
        AuditLog first = new AuditLog(connection, Clock.systemUTC(), anchor);
        AuditLog second = new AuditLog(connection, Clock.systemUTC(), anchor);
        first.append(search("duty1", "one"));
        second.append(search("duty2", "two")); // record 2: the first log still believes its chain ends at 1

        // Sealed at 2, 3, 4: 2 is refused, 3 and 4 are stored on a record 2 that is not and must go again.
        List<AuditRecord> three = first.appendAll(List.of(search("duty1", "a"), search("duty1", "b"), search("duty1", "c")));
        assertThat(three).extracting(AuditRecord::sequence).containsExactly(3L, 4L, 5L);
        assertThat(three.getFirst().previousHash()).isEqualTo(AuditLog.fromJson(
                connection.get(connection.alias("audit"), "2").orElseThrow()).hash());
        test.refresh();
        AuditVerification intact = first.verify();
        assertThat(intact.intact()).as(intact.problem()).isTrue();
        assertThat(intact.records()).isEqualTo(5);
        assertThat(queries(first)).containsExactly("one", "two", "a", "b", "c");
    }

    @Test
    void aRecordThatDoesNotFollowItsPredecessorIsNeverBuiltOnAndTheAppendWaitsForItsRemoval(TestOpenSearch test, @TempDir Path dir) throws Exception {
        OpenSearchConnection connection = test.connection();
        clear(connection);
        AuditAnchor anchor = anchor(dir);
        AuditRecord one = new AuditLog(connection, Clock.systemUTC(), anchor).append(search("duty1", "one"));
        // Another writer's half-stored batch: record 2 sealed on a record 1 that is not the stored one.
        AuditRecord orphan = AuditRecord.seal(2, java.time.Instant.now(), search("duty2", "orphan"), "f".repeat(64), anchor.key());
        String audit = connection.alias("audit");
        assertThat(connection.create(audit, "2", AuditLog.toJson(orphan))).isTrue();

        AuditLog log = new AuditLog(connection, Clock.systemUTC(), anchor);
        assertThatThrownBy(() -> log.append(search("duty3", "refused"))).hasMessageContaining("does not follow record 1");

        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<AuditRecord> waiting = pool.submit(() -> log.append(search("duty3", "after")));
        Thread.sleep(500);
        assertThat(waiting).isNotDone();
        connection.raw("DELETE", "/" + audit + "/_doc/2", null, Map.of("refresh", "true"));
        AuditRecord after = waiting.get();
        pool.shutdown();
        assertThat(after.sequence()).isEqualTo(2);
        assertThat(after.previousHash()).isEqualTo(one.hash());
        test.refresh();
        assertThat(log.verify().intact()).isTrue();
    }

    private static List<String> queries(AuditLog log) {
        List<String> queries = new ArrayList<>();
        log.all().forEachRemaining(record -> queries.add(record.query()));
        return queries;
    }

    private static AuditAnchor anchor(Path dir) {
        return AuditAnchor.forWriter(org.tessera.indexer.config.SettingsSource.of(Map.of(
                "tessera.audit.key-file", dir.resolve("audit.key").toString())));
    }

    private static void clear(OpenSearchConnection connection) {
        connection.raw("POST", "/" + connection.alias("audit") + "/_delete_by_query", "{\"query\":{\"match_all\":{}}}",
                Map.of("refresh", "true", "conflicts", "proceed"));
    }

    @Test
    void defect8_auditVerifyCatchesDeletingTheLastRecords(TestOpenSearch test, @TempDir Path dir) {
        OpenSearchConnection connection = test.connection();
        clear(connection);
        AuditLog log = new AuditLog(connection, Clock.systemUTC(), anchor(dir));
        for (int i = 0; i < 6; i++) {
            log.append(search("duty1", "query " + i));
        }
        test.refresh();
        AuditLog verifier = new AuditLog(connection, Clock.systemUTC(), AuditAnchor.forVerifier(
                org.tessera.indexer.config.SettingsSource.of(Map.of("tessera.audit.key-file", dir.resolve("audit.key").toString()))));
        assertThat(verifier.verify().intact()).isTrue();

        for (int sequence : List.of(5, 6)) {
            assertThat(connection.raw("DELETE", "/" + connection.alias("audit") + "/_doc/" + sequence, null, Map.of("refresh", "true")).ok()).isTrue();
        }
        AuditVerification truncated = verifier.verify();
        assertThat(truncated.intact()).isFalse();
        assertThat(truncated.records()).isEqualTo(4);
        assertThat(truncated.problem()).contains("deleted from the end");
    }

    @Test
    void defect8_auditVerifyCatchesAChainReHashedWithPlainSha256(TestOpenSearch test, @TempDir Path dir) throws Exception {
        OpenSearchConnection connection = test.connection();
        clear(connection);
        AuditLog log = new AuditLog(connection, Clock.systemUTC(), anchor(dir));
        for (int i = 0; i < 4; i++) {
            log.append(search("duty1", "query " + i));
        }
        test.refresh();
        // The administrator rewrites every record's query and re-links the whole chain with SHA-256.
        var json = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        String previous = AuditHasher.GENESIS;
        for (int sequence = 1; sequence <= 4; sequence++) {
            AuditRecord stored = AuditLog.fromJson(json.readTree(
                    connection.raw("GET", "/" + connection.alias("audit") + "/_source/" + sequence, null).body()));
            AuditRecord forged = new AuditRecord(stored.sequence(), stored.timestamp(), stored.user(), stored.roles(), stored.action(),
                    stored.outcome(), null, "nothing to see", null, null, stored.clientAddress(), previous, null);
            forged = forged.withHash(AuditHasher.unkeyedHash(forged));
            previous = forged.hash();
            assertThat(connection.raw("PUT", "/" + connection.alias("audit") + "/_doc/" + sequence,
                    AuditLog.toJson(forged).toString(), Map.of("refresh", "true")).ok()).isTrue();
        }
        AuditVerification rewritten = log.verify();
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.brokenAt()).isEqualTo(1);
        assertThat(rewritten.problem()).contains("without the audit key");
    }
}

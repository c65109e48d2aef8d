package org.tessera.indexer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
        AuditLog first = new AuditLog(connection, Clock.systemUTC(), anchor);
        AuditLog second = new AuditLog(connection, Clock.systemUTC(), anchor);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<AuditRecord>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AuditLog log = i % 2 == 0 ? first : second;
            int n = i;
            writes.add(pool.submit(() -> log.append(search("user" + (n % 3), "query " + n))));
        }
        for (Future<AuditRecord> write : writes) {
            write.get();
        }
        pool.shutdown();
        test.refresh();

        AuditVerification intact = first.verify();
        assertThat(intact.intact()).as(intact.problem()).isTrue();
        assertThat(intact.records()).isEqualTo(40);

        AuditRecord twelfth = AuditLog.fromJson(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                .readTree(connection.raw("GET", "/" + connection.alias("audit") + "/_source/12", null).body()));
        String altered = AuditLog.toJson(twelfth).put("user", "nobody").toString();
        assertThat(connection.raw("PUT", "/" + connection.alias("audit") + "/_doc/12", altered, Map.of("refresh", "true")).ok()).isTrue();
        AuditVerification broken = second.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAt()).isEqualTo(12);
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

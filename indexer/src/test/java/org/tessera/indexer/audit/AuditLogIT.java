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
    void twoWritersInterleavingStillBuildOneUnbrokenChainAndAnAlterationIsFound(TestOpenSearch test) throws Exception {
        OpenSearchConnection connection = test.connection();
        AuditLog first = new AuditLog(connection, Clock.systemUTC());
        AuditLog second = new AuditLog(connection, Clock.systemUTC());
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
}

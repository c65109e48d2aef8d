package org.tessera.indexer.cli;

import org.tessera.indexer.audit.AuditAnchor;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.audit.AuditVerification;

import java.time.Clock;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import picocli.CommandLine.Command;

/** {@code tessera audit verify}: walk the audit chain and name the first broken link. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check the tamper-evident audit trail written by the portal.")
public final class AuditCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute every record's seal (HMAC with tessera.audit.key or tessera.audit.key-file) and link,",
                    "and compare the chain's end with the checkpoint (tessera.audit.checkpoint-file); exit 0 when intact, 3 when broken."})
    int verify() {
        try (OpenSearchConnection connection = options.openConnection()) {
            AuditVerification result = new AuditLog(connection, Clock.systemUTC(), AuditAnchor.forVerifier(options.settings())).verify();
            if (result.intact()) {
                System.out.println("audit trail intact: " + result.records() + " records");
                return 0;
            }
            System.out.println("audit trail BROKEN at sequence " + result.brokenAt() + ": " + result.problem());
            return 3;
        }
    }
}

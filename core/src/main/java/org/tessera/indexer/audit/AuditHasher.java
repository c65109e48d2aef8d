package org.tessera.indexer.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The chain's seal: HMAC-SHA256 under the {@link AuditKey} (held outside OpenSearch) over a canonical, unambiguous rendering of every field of a
 * record except {@code hash} itself (so including {@code previous_hash}). Each value is written
 * as its length and then its characters, so no choice of values can make two different records
 * render alike.
 */
public final class AuditHasher {

    /** The {@code previous_hash} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHasher() {
    }

    /** The seal of {@code record} under {@code key}: 64 hex characters. */
    public static String hash(AuditRecord record, AuditKey key) {
        return key.mac(canonical(record));
    }

    /**
     * Plain SHA-256 of the same rendering: what the chain used before it was keyed, kept only so
     * that tests can forge a chain the way a tampering administrator without the key would.
     */
    static String unkeyedHash(AuditRecord record) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(record).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String canonical(AuditRecord record) {
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, "sequence", Long.toString(record.sequence()));
        field(canonical, "timestamp", record.timestamp().toString());
        field(canonical, "user", record.user());
        field(canonical, "roles", String.join("\u001f", List.copyOf(record.roles())));
        field(canonical, "action", record.action());
        field(canonical, "outcome", record.outcome());
        field(canonical, "target_person_id", record.targetPersonId());
        field(canonical, "query", record.query());
        field(canonical, "purpose", record.purpose());
        field(canonical, "detail", record.detail());
        field(canonical, "client_address", record.clientAddress());
        field(canonical, "previous_hash", record.previousHash());
        return canonical.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':');
        if (value == null) {
            out.append('-');
        } else {
            out.append(value.length()).append(':').append(value);
        }
        out.append('\n');
    }
}

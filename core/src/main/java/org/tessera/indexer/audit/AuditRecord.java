package org.tessera.indexer.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of the append-only audit trail, as stored in the {@code audit} index.
 *
 * @param sequence       1, 2, 3 ... without gaps; also the document id
 * @param timestamp      when it happened (millisecond precision, so it survives a JSON round trip)
 * @param user           who did it ({@code anonymous} before sign-in)
 * @param roles          the user's roles at the time
 * @param action         what was done, e.g. {@code search}, {@code profile_view}, {@code login_failed}
 * @param outcome        {@code ok}, {@code denied} or {@code failed}
 * @param targetPersonId the child or adult concerned, or {@code null}
 * @param query          the search text, or {@code null}
 * @param purpose        the purpose the user stated, or {@code null}
 * @param detail         anything else worth keeping (never case-note text), or {@code null}
 * @param clientAddress  the caller's address, or {@code null}
 * @param previousHash   {@link AuditHasher#GENESIS} for the first record, else the previous record's hash
 * @param hash           HMAC-SHA256 (under the {@link AuditKey}) over this record's content and {@code previousHash}
 */
public record AuditRecord(long sequence, Instant timestamp, String user, List<String> roles, String action,
                          String outcome, String targetPersonId, String query, String purpose, String detail,
                          String clientAddress, String previousHash, String hash) {

    public AuditRecord {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        Objects.requireNonNull(timestamp, "timestamp");
        timestamp = Instant.ofEpochMilli(timestamp.toEpochMilli());
        Objects.requireNonNull(user, "user");
        roles = roles == null ? List.of() : List.copyOf(roles);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(previousHash, "previousHash");
    }

    /** What a caller wants recorded; the log adds sequence, hashes and time. */
    public record Entry(String user, List<String> roles, String action, String outcome, String targetPersonId,
                       String query, String purpose, String detail, String clientAddress) {
        public Entry {
            user = user == null || user.isBlank() ? "anonymous" : user;
            roles = roles == null ? List.of() : List.copyOf(roles);
            Objects.requireNonNull(action, "action");
            outcome = outcome == null ? "ok" : outcome;
        }
    }

    /** The record sealed onto a chain after {@code previousHash}. */
    public static AuditRecord seal(long sequence, Instant timestamp, Entry entry, String previousHash, AuditKey key) {
        AuditRecord unsealed = new AuditRecord(sequence, timestamp, entry.user(), entry.roles(), entry.action(),
                entry.outcome(), entry.targetPersonId(), entry.query(), entry.purpose(), entry.detail(),
                entry.clientAddress(), previousHash, null);
        return unsealed.withHash(AuditHasher.hash(unsealed, key));
    }

    public AuditRecord withHash(String newHash) {
        return new AuditRecord(sequence, timestamp, user, roles, action, outcome, targetPersonId, query, purpose,
                detail, clientAddress, previousHash, newHash);
    }
}

package org.tessera.portal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;
import org.tessera.indexer.audit.AuditAnchor;
import org.tessera.indexer.audit.AuditLog;
import org.tessera.indexer.audit.AuditRecord;
import org.tessera.indexer.audit.AuditVerification;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.common.Beside;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * The portal's side of the audit trail: every read of personal data ({@link AuditedRead}), sign-in
 * and refused access is appended to the keyed chain of {@link AuditLog} before the user sees
 * anything, so a failure to audit is a failure of the action. Thread-safe (the log serialises appends).
 */
@Service
public class AuditTrail {

    /** Action names as stored in the {@code action} field. */
    public static final String SEARCH = "search";
    public static final String PROFILE_VIEW = "profile_view";
    public static final String CHRONOLOGY_VIEW = "chronology_view";
    public static final String EXPORT = "export";
    public static final String LOGIN_FAILED = "login_failed";
    public static final String LOGIN = "login";
    public static final String ACCESS_DENIED = "access_denied";
    public static final String WATCHLIST_VIEW = "watchlist_view";
    public static final String REVIEW = "watchlist_review";
    public static final String INDICATOR_CHANGE = "indicator_change";
    public static final String LINK_DECISION = "link_decision";
    public static final String REFERRAL_REVIEW_VIEW = "referral_review_view";
    public static final String MASH_DECISION = "mash_decision";
    /** Personal data leaving the portal for a named purpose (the strategy pack). */
    public static final String DISCLOSURE = "disclosure";
    /** Records sent through the REST endpoint for a named source. */
    public static final String ARRIVAL = "arrival";
    /** Alerts: a child entered or rose on the watchlist (system), shown or mailed to a user, opened by a user. */
    public static final String ALERT_CREATED = "alert_created";
    public static final String ALERT_DELIVERED = "alert_delivered";
    public static final String ALERT_MAILED = "alert_mailed";
    public static final String ALERT_VIEW = "alert_view";
    public static final String ALERT_SUBSCRIPTION = "alert_subscription";

    private final AuditLog log;
    /** Nanoseconds this thread spent appending (waiting for the chain's lock included), for Server-Timing. */
    private static final ThreadLocal<long[]> APPENDING = ThreadLocal.withInitial(() -> new long[1]);

    /** The time the calling thread has spent in audit appends so far (waiting for the chain included), in nanoseconds. */
    public static long appendNanos() {
        return APPENDING.get()[0];
    }

    private AuditRecord append(AuditRecord.Entry entry) {
        long start = System.nanoTime();
        try {
            return log.append(entry);
        } finally {
            APPENDING.get()[0] += System.nanoTime() - start;
        }
    }

    public AuditTrail(OpenSearchConnection connection, Clock clock, AuditAnchor anchor) {
        this.log = new AuditLog(connection, clock, anchor);
    }

    /**
     * An append started on another thread ({@link #begin}): the read it audits runs meanwhile, and
     * {@link #await} returns the stored record (or throws what the append threw) before the answer
     * leaves the portal.
     */
    public static final class Pending {
        private final CompletableFuture<AuditRecord> record;

        private Pending(CompletableFuture<AuditRecord> record) {
            this.record = record;
        }

        /** The stored record, once stored; the time this thread waits for it counts as audit time ({@link #appendNanos}). */
        public AuditRecord await() {
            long start = System.nanoTime();
            try {
                return record.join();
            } catch (CompletionException e) {
                throw Beside.rethrown(e);
            } finally {
                APPENDING.get()[0] += System.nanoTime() - start;
            }
        }
    }

    /**
     * Starts recording an action of the signed-in user (the entry is taken now, on this thread) and
     * returns at once; the caller must {@link Pending#await} it before it answers (ADR 0033).
     */
    public Pending begin(String action, String targetPersonId, String query, String purpose, String detail) {
        AuditRecord.Entry entry = new AuditRecord.Entry(CurrentUser.name(), CurrentUser.roles(), action, "ok", targetPersonId,
                query, purpose, detail, CurrentUser.address());
        return new Pending(CompletableFuture.supplyAsync(() -> log.append(entry), APPENDERS));
    }

    /** Appends started by {@link #begin}: a virtual thread each (they wait on the chain's writer and the engine). */
    private static final Executor APPENDERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("audit-append-", 0).factory());

    /** Records an action of the signed-in user. */
    public AuditRecord record(String action, String targetPersonId, String query, String purpose, String detail) {
        return append(new AuditRecord.Entry(CurrentUser.name(), CurrentUser.roles(), action, "ok", targetPersonId,
                query, purpose, detail, CurrentUser.address()));
    }

    /**
     * Records an action done for {@code user} away from their request (an alert pushed to their open
     * page or mailed to them, or one the system created: user {@code tessera}).
     */
    public AuditRecord recordFor(String user, List<String> roles, String action, String targetPersonId, String detail) {
        return append(new AuditRecord.Entry(user, roles, action, "ok", targetPersonId, null, null, detail, null));
    }

    /** Records a security event (sign-in, failure, refusal) on behalf of {@code user}, who may not be signed in. */
    public AuditRecord refusal(String user, List<String> roles, String action, String outcome, String detail, String address) {
        return append(new AuditRecord.Entry(user, roles, action, outcome, null, null, null, detail, address));
    }

    @RolesAllowed(Roles.AUDITOR)
    public List<AuditRecord> recent(int from, int size, String user, String action, String personId) {
        return log.recent(from, size, user, action, personId);
    }

    @RolesAllowed(Roles.AUDITOR)
    public AuditVerification verify() {
        return log.verify();
    }

    /**
     * The search for when the signed-in user last did {@code action} (their two latest records), for a
     * page to send with its own searches in one {@code _msearch}; read its answer with {@link #lastTimeFrom}.
     * For "new since last visit".
     */
    public OpenSearchConnection.Search lastTimeSearch(String action) {
        return log.recentSearch(0, 2, CurrentUser.name(), action, null);
    }

    /**
     * When the signed-in user last did the action of {@link #lastTimeSearch} before the read in
     * progress on this thread: the search may have found the read's own record (sent while it was
     * being written), which is skipped. Waits for that record to be stored, so a page calls it last,
     * when the record is due anyway (ADR 0033): the append runs beside the page's whole read.
     */
    public Optional<Instant> lastTimeFrom(JsonNode answer) {
        List<AuditRecord> latest = AuditLog.recentFrom(answer);
        AuditRecord now = AuditedReadInterceptor.current();
        return latest.stream().filter(r -> now == null || r.sequence() < now.sequence()).findFirst().map(AuditRecord::timestamp);
    }
}

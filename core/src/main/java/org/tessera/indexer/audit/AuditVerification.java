package org.tessera.indexer.audit;

/**
 * Result of walking the chain.
 *
 * @param records     how many records were checked
 * @param intact      true when every link held
 * @param brokenAt    sequence of the first record that fails, or -1
 * @param problem     what is wrong with it, or {@code null}
 */
public record AuditVerification(long records, boolean intact, long brokenAt, String problem) {

    public static AuditVerification ok(long records) {
        return new AuditVerification(records, true, -1, null);
    }

    public static AuditVerification broken(long records, long at, String problem) {
        return new AuditVerification(records, false, at, problem);
    }
}

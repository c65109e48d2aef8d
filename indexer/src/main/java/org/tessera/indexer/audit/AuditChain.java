package org.tessera.indexer.audit;

import java.util.Iterator;

/** Pure chain rules, shared by the writer and the verifier. */
public final class AuditChain {

    private AuditChain() {
    }

    /**
     * Walks records in sequence order and reports the first one whose sequence, link or hash does
     * not hold. A record that was altered shows as a hash mismatch; one that was deleted or
     * inserted shows as a gap in the sequence or a broken link.
     */
    public static AuditVerification verify(Iterator<AuditRecord> inSequenceOrder) {
        long expectedSequence = 1;
        String previousHash = AuditHasher.GENESIS;
        long checked = 0;
        while (inSequenceOrder.hasNext()) {
            AuditRecord record = inSequenceOrder.next();
            checked++;
            if (record.sequence() != expectedSequence) {
                return AuditVerification.broken(checked, record.sequence(),
                        "expected sequence " + expectedSequence + " but found " + record.sequence() + " (a record is missing or was inserted)");
            }
            if (!previousHash.equals(record.previousHash())) {
                return AuditVerification.broken(checked, record.sequence(),
                        "previous_hash does not match the hash of record " + (expectedSequence - 1));
            }
            String recomputed = AuditHasher.hash(record);
            if (!recomputed.equals(record.hash())) {
                return AuditVerification.broken(checked, record.sequence(), "content does not match its hash (the record was altered)");
            }
            previousHash = record.hash();
            expectedSequence++;
        }
        return AuditVerification.ok(checked);
    }
}

package org.tessera.indexer.audit;

import java.util.Iterator;
import java.util.Optional;

/** Pure chain rules, shared by the writer and the verifier. */
public final class AuditChain {

    private AuditChain() {
    }

    /**
     * Walks records in sequence order and reports the first one whose sequence, link or seal does
     * not hold, then checks the chain against its anchored {@code head}. A record that was altered
     * shows as a seal mismatch (also when it was re-hashed without the key); one that was deleted or
     * inserted shows as a gap in the sequence or a broken link; records deleted from the end show as
     * a chain shorter than its checkpoint.
     */
    public static AuditVerification verify(Iterator<AuditRecord> inSequenceOrder, AuditKey key, Optional<AuditCheckpoint.Head> head) {
        String hashAtHead = null;
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
            String recomputed = AuditHasher.hash(record, key);
            if (!recomputed.equals(record.hash())) {
                return AuditVerification.broken(checked, record.sequence(),
                        "content does not match its seal (the record was altered, or re-hashed without the audit key)");
            }
            if (head.isPresent() && head.get().sequence() == record.sequence()) {
                hashAtHead = record.hash();
            }
            previousHash = record.hash();
            expectedSequence++;
        }
        if (head.isPresent()) {
            AuditCheckpoint.Head anchored = head.get();
            if (hashAtHead == null) {
                return AuditVerification.broken(checked, checked + 1, "the chain ends at record " + checked
                        + " but the checkpoint outside OpenSearch names record " + anchored.sequence() + " (records were deleted from the end)");
            }
            if (!hashAtHead.equals(anchored.hash())) {
                return AuditVerification.broken(checked, anchored.sequence(),
                        "record " + anchored.sequence() + " is not the one the checkpoint anchored (the chain was rewritten)");
            }
        }
        return AuditVerification.ok(checked);
    }
}

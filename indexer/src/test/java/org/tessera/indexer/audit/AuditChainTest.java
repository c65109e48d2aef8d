package org.tessera.indexer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static List<AuditRecord> chain(int length) {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditHasher.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditRecord record = AuditRecord.seal(i, Instant.parse("2026-01-01T10:00:00Z").plusSeconds(i),
                    new AuditRecord.Entry("duty1", List.of("DUTY_MANAGER"), "search", "ok", null, "smith " + i, null, null, "127.0.0.1"),
                    previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(AuditChain.verify(chain(5).iterator())).isEqualTo(AuditVerification.ok(5));
    }

    @Test
    void anAlteredQueryBreaksTheChainAtThatRecord() {
        List<AuditRecord> records = chain(5);
        AuditRecord original = records.get(2);
        records.set(2, new AuditRecord(original.sequence(), original.timestamp(), original.user(), original.roles(),
                original.action(), original.outcome(), original.targetPersonId(), "someone else", original.purpose(),
                original.detail(), original.clientAddress(), original.previousHash(), original.hash()));
        AuditVerification result = AuditChain.verify(records.iterator());
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(3);
        assertThat(result.problem()).contains("altered");
    }

    @Test
    void aRehashedAlterationStillBreaksTheNextLink() {
        List<AuditRecord> records = chain(5);
        AuditRecord original = records.get(1);
        AuditRecord forged = new AuditRecord(original.sequence(), original.timestamp(), "someone-else", original.roles(),
                original.action(), original.outcome(), null, original.query(), null, null, null, original.previousHash(), null);
        records.set(1, forged.withHash(AuditHasher.hash(forged)));
        AuditVerification result = AuditChain.verify(records.iterator());
        assertThat(result.brokenAt()).isEqualTo(3);
        assertThat(result.problem()).contains("previous_hash");
    }

    @Test
    void aDeletedRecordShowsAsAGap() {
        List<AuditRecord> records = chain(4);
        records.remove(1);
        AuditVerification result = AuditChain.verify(records.iterator());
        assertThat(result.brokenAt()).isEqualTo(3);
        assertThat(result.problem()).contains("expected sequence 2");
    }

    @Test
    void hashesAreUnambiguousAcrossFieldBoundaries() {
        AuditRecord a = AuditRecord.seal(1, Instant.EPOCH, new AuditRecord.Entry("ab", List.of(), "x", "ok", null, "c", null, null, null), AuditHasher.GENESIS);
        AuditRecord b = AuditRecord.seal(1, Instant.EPOCH, new AuditRecord.Entry("a", List.of(), "x", "ok", null, "bc", null, null, null), AuditHasher.GENESIS);
        assertThat(a.hash()).isNotEqualTo(b.hash()).hasSize(64);
    }
}

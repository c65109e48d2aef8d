package org.tessera.indexer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final AuditKey KEY = AuditKey.of("test-key-of-at-least-thirty-two-characters");

    private static List<AuditRecord> chain(int length) {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditHasher.GENESIS;
        for (int i = 1; i <= length; i++) {
            AuditRecord record = AuditRecord.seal(i, Instant.parse("2026-01-01T10:00:00Z").plusSeconds(i),
                    new AuditRecord.Entry("duty1", List.of("DUTY_MANAGER"), "search", "ok", null, "smith " + i, null, null, "127.0.0.1"),
                    previous, KEY);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    @Test
    void anUntouchedChainVerifies() {
        assertThat(AuditChain.verify(chain(5).iterator(), KEY, Optional.empty())).isEqualTo(AuditVerification.ok(5));
    }

    @Test
    void anAlteredQueryBreaksTheChainAtThatRecord() {
        List<AuditRecord> records = chain(5);
        AuditRecord original = records.get(2);
        records.set(2, new AuditRecord(original.sequence(), original.timestamp(), original.user(), original.roles(),
                original.action(), original.outcome(), original.targetPersonId(), "someone else", original.purpose(),
                original.detail(), original.clientAddress(), original.previousHash(), original.hash()));
        AuditVerification result = AuditChain.verify(records.iterator(), KEY, Optional.empty());
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
        records.set(1, forged.withHash(AuditHasher.hash(forged, KEY)));
        AuditVerification result = AuditChain.verify(records.iterator(), KEY, Optional.empty());
        assertThat(result.brokenAt()).isEqualTo(3);
        assertThat(result.problem()).contains("previous_hash");
    }

    @Test
    void aDeletedRecordShowsAsAGap() {
        List<AuditRecord> records = chain(4);
        records.remove(1);
        AuditVerification result = AuditChain.verify(records.iterator(), KEY, Optional.empty());
        assertThat(result.brokenAt()).isEqualTo(3);
        assertThat(result.problem()).contains("expected sequence 2");
    }

    @Test
    void hashesAreUnambiguousAcrossFieldBoundaries() {
        AuditRecord a = AuditRecord.seal(1, Instant.EPOCH, new AuditRecord.Entry("ab", List.of(), "x", "ok", null, "c", null, null, null), AuditHasher.GENESIS, KEY);
        AuditRecord b = AuditRecord.seal(1, Instant.EPOCH, new AuditRecord.Entry("a", List.of(), "x", "ok", null, "bc", null, null, null), AuditHasher.GENESIS, KEY);
        assertThat(a.hash()).isNotEqualTo(b.hash()).hasSize(64);
    }

    @Test
    void defect8_aChainReHashedWithPlainSha256IsCaughtAtItsFirstRecord() {
        // What a tampering administrator without the key can do: rewrite every record and re-link it.
        List<AuditRecord> forged = new ArrayList<>();
        String previous = AuditHasher.GENESIS;
        for (AuditRecord original : chain(4)) {
            AuditRecord relinked = new AuditRecord(original.sequence(), original.timestamp(), original.user(), original.roles(),
                    original.action(), original.outcome(), original.targetPersonId(), "rewritten", original.purpose(),
                    original.detail(), original.clientAddress(), previous, null);
            relinked = relinked.withHash(AuditHasher.unkeyedHash(relinked));
            forged.add(relinked);
            previous = relinked.hash();
        }
        AuditVerification result = AuditChain.verify(forged.iterator(), KEY, Optional.empty());
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(1);
        assertThat(result.problem()).contains("without the audit key");
    }

    @Test
    void defect8_deletingTheLastRecordsIsCaughtByTheCheckpoint() {
        List<AuditRecord> records = chain(5);
        AuditCheckpoint.Head head = new AuditCheckpoint.Head(5, records.get(4).hash());
        assertThat(AuditChain.verify(records.iterator(), KEY, Optional.of(head)).intact()).isTrue();
        AuditVerification truncated = AuditChain.verify(records.subList(0, 3).iterator(), KEY, Optional.of(head));
        assertThat(truncated.intact()).isFalse();
        assertThat(truncated.problem()).contains("chain ends at record 3").contains("names record 5");
    }

    @Test
    void aCheckpointEditedWithoutTheKeyIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        AuditCheckpoint checkpoint = new AuditCheckpoint(dir.resolve("audit.checkpoint"), KEY);
        checkpoint.advance(7, "a".repeat(64));
        checkpoint.advance(3, "b".repeat(64));
        assertThat(checkpoint.read()).contains(new AuditCheckpoint.Head(7, "a".repeat(64)));
        java.nio.file.Files.writeString(checkpoint.file(), java.nio.file.Files.readString(checkpoint.file()).replaceFirst("^7 ", "2 "));
        org.assertj.core.api.Assertions.assertThatThrownBy(checkpoint::read).hasMessageContaining("not sealed with the audit key");
    }
}

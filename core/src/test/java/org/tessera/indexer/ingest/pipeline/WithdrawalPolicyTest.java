package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WithdrawalPolicyTest {

    private final WithdrawalPolicy policy = WithdrawalPolicy.defaults();

    @Test
    void aCompleteDeliveryMayWithdraw() {
        assertThat(policy.decide(new SourceDelivery("police", 950, 0, null, 1000)).withdraw()).isTrue();
    }

    @Test
    void aFileNotReadToTheEndWithdrawsNothingAndSaysWhere() {
        WithdrawalPolicy.Decision decision = policy.decide(
                new SourceDelivery("csc_contacts", 1000, 0, "csc_contacts.csv line 57: CSV syntax error", 1000));
        assertThat(decision.withdraw()).isFalse();
        assertThat(decision.reason()).contains("read to the end").contains("csc_contacts.csv line 57");
    }

    @Test
    void aQuarantinedRowWithdrawsNothing() {
        WithdrawalPolicy.Decision decision = policy.decide(new SourceDelivery("police", 999, 1, null, 1000));
        assertThat(decision.withdraw()).isFalse();
        assertThat(decision.reason()).contains("1 row could not be read");
    }

    @Test
    void aSharpFallWithdrawsNothingButASmallSourceLosingAFewRecordsDoes() {
        assertThat(policy.decide(new SourceDelivery("police", 700, 0, null, 1000)).reason())
                .contains("700 records against 1,000 stored").contains("30 %");
        assertThat(policy.decide(new SourceDelivery("police", 751, 0, null, 1000)).withdraw()).isTrue();
        assertThat(policy.decide(new SourceDelivery("tiny", 2, 0, null, 4)).withdraw())
                .as("a fall of two records is not sharp, whatever its share").isTrue();
        assertThat(policy.decide(new SourceDelivery("first", 5, 0, null, 0)).withdraw()).isTrue();
    }

    @Test
    void settingsOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new WithdrawalPolicy(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> new WithdrawalPolicy(0.2, -1)).hasMessageContaining("min-fall");
    }
}

package org.tessera.indexer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentilesUseNearestRankOverAllSamples() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int ms = 1; ms <= 2000; ms++) {
            recorder.record(ms * 1_000_000L);
        }
        recorder.error();

        LatencyRecorder.Summary summary = recorder.summary();

        assertThat(summary.count()).isEqualTo(2000);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.p50()).isEqualTo(1000.0);
        assertThat(summary.p95()).isEqualTo(1900.0);
        assertThat(summary.p99()).isEqualTo(1980.0);
        assertThat(summary.max()).isEqualTo(2000.0);
    }
}

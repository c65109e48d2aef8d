package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMeterTest {

    @Test
    void aMarkCountsOnlyItsOwnThreadsWorkAfterIt() throws Exception {
        EngineMeter meter = new EngineMeter();
        meter.request(100);
        EngineMeter.Mark mark = meter.mark();
        meter.request(250);
        meter.answered(EngineJson.MAPPER.readTree("{\"took\":7,\"hits\":{\"hits\":[{},{},{}]}}"));
        Thread other = new Thread(() -> meter.request(1_000));
        other.start();
        other.join();

        assertThat(mark.since()).isEqualTo(new EngineMeter.Work(1, 7, 3, 250));
        assertThat(meter.total()).isEqualTo(new EngineMeter.Work(3, 7, 3, 1_350));
    }

    @Test
    void msearchAndMgetAnswersCountTheirDocuments() throws Exception {
        EngineMeter meter = new EngineMeter();
        EngineMeter.Mark mark = meter.mark();
        meter.answered(EngineJson.MAPPER.readTree("{\"took\":5,\"responses\":[{\"took\":2,\"hits\":{\"hits\":[{}]}},{\"took\":3,\"hits\":{\"hits\":[{},{}]}}]}"));
        meter.answered(EngineJson.MAPPER.readTree("{\"docs\":[{\"found\":true},{\"found\":false}]}"));

        assertThat(mark.since().tookMillis()).isEqualTo(5);
        assertThat(mark.since().documents()).isEqualTo(5);
    }
}

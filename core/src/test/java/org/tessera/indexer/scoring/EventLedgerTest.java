package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventLedgerTest {

    /** A first load may take back a hit it wrote with an event (a wrong prediction): the ledger must forget it too. */
    @Test
    void hitsAttachedOrTakenBackAfterTheEventWasRecordedReplaceWhatWasRecorded() {
        List<ObjectNode> docs = ScoringBenchmark.generate(200, new Random(7));
        EventLedger ledger = new EventLedger(ScoringParameters.defaults());
        docs.forEach(ledger::record);
        int withHits = ledger.eventsWithHits();
        ObjectNode hit = docs.stream().filter(d -> !d.path("hits").isEmpty()).findFirst().orElseThrow().deepCopy();
        ObjectNode bare = docs.stream().filter(d -> d.path("hits").isEmpty()).findFirst().orElseThrow().deepCopy();
        assertThat(withHits).isGreaterThan(10);

        ObjectNode takenBack = hit.deepCopy();
        takenBack.putArray("hits");
        ledger.recordHits(takenBack);
        assertThat(ledger.eventsWithHits()).isEqualTo(withHits - 1);

        bare.set("hits", hit.get("hits").deepCopy());
        ledger.recordHits(bare);
        assertThat(ledger.eventsWithHits()).isEqualTo(withHits);
    }
}

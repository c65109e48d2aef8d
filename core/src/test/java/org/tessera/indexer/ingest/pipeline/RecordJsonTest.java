package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Location;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;

class RecordJsonTest {

    @Test
    void aRecordSurvivesTheFeedStoreExactly() {
        SourceRecord record = new SourceRecord("police_incidents", "INC-1", "police", "domestic_incident",
                PartialDate.of(LocalDateTime.of(2026, 5, 3, 21, 15)), "Domestic", "Shouting heard; child upstairs.",
                Map.of("dash_level", "medium", "child_present", "yes"), new Location("1 High St, Norwich", "NR1 1AA"),
                List.of(new InvolvedPerson("victim", "Kayleigh", "Jones", List.of("Kay Smith"), PartialDate.ofYearMonth(1990, 4), "F",
                                "1 High St", "NR1 1AA", Map.of("pnc", "12/345678A"), "Ms"),
                        new InvolvedPerson("subject", null, "Jones", List.of(), null, null, null, null, Map.of())),
                new Origin("police_incidents_2026.csv", 12, 13));
        assertThat(RecordJson.fromJson(RecordJson.toJson(record))).isEqualTo(record);
    }
}

package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Location;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.opensearch.EngineJson;

/** The feed store's document is serialised once, and its JSON and hash are those of the tree as before. */
class FeedStoreDocumentTest {

    private static final SourceRecord RECORD = new SourceRecord("police_incidents", "INC-1", "police", "domestic_incident",
            PartialDate.of(LocalDateTime.of(2026, 5, 3, 21, 15)), "Domestic", "Zoë said \"stop\"; child upstairs.\nمحمد was there \u2014 \t tab",
            Map.of("dash_level", "medium"), new Location("1 High St, Norwich", "NR1 1AA"),
            List.of(new InvolvedPerson("victim", "Zoë", "Jones", List.of("Kay Smith"), PartialDate.ofYearMonth(1990, 4), "F",
                    "1 High St", "NR1 1AA", Map.of("pnc", "12/345678A"), "Ms")),
            new Origin("police_incidents_2026.csv", 12, 13));

    @Test
    void theSplicedJsonIsTheJsonOfTheDocumentTree() throws Exception {
        ObjectNode note = EngineJson.object().put("file", "referral é.pdf").put("pages", 2);
        FeedStore.Stored stored = FeedStore.document(RECORD, "job-1", note);
        assertThat(new String(stored.json(), StandardCharsets.UTF_8))
                .isEqualTo(EngineJson.MAPPER.writeValueAsString(stored.document()));
        assertThat(EngineJson.MAPPER.readTree(stored.json()).path(RecordIndexFields.DOCUMENT_NOTE)).isEqualTo(note);
        assertThat(RecordJson.fromJson(EngineJson.MAPPER.readTree(stored.json()).path(RecordIndexFields.RECORD))).isEqualTo(RECORD);
    }

    @Test
    void withoutANoteTooAndTheHashIsTheOneStoredBefore() throws Exception {
        FeedStore.Stored stored = FeedStore.document(RECORD, "job-1", null);
        assertThat(new String(stored.json(), StandardCharsets.UTF_8))
                .isEqualTo(EngineJson.MAPPER.writeValueAsString(stored.document()));
        assertThat(stored.document().has(RecordIndexFields.DOCUMENT_NOTE)).isFalse();
        // the hash earlier versions stored (over the record's text): an unchanged record stays unchanged
        assertThat(stored.document().path(RecordIndexFields.CONTENT_HASH).asText())
                .isEqualTo(Ids.sha256Hex(RecordJson.toJson(RECORD).toString()).substring(0, 32));
    }
}

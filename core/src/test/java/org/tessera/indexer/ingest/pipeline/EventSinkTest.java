package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.ingest.Ids;

class EventSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INGESTED_AT = "2026-11-29T14:30:00.123456Z";

    private static ObjectNode event() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"event_id":"ev-1","text":"Mum’s partner \\"Jay\\" – shouted; café\\nnew line \\u0007","score":0.1,"big":1e21,
                 "codes":{"dash_level":"high"},"people":[{"person_id":"p1","is_child":true}],"hits":[],"empty":{}}""");
    }

    @Test
    void theStampedJsonIsWhatJacksonWritesForTheStampedDocument() throws Exception {
        ObjectNode event = event();
        String hashedOver = event.toString();

        byte[] stamped = EventSink.hashAndStamp(event, INGESTED_AT);

        assertThat(new String(stamped, StandardCharsets.UTF_8)).isEqualTo(new String(JSON.writeValueAsBytes(event), StandardCharsets.UTF_8));
        assertThat(event.path("content_hash").asText()).isEqualTo(Ids.sha256Hex(hashedOver));
        assertThat(event.path("ingested_at").asText()).isEqualTo(INGESTED_AT);
        assertThat(JSON.readTree(stamped)).isEqualTo(event);
    }

    @Test
    void aDocumentStampedBeforeIsRehashedWithoutItsOldStampsPosition() throws Exception {
        ObjectNode event = event();
        event.put("content_hash", "old");
        event.put("ingested_at", "then");
        event.put("later", 1);

        byte[] stamped = EventSink.hashAndStamp(event, INGESTED_AT);

        assertThat(stamped).isEqualTo(JSON.writeValueAsBytes(event));
        assertThat(event.path("ingested_at").asText()).isEqualTo(INGESTED_AT);
        assertThat(event.path("content_hash").asText()).isNotEqualTo("old");
    }
}

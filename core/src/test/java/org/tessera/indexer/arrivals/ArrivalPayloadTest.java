package org.tessera.indexer.arrivals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;

class ArrivalPayloadTest {

    private static final SourceMappings MAPPINGS = SourceMappings.loadAllFromClasspath("mappings/sources");

    @Test
    void jsonRecordsForACsvSourceBecomeItsCsvFileUnderANameTheSourceClaims(@TempDir Path dir) throws Exception {
        SourceMapping police = MAPPINGS.bySource("police_incidents").orElseThrow();
        byte[] body = "[{\"incident_ref\":\"INC-1\",\"narrative\":\"said \\\"no\\\", left\"},{\"incident_ref\":\"INC-2\",\"dash\":\"H\"}]"
                .getBytes(StandardCharsets.UTF_8);

        Arrival arrival = ArrivalPayload.write(police, "application/json", body, dir, "api:analyst");

        assertThat(arrival.source()).isEqualTo("police_incidents");
        assertThat(MAPPINGS.claimant(Path.of(arrival.fileName())).map(SourceMapping::source)).contains("police_incidents");
        assertThat(Files.readString(arrival.file())).isEqualTo("incident_ref,narrative,dash\r\nINC-1,\"said \"\"no\"\", left\",\r\nINC-2,,H\r\n");
    }

    @Test
    void emptyOrMalformedPayloadsAreRefusedWithTheReason(@TempDir Path dir) {
        SourceMapping assessments = MAPPINGS.bySource("csc_assessments").orElseThrow();
        assertThatThrownBy(() -> ArrivalPayload.write(assessments, "application/json", new byte[0], dir, "api:a")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ArrivalPayload.write(assessments, "application/json", "[]".getBytes(), dir, "api:a")).hasMessageContaining("no record");
        assertThatThrownBy(() -> ArrivalPayload.write(assessments, "application/json", "[1]".getBytes(), dir, "api:a")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> ArrivalPayload.write(assessments, "text/csv", "a,b".getBytes(), dir, "api:a")).hasMessageContaining("JSON Lines");
    }
}

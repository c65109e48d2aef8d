package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * The small county of the integration tests ({@code src/test/resources/scoring/county-slice-*.jsonl}):
 * c-many (many low/medium concerns across three agencies plus its mother's record), c-single (one
 * high concern months ago, and one after the as-of date), c-riser (one fresh medium concern),
 * c-moved (moved away from an adult whose later records must not reach it).
 */
public final class CountySlice {

    public static final LocalDate AS_OF = LocalDate.parse("2025-06-30");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CountySlice() {
    }

    public static void load(TestOpenSearch os) {
        index(os, "county-slice-events.jsonl", "events", "event_id");
        index(os, "county-slice-persons.jsonl", "persons", "person_id");
        os.refresh();
    }

    /** Indexes one more event document (the test states its JSON). */
    public static void addEvent(TestOpenSearch os, String json) {
        try {
            JsonNode doc = JSON.readTree(json);
            var response = os.connection().raw("PUT", "/" + os.alias("events") + "/_doc/" + doc.path("event_id").asText(), json,
                    Map.of("refresh", "true"));
            if (!response.ok()) {
                throw new IllegalStateException(response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void index(TestOpenSearch os, String file, String index, String idField) {
        StringBuilder bulk = new StringBuilder();
        try (InputStream in = CountySlice.class.getResourceAsStream("/scoring/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = JSON.readTree(line);
                JsonNode id = doc;
                for (String part : idField.split("\\.")) {
                    id = id.path(part);
                }
                bulk.append("{\"index\":{\"_index\":\"").append(os.alias(index)).append("\",\"_id\":\"").append(id.asText()).append("\"}}\n")
                        .append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OpenSearchConnection.RawResponse response = os.connection().raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true"));
        if (!response.ok() || response.body().contains("\"errors\":true")) {
            throw new IllegalStateException("fixture " + file + " not indexed: " + response.body());
        }
    }
}

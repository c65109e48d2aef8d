package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.scoring.ExportFormat;

/**
 * {@code tessera export persons}: for every source record and person slot, the person it was
 * linked to, so that linkage can be scored against any ground truth outside Tessera.
 */
public final class PersonLinkExport {

    public static final List<String> COLUMNS = List.of("source", "record_id", "slot", "role", "person_id");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventQueries queries;

    public PersonLinkExport(EventQueries queries) {
        this.queries = queries;
    }

    public int write(ExportFormat format, Writer out) {
        ExportFormat.RowWriter rows = format.open(out, COLUMNS);
        int[] written = {0};
        queries.scroll(queries.connection().alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("source", "record_id", "people.slot", "people.role", "people.person_id"), (id, source) -> {
                    for (JsonNode person : source.path("people")) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("source", source.path("source").asText());
                        row.put("record_id", source.path("record_id").asText());
                        row.put("slot", person.path("slot").asInt());
                        row.put("role", person.path("role").asText());
                        row.put("person_id", person.path("person_id").asText());
                        rows.write(row);
                        written[0]++;
                    }
                });
        return written[0];
    }
}

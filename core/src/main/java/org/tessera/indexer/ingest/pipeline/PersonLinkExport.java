package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventPerson;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.scoring.ExportFormat;

/**
 * {@code tessera export persons}: for every source record and person slot, the person it was
 * linked to, so that linkage can be scored against any ground truth outside Tessera.
 */
public final class PersonLinkExport {

    public static final List<String> COLUMNS = List.of("source", "record_id", "slot", "role", "person_id");
    private static final ObjectMapper JSON = EngineJson.MAPPER;

    private final EventQueries queries;

    public PersonLinkExport(EventQueries queries) {
        this.queries = queries;
    }

    public int write(ExportFormat format, Writer out) {
        ExportFormat.RowWriter rows = format.open(out, COLUMNS);
        int[] written = {0};
        queries.scroll(queries.connection().alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of(EventIndexFields.SOURCE, EventIndexFields.RECORD_ID, EventIndexFields.People.SLOT_PATH, EventIndexFields.People.ROLE_PATH,
                        EventIndexFields.People.PERSON_ID_PATH), (id, source) -> {
                    Event event = Event.fromDocument(source);
                    for (EventPerson person : event.people()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put(COLUMNS.get(0), Objects.toString(event.source(), ""));
                        row.put(COLUMNS.get(1), Objects.toString(event.recordId(), ""));
                        row.put(COLUMNS.get(2), person.slot() == null ? 0 : person.slot());
                        row.put(COLUMNS.get(3), Objects.toString(person.role(), ""));
                        row.put(COLUMNS.get(4), Objects.toString(person.personId(), ""));
                        rows.write(row);
                        written[0]++;
                    }
                });
        return written[0];
    }
}

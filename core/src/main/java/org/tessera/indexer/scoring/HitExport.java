package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.events.EventIndexFields;

/**
 * {@code tessera export hits}: one row per indicator hit on events dated up to the as-of date,
 * for comparison with the generator's ground truth. Evidence text is case-note text and is left
 * out unless asked for; its offsets and field always go out.
 */
public final class HitExport {

    public static final List<String> COLUMNS = List.of(EventIndexFields.EVENT_ID, "source", "record_id", EventIndexFields.EVENT_DATE, "agency", EventIndexFields.RECORD_TYPE, EventIndexFields.Hits.INDICATOR_ID,
            EventIndexFields.Hits.INDICATOR_VERSION, "severity", "weight", "counts", "context", "field", EventIndexFields.Hits.EVIDENCE_START, EventIndexFields.Hits.EVIDENCE_END,
            "method", "hit_person_ids", EventIndexFields.CHILD_IDS, EventIndexFields.PERSON_IDS);

    private final EventQueries queries;

    public HitExport(EventQueries queries) {
        this.queries = queries;
    }

    /** Writes the rows and returns how many. */
    public int write(LocalDate asOf, ExportFormat format, boolean withEvidence, Writer out) {
        List<String> columns = new ArrayList<>(COLUMNS);
        if (withEvidence) {
            columns.add("evidence");
        }
        ExportFormat.RowWriter rows = format.open(out, columns);
        int[] count = {0};
        JsonNode query = EventQueries.bool("filter", EventQueries.hasHits(), EventQueries.dateRange(null, asOf));
        queries.scroll(queries.connection().alias("events"), query,
                List.of(EventIndexFields.EVENT_ID, "source", "record_id", EventIndexFields.EVENT_DATE, "agency", EventIndexFields.RECORD_TYPE, "hits", EventIndexFields.CHILD_IDS, EventIndexFields.PERSON_IDS), (id, source) -> {
                    for (JsonNode hit : source.path("hits")) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put(EventIndexFields.EVENT_ID, source.path(EventIndexFields.EVENT_ID).asText(id));
                        row.put("source", text(source, "source"));
                        row.put("record_id", text(source, "record_id"));
                        row.put(EventIndexFields.EVENT_DATE, text(source, EventIndexFields.EVENT_DATE));
                        row.put("agency", text(source, "agency"));
                        row.put(EventIndexFields.RECORD_TYPE, text(source, EventIndexFields.RECORD_TYPE));
                        row.put(EventIndexFields.Hits.INDICATOR_ID, text(hit, EventIndexFields.Hits.INDICATOR_ID));
                        row.put(EventIndexFields.Hits.INDICATOR_VERSION, number(hit, EventIndexFields.Hits.INDICATOR_VERSION));
                        row.put("severity", text(hit, "severity"));
                        row.put("weight", number(hit, "weight"));
                        row.put("counts", hit.path("counts").asBoolean(true));
                        row.put("context", EventDocuments.labels(hit.get("context")));
                        row.put("field", text(hit, "field"));
                        row.put(EventIndexFields.Hits.EVIDENCE_START, number(hit, EventIndexFields.Hits.EVIDENCE_START));
                        row.put(EventIndexFields.Hits.EVIDENCE_END, number(hit, EventIndexFields.Hits.EVIDENCE_END));
                        row.put("method", text(hit, "method"));
                        row.put("hit_person_ids", list(hit.path(EventIndexFields.Hits.PERSON_IDS)));
                        row.put(EventIndexFields.CHILD_IDS, list(source.path(EventIndexFields.CHILD_IDS)));
                        row.put(EventIndexFields.PERSON_IDS, list(source.path(EventIndexFields.PERSON_IDS)));
                        if (withEvidence) {
                            row.put("evidence", text(hit, "evidence"));
                        }
                        rows.write(row);
                        count[0]++;
                    }
                });
        return count[0];
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Number number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.numberValue();
    }

    private static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else if (node.isTextual()) {
            values.add(node.asText());
        }
        return values;
    }
}

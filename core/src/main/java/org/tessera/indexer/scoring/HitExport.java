package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tessera export hits}: one row per indicator hit on events dated up to the as-of date,
 * for comparison with the generator's ground truth. Evidence text is case-note text and is left
 * out unless asked for; its offsets and field always go out.
 */
public final class HitExport {

    public static final List<String> COLUMNS = List.of("event_id", "source", "record_id", "event_date", "agency", "record_type", "indicator_id",
            "indicator_version", "severity", "weight", "counts", "context", "field", "evidence_start", "evidence_end",
            "method", "hit_person_ids", "child_ids", "person_ids");

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
                List.of("event_id", "source", "record_id", "event_date", "agency", "record_type", "hits", "child_ids", "person_ids"), (id, source) -> {
                    for (JsonNode hit : source.path("hits")) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("event_id", source.path("event_id").asText(id));
                        row.put("source", text(source, "source"));
                        row.put("record_id", text(source, "record_id"));
                        row.put("event_date", text(source, "event_date"));
                        row.put("agency", text(source, "agency"));
                        row.put("record_type", text(source, "record_type"));
                        row.put("indicator_id", text(hit, "indicator_id"));
                        row.put("indicator_version", number(hit, "indicator_version"));
                        row.put("severity", text(hit, "severity"));
                        row.put("weight", number(hit, "weight"));
                        row.put("counts", hit.path("counts").asBoolean(true));
                        row.put("context", EventDocuments.labels(hit.get("context")));
                        row.put("field", text(hit, "field"));
                        row.put("evidence_start", number(hit, "evidence_start"));
                        row.put("evidence_end", number(hit, "evidence_end"));
                        row.put("method", text(hit, "method"));
                        row.put("hit_person_ids", list(hit.path("person_ids")));
                        row.put("child_ids", list(source.path("child_ids")));
                        row.put("person_ids", list(source.path("person_ids")));
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

package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Writer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;
import org.tessera.indexer.events.EventIndexFields;

/**
 * {@code tessera export hits}: one row per indicator hit on events dated up to the as-of date,
 * for comparison with the generator's ground truth. Evidence text is case-note text and is left
 * out unless asked for; its offsets and field always go out.
 */
public final class HitExport {

    /**
     * The export's columns, named after the index's fields (the export is a file format others
     * read: its names stay what they were); the values come from {@link Event}.
     */
    public static final List<String> COLUMNS = List.of(EventIndexFields.EVENT_ID, EventIndexFields.SOURCE, EventIndexFields.RECORD_ID,
            EventIndexFields.EVENT_DATE, EventIndexFields.AGENCY, EventIndexFields.RECORD_TYPE, EventIndexFields.Hits.INDICATOR_ID,
            EventIndexFields.Hits.INDICATOR_VERSION, EventIndexFields.Hits.SEVERITY, EventIndexFields.Hits.WEIGHT, EventIndexFields.Hits.COUNTS,
            EventIndexFields.Hits.CONTEXT, EventIndexFields.Hits.FIELD, EventIndexFields.Hits.EVIDENCE_START, EventIndexFields.Hits.EVIDENCE_END,
            EventIndexFields.Hits.METHOD, "hit_person_ids", EventIndexFields.CHILD_IDS, EventIndexFields.PERSON_IDS);
    private static final String EVIDENCE_COLUMN = EventIndexFields.Hits.EVIDENCE;

    /** What the export reads of each event (a {@code _source} filter). */
    private static final List<String> SOURCE_FIELDS = List.of(EventIndexFields.EVENT_ID, EventIndexFields.SOURCE, EventIndexFields.RECORD_ID,
            EventIndexFields.EVENT_DATE, EventIndexFields.AGENCY, EventIndexFields.RECORD_TYPE, EventIndexFields.Hits.PATH,
            EventIndexFields.CHILD_IDS, EventIndexFields.PERSON_IDS);

    private final EventQueries queries;

    public HitExport(EventQueries queries) {
        this.queries = queries;
    }

    /** Writes the rows and returns how many. */
    public int write(LocalDate asOf, ExportFormat format, boolean withEvidence, Writer out) {
        List<String> columns = new ArrayList<>(COLUMNS);
        if (withEvidence) {
            columns.add(EVIDENCE_COLUMN);
        }
        ExportFormat.RowWriter rows = format.open(out, columns);
        int[] count = {0};
        JsonNode query = EventQueries.bool("filter", EventQueries.hasHits(), EventQueries.dateRange(null, asOf));
        queries.scroll(queries.connection().alias("events"), query,
                SOURCE_FIELDS, (id, source) -> {
                    Event event = Event.fromDocument(source);
                    if (event.hits() == null) {
                        return;
                    }
                    for (EventHit hit : event.hits()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put(COLUMNS.get(0), event.eventId() != null ? event.eventId() : id);
                        row.put(COLUMNS.get(1), event.source());
                        row.put(COLUMNS.get(2), event.recordId());
                        row.put(COLUMNS.get(3), event.date() == null ? null : event.date().value());
                        row.put(COLUMNS.get(4), event.agency());
                        row.put(COLUMNS.get(5), event.recordType());
                        row.put(COLUMNS.get(6), hit.indicatorId());
                        row.put(COLUMNS.get(7), hit.indicatorVersion());
                        row.put(COLUMNS.get(8), hit.severity());
                        row.put(COLUMNS.get(9), hit.weight());
                        row.put(COLUMNS.get(10), hit.countsTowardsScore());
                        row.put(COLUMNS.get(11), hit.contextLabels());
                        row.put(COLUMNS.get(12), hit.field());
                        row.put(COLUMNS.get(13), hit.evidenceStart());
                        row.put(COLUMNS.get(14), hit.evidenceEnd());
                        row.put(COLUMNS.get(15), hit.method());
                        row.put(COLUMNS.get(16), hit.personIds());
                        row.put(COLUMNS.get(17), event.childIds());
                        row.put(COLUMNS.get(18), event.personIds());
                        if (withEvidence) {
                            row.put(EVIDENCE_COLUMN, hit.evidence());
                        }
                        rows.write(row);
                        count[0]++;
                    }
                });
        return count[0];
    }
}

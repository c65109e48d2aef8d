package org.tessera.indexer.ingest;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One dated thing an agency knows, in the canonical model every source mapping targets.
 *
 * @param source     source id from the mapping (lowercase_snake)
 * @param recordId   unique within the source
 * @param eventDate  may be null only when the mapping declares the date optional
 * @param codes      canonical code name to value, sorted for stable output
 * @param people     involved people in slot order; slot index is part of each occurrence id
 */
public record SourceRecord(String source, String recordId, String agency, String recordType, PartialDate eventDate,
                           String title, String text, Map<String, String> codes, Location location,
                           List<InvolvedPerson> people, Origin origin) {
    public SourceRecord {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(origin, "origin");
        codes = codes == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(codes));
        people = people == null ? List.of() : List.copyOf(people);
    }

    /** Deterministic event id: the same source and record id always give the same id. */
    public String eventId() { return Ids.eventId(source, recordId); }

    /** Deterministic id of the person in slot {@code slot} of this record. */
    public String occurrenceId(int slot) { return Ids.occurrenceId(eventId(), slot); }
}

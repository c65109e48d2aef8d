package org.tessera.indexer.ingest.pipeline;

import org.tessera.indexer.events.EventIndexFields;

/**
 * The field names of the {@code records} index ({@code mappings/indices/records.json}, the feed
 * store) and the top-level keys of the canonical record JSON it keeps in {@link #RECORD}
 * ({@link RecordJson}). A record becomes one event, and where a name is the events index's name
 * for the same fact (the event id, the record type, the event date) it is taken from
 * {@link EventIndexFields}, which owns those names ({@code EventIndexFieldsTest}). Renaming one of
 * those there renames it here: the stored records' JSON would then need rewriting (a full
 * delivery of each source does that).
 */
final class RecordIndexFields {

    static final String SOURCE = "source";
    static final String RECORD_ID = "record_id";
    /** The id of the event the record becomes (the records index's document id too). */
    static final String EVENT_ID = EventIndexFields.EVENT_ID;
    static final String CONTENT_HASH = "content_hash";
    static final String DELIVERED_BY_JOB = "delivered_by_job";
    /** The canonical record as its mapping read it, keys in {@link Canonical} (not indexed). */
    static final String RECORD = "record";
    /** The note of the record's document, when it had one (not indexed). */
    static final String DOCUMENT_NOTE = "document_note";
    /** The version of the key functions that made {@link #BLOCKING_UNITS} (searched, not in {@code _source}). */
    static final String BLOCKING_VERSION = "blocking_version";
    /**
     * Each occurrence of the record: its raw keys ({@link #UNIT_KEYS}), their refinements ({@link #UNIT_REFINEMENTS})
     * and the unit a full run counts it as ({@link #UNIT}), nested, so the store finds the records holding a key, counts
     * a key's units, and finds a crowded key's holders by its refinements (searched, not in {@code _source}; ADR 0053,
     * 0065: records v5 keeps no key for the record as a whole).
     */
    static final String BLOCKING_UNITS = "blocking_units";
    static final String UNIT_KEYS = "keys";
    static final String UNIT_REFINEMENTS = "refines";
    static final String UNIT = "unit";

    private RecordIndexFields() {
    }

    /** Top-level keys of the canonical record JSON ({@link RecordJson}). */
    static final class Canonical {
        static final String SOURCE = RecordIndexFields.SOURCE;
        static final String RECORD_ID = RecordIndexFields.RECORD_ID;
        static final String AGENCY = "agency";
        static final String RECORD_TYPE = EventIndexFields.RECORD_TYPE;
        static final String EVENT_DATE = EventIndexFields.EVENT_DATE;
        static final String TITLE = "title";
        static final String TEXT = "text";
        static final String CODES = "codes";

        private Canonical() {
        }
    }
}

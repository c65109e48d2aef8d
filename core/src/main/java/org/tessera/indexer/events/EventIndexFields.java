package org.tessera.indexer.events;

/**
 * The field names of the {@code events} index ({@code mappings/indices/events.json}): the one
 * place in the code that spells them. {@link Event} writes and reads documents through them, and
 * queries ({@code _source} filters, sorts, terms, the percolate request) name fields through them;
 * nothing else does ({@code EventDocumentBoundaryTest}). {@code EventIndexFieldsTest} checks every
 * constant against the mapping and fails on a field-name literal anywhere else in the product.
 *
 * <p>Nested objects have a class each: its {@code PATH}, the names relative to one nested object
 * and the dotted {@code *_PATH} names (for queries and {@code _source} filters).
 */
public final class EventIndexFields {

    public static final String EVENT_ID = "event_id";
    public static final String SOURCE = "source";
    public static final String RECORD_ID = "record_id";
    public static final String AGENCY = "agency";
    public static final String RECORD_TYPE = "record_type";
    /** {@code yyyy-MM-dd} or an ISO date-time, see {@link #EVENT_DATE_PRECISION}. */
    public static final String EVENT_DATE = "event_date";
    public static final String EVENT_DATE_PRECISION = "event_date_precision";
    public static final String INGESTED_AT = "ingested_at";
    public static final String CONTENT_HASH = "content_hash";
    public static final String TITLE = "title";
    public static final String TEXT = "text";
    public static final String CODES = "codes";
    public static final String PERSON_IDS = "person_ids";
    public static final String CHILD_IDS = "child_ids";
    public static final String HOUSEHOLD_IDS = "household_ids";
    public static final String YOUNGEST_CHILD_AGE = "youngest_child_age";
    public static final String SUBJECT_AGE = "subject_age";
    public static final String INDICATOR_IDS = "indicator_ids";
    /** The semantic stage's concepts (queried by stored queries) and their explanations (stored, not indexed). */
    public static final String CONCEPTS = "concepts";
    public static final String CONCEPT_MATCHES = "concept_matches";

    private EventIndexFields() {
    }

    /** The people an event is about ({@code nested}). */
    public static final class People {
        public static final String PATH = "people";
        public static final String PERSON_ID = "person_id";
        public static final String SLOT = "slot";
        public static final String ROLE = "role";
        public static final String NAME = "name";
        public static final String DATE_OF_BIRTH = "date_of_birth";
        public static final String AGE_YEARS = "age_years";
        public static final String GENDER = "gender";
        public static final String IS_CHILD = "is_child";
        public static final String POSTCODE = "postcode";
        public static final String HOUSEHOLD_ID = "household_id";
        public static final String PERSON_ID_PATH = PATH + "." + PERSON_ID;
        public static final String SLOT_PATH = PATH + "." + SLOT;
        public static final String ROLE_PATH = PATH + "." + ROLE;
        public static final String NAME_PATH = PATH + "." + NAME;
        public static final String DATE_OF_BIRTH_PATH = PATH + "." + DATE_OF_BIRTH;
        public static final String AGE_YEARS_PATH = PATH + "." + AGE_YEARS;
        public static final String IS_CHILD_PATH = PATH + "." + IS_CHILD;
        public static final String POSTCODE_PATH = PATH + "." + POSTCODE;
        public static final String HOUSEHOLD_ID_PATH = PATH + "." + HOUSEHOLD_ID;

        private People() {
        }
    }

    /** The indicator hits stored on an event ({@code nested}). */
    public static final class Hits {
        public static final String PATH = "hits";
        public static final String INDICATOR_ID = "indicator_id";
        public static final String INDICATOR_VERSION = "indicator_version";
        public static final String SEVERITY = "severity";
        public static final String WEIGHT = "weight";
        public static final String COUNTS = "counts";
        public static final String CONTEXT = "context";
        public static final String EVIDENCE = "evidence";
        public static final String EVIDENCE_START = "evidence_start";
        public static final String EVIDENCE_END = "evidence_end";
        public static final String FIELD = "field";
        public static final String PERSON_IDS = "person_ids";
        public static final String METHOD = "method";
        public static final String INDICATOR_ID_PATH = PATH + "." + INDICATOR_ID;

        private Hits() {
        }
    }

    /** Negation, uncertainty, history, hypothesis and experiencer spans of the text ({@code nested}). */
    public static final class Contexts {
        public static final String PATH = "contexts";
        public static final String START = "start";
        public static final String END = "end";
        public static final String NEGATED = "negated";
        public static final String UNCERTAIN = "uncertain";
        public static final String HISTORICAL = "historical";
        public static final String HYPOTHETICAL = "hypothetical";
        public static final String EXPERIENCER = "experiencer";

        private Contexts() {
        }
    }

    /** Named entities found in the text ({@code nested}) and their distinct names by type. */
    public static final class Entities {
        public static final String PATH = "entities";
        public static final String TYPE = "type";
        public static final String TEXT = "text";
        public static final String START = "start";
        public static final String END = "end";
        public static final String PERSON_ID = "person_id";
        public static final String NAMES = "entity_names";

        private Entities() {
        }
    }

    /** Where the event happened. */
    public static final class Location {
        public static final String PATH = "location";
        public static final String ADDRESS = "address";
        public static final String POSTCODE = "postcode";
        public static final String POSTCODE_DISTRICT = "postcode_district";
        public static final String POSTCODE_PATH = PATH + "." + POSTCODE;
        public static final String POSTCODE_DISTRICT_PATH = PATH + "." + POSTCODE_DISTRICT;

        private Location() {
        }
    }

    /** The source document of a document event. */
    public static final class Document {
        public static final String PATH = "document";
        public static final String FILE_NAME = "file_name";
        public static final String CONTENT_TYPE = "content_type";
        public static final String SIZE_BYTES = "size_bytes";
        public static final String SHA256 = "sha256";
        public static final String OCR = "ocr";
        public static final String SUBJECT_LINK = "subject_link";
        public static final String DATE_SOURCE = "date_source";
        public static final String AUTHOR = "author";

        private Document() {
        }
    }
}

package org.tessera.indexer.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.tessera.indexer.events.EventIndexFields.Contexts;
import org.tessera.indexer.events.EventIndexFields.Entities;
import org.tessera.indexer.events.EventIndexFields.Hits;
import org.tessera.indexer.events.EventIndexFields.Location;
import org.tessera.indexer.events.EventIndexFields.People;
import org.tessera.indexer.nlp.semantic.ConceptMatch;

/**
 * One document of the {@code events} index ({@code mappings/indices/events.json}) as a typed,
 * immutable value: the only code that knows the document's shape. The pipeline builds events and
 * writes {@link #toDocument()}; every reader (person profiles, the scoring ledger and loader, hits,
 * export, the portal) reads {@link #fromDocument(JsonNode)}. Queries still name fields through
 * {@link EventIndexFields}.
 *
 * <p>A document read back through a {@code _source} filter holds only some fields: what is missing
 * reads as null (single values) or empty (lists), never as a guess. {@link #hits()} is null on an
 * event that was never percolated (the document has no {@code hits} field) and empty on one that
 * was and matched nothing, so that a document survives the round trip unchanged (its content hash
 * is taken over its JSON). Lists and maps are copied; the type is thread-safe.
 *
 * @param date            when it happened, with the precision the source gave; null when unknown
 * @param codes           the coded fields ({@code codes.*}), in source order
 * @param entityNames     the distinct entity names by type ({@code person}, {@code location},
 *                        {@code organisation}, {@code date}), in order of first mention
 * @param youngestChildAge age of the youngest child on the event at its date (years, one decimal)
 * @param subjectAge      age of the first subject or victim at the event date
 * @param hits            the indicator hits, null when not percolated
 * @param indicatorIds    every hit's indicator, distinct and sorted (kept for {@code _source} reads without hits)
 */
public record Event(String eventId, String source, String recordId, String agency, String recordType, Date date,
                    String title, String text, SourceDocument document, Map<String, Code> codes, Place location,
                    List<Person> people, List<String> personIds, List<String> childIds, List<String> householdIds,
                    Double youngestChildAge, Double subjectAge, List<Entity> entities, Map<String, List<String>> entityNames,
                    List<Context> contexts, List<String> concepts, List<ConceptMatch> conceptMatches,
                    List<Hit> hits, List<String> indicatorIds, String contentHash, String ingestedAt) {

    /** The entity types whose names are listed under {@code entity_names}. */
    public static final Set<String> NAMED_ENTITY_TYPES = Set.of("person", "location", "organisation", "date");

    /** The record type of an event made from a document (a file through Tika). */
    public static final String DOCUMENT_RECORD_TYPE = "document";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CONCEPT_MATCHES = EventIndexFields.CONCEPT_MATCHES;
    private static final String CONCEPTS = EventIndexFields.CONCEPTS;
    private static final String CONTENT_HASH = EventIndexFields.CONTENT_HASH;

    public Event {
        codes = codes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codes));
        people = copy(people);
        personIds = copy(personIds);
        childIds = copy(childIds);
        householdIds = copy(householdIds);
        entities = copy(entities);
        if (entityNames == null) {
            entityNames = Map.of();
        } else {
            Map<String, List<String>> names = new LinkedHashMap<>();
            entityNames.forEach((type, list) -> {
                if (!NAMED_ENTITY_TYPES.contains(type)) {
                    throw new IllegalArgumentException("entity names of an unknown type: " + type);
                }
                names.put(type, List.copyOf(list));
            });
            entityNames = java.util.Collections.unmodifiableMap(names);
        }
        contexts = copy(contexts);
        concepts = copy(concepts);
        conceptMatches = copy(conceptMatches);
        hits = hits == null ? null : List.copyOf(hits);
        indicatorIds = copy(indicatorIds);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The event with these hits (sorted by indicator) and their indicator ids, the shape stored after percolation. */
    public Event withHits(Collection<Hit> newHits) {
        List<Hit> sorted = new ArrayList<>(newHits);
        sorted.sort(java.util.Comparator.comparing(Hit::indicatorId));
        List<String> ids = List.copyOf(new TreeSet<>(sorted.stream().map(Hit::indicatorId).toList()));
        return new Event(eventId, source, recordId, agency, recordType, date, title, text, document, codes, location, people,
                personIds, childIds, householdIds, youngestChildAge, subjectAge, entities, entityNames, contexts, concepts,
                conceptMatches, sorted, ids, contentHash, ingestedAt);
    }

    /** The event with the semantic stage's matches and the concepts they found (distinct, sorted); unchanged when there are none. */
    public Event withConceptMatches(List<ConceptMatch> matches) {
        if (matches.isEmpty()) {
            return this;
        }
        List<String> found = List.copyOf(new TreeSet<>(matches.stream().map(ConceptMatch::concept).toList()));
        return new Event(eventId, source, recordId, agency, recordType, date, title, text, document, codes, location, people,
                personIds, childIds, householdIds, youngestChildAge, subjectAge, entities, entityNames, contexts, found,
                matches, hits, indicatorIds, contentHash, ingestedAt);
    }

    /** The event with what was learnt of its source document (Tika, the sidecar, the linker) added to its file name. */
    public Event withDocument(SourceDocument more) {
        SourceDocument merged = document == null ? more : document.merge(more);
        return new Event(eventId, source, recordId, agency, recordType, date, title, text, merged, codes, location, people,
                personIds, childIds, householdIds, youngestChildAge, subjectAge, entities, entityNames, contexts, concepts,
                conceptMatches, hits, indicatorIds, contentHash, ingestedAt);
    }

    /**
     * Replaces the hits of a document on its way to the index (the percolation stages work on the
     * document they percolate): {@code hits} sorted by indicator and {@code indicator_ids}, as
     * {@link #withHits} and {@link #toDocument} write them.
     */
    public static void putHits(ObjectNode document, Collection<Hit> newHits) {
        List<Hit> sorted = new ArrayList<>(newHits);
        sorted.sort(java.util.Comparator.comparing(Hit::indicatorId));
        ArrayNode array = document.putArray(Hits.PATH);
        sorted.forEach(h -> array.add(h.toDocument()));
        ArrayNode ids = document.putArray(EventIndexFields.INDICATOR_IDS);
        new TreeSet<>(sorted.stream().map(Hit::indicatorId).toList()).forEach(ids::add);
    }

    /** The hits of a document (as {@link #fromDocument} reads them), null when it has none: cheaper than reading it all. */
    public static List<Hit> hitsIn(JsonNode document) {
        JsonNode hitsNode = document.get(Hits.PATH);
        if (hitsNode == null || !hitsNode.isArray()) {
            return null;
        }
        List<Hit> out = new ArrayList<>(hitsNode.size());
        for (JsonNode h : hitsNode) {
            Hit hit = Hit.fromDocument(h);
            if (hit != null) {
                out.add(hit);
            }
        }
        return out;
    }

    /** The id of an event document, null when it has none: cheaper than reading it all. */
    public static String idOf(JsonNode document) {
        JsonNode id = document.get(EventIndexFields.EVENT_ID);
        return id == null || id.isNull() || id.isMissingNode() ? null : id.asText();
    }

    /** The content hash a stored document carries, "" when none. */
    public static String contentHashOf(JsonNode document) {
        return document.path(CONTENT_HASH).asText();
    }

    /** Gives a document read without its id (a {@code _source} filter left it out) the id it is stored under. */
    public static void ensureId(ObjectNode document, String id) {
        if (!document.hasNonNull(EventIndexFields.EVENT_ID)) {
            document.put(EventIndexFields.EVENT_ID, id);
        }
    }

    /** Whether a document already carries its content hash or ingest time. */
    public static boolean isStamped(JsonNode document) {
        return document.has(CONTENT_HASH) || document.has(EventIndexFields.INGESTED_AT);
    }

    /** Sets the content hash and the ingest time (unless null) of a document, at its end when it had neither. */
    public static void stamp(ObjectNode document, String contentHash, String ingestedAt) {
        document.put(CONTENT_HASH, contentHash);
        putText(document, EventIndexFields.INGESTED_AT, ingestedAt);
    }

    /**
     * The JSON of an unstamped document (an object, not empty) with its content hash and ingest
     * time appended: the same bytes as serialising the document after {@link #stamp}, without
     * serialising it again.
     */
    public static byte[] appendStamps(byte[] unstampedJson, String contentHash, String ingestedAt) {
        byte[] stamps = (",\"" + CONTENT_HASH + "\":" + NODES.textNode(contentHash) + ",\"" + EventIndexFields.INGESTED_AT + "\":"
                + NODES.textNode(ingestedAt) + '}').getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] stamped = java.util.Arrays.copyOf(unstampedJson, unstampedJson.length - 1 + stamps.length);
        System.arraycopy(stamps, 0, stamped, unstampedJson.length - 1, stamps.length);
        return stamped;
    }

    /** The event with its content hash and ingest time (null: without). */
    public Event withStamps(String newContentHash, String newIngestedAt) {
        return new Event(eventId, source, recordId, agency, recordType, date, title, text, document, codes, location, people,
                personIds, childIds, householdIds, youngestChildAge, subjectAge, entities, entityNames, contexts, concepts,
                conceptMatches, hits, indicatorIds, newContentHash, newIngestedAt);
    }

    /** The day of the event, null when it has no readable date. */
    public LocalDate day() {
        return date == null ? null : date.day();
    }

    /** The semantic matches for one indicator. */
    public List<ConceptMatch> conceptMatchesFor(String indicatorId) {
        List<ConceptMatch> out = new ArrayList<>();
        for (ConceptMatch match : conceptMatches) {
            if (indicatorId.equals(match.indicator())) {
                out.add(match);
            }
        }
        return out;
    }

    /** A code as a number (see {@link Code#number()}); null when absent or not numeric. */
    public Double codeNumber(String name) {
        Code code = codes.get(name);
        return code == null ? null : code.number();
    }

    /** The hits, empty when the event was never percolated. */
    public List<Hit> hitsOrNone() {
        return hits == null ? List.of() : hits;
    }

    /** The hits of one indicator (empty when none or not percolated). */
    public List<Hit> hitsOf(String indicatorId) {
        if (hits == null) {
            return List.of();
        }
        return hits.stream().filter(h -> indicatorId.equals(h.indicatorId())).toList();
    }

    // ------------------------------------------------------------------ the document

    /**
     * The {@code events} document, fields in the order the index has always received them (the
     * content hash is taken over these bytes, so the order is part of the contract). Empty
     * optional parts are left out; {@code people} and the id lists are always written.
     */
    public ObjectNode toDocument() {
        ObjectNode event = NODES.objectNode();
        putText(event, EventIndexFields.EVENT_ID, eventId);
        putText(event, EventIndexFields.SOURCE, source);
        putText(event, EventIndexFields.RECORD_ID, recordId);
        putText(event, EventIndexFields.AGENCY, agency);
        putText(event, EventIndexFields.RECORD_TYPE, recordType);
        if (date != null) {
            event.put(EventIndexFields.EVENT_DATE, date.value());
            putText(event, EventIndexFields.EVENT_DATE_PRECISION, date.precision());
        }
        putText(event, EventIndexFields.TITLE, title);
        putText(event, EventIndexFields.TEXT, text);
        if (document != null) {
            event.set(EventIndexFields.Document.PATH, document.toDocument());
        }
        if (!codes.isEmpty()) {
            ObjectNode node = event.putObject(EventIndexFields.CODES);
            codes.forEach((name, code) -> node.set(name, code.toJson()));
        }
        if (location != null) {
            event.set(Location.PATH, location.toDocument());
        }
        ArrayNode peopleNode = event.putArray(People.PATH);
        people.forEach(p -> peopleNode.add(p.toDocument()));
        strings(event.putArray(EventIndexFields.PERSON_IDS), personIds);
        strings(event.putArray(EventIndexFields.CHILD_IDS), childIds);
        strings(event.putArray(EventIndexFields.HOUSEHOLD_IDS), householdIds);
        if (youngestChildAge != null) {
            event.put(EventIndexFields.YOUNGEST_CHILD_AGE, youngestChildAge);
        }
        if (subjectAge != null) {
            event.put(EventIndexFields.SUBJECT_AGE, subjectAge);
        }
        if (!entities.isEmpty()) {
            ArrayNode node = event.putArray(Entities.PATH);
            entities.forEach(e -> node.add(e.toDocument()));
        }
        if (!entityNames.isEmpty()) {
            ObjectNode names = event.putObject(Entities.NAMES);
            entityNames.forEach((type, list) -> strings(names.putArray(type), list));
        }
        if (!contexts.isEmpty()) {
            ArrayNode node = event.putArray(Contexts.PATH);
            contexts.forEach(c -> node.add(c.toDocument()));
        }
        if (!conceptMatches.isEmpty() || !concepts.isEmpty()) {
            strings(event.putArray(CONCEPTS), concepts);
            ArrayNode node = event.putArray(CONCEPT_MATCHES);
            conceptMatches.forEach(m -> node.add(m.toJson()));
        }
        if (hits != null) {
            ArrayNode node = event.putArray(Hits.PATH);
            hits.forEach(h -> node.add(h.toDocument()));
            strings(event.putArray(EventIndexFields.INDICATOR_IDS), indicatorIds);
        } else if (!indicatorIds.isEmpty()) {
            strings(event.putArray(EventIndexFields.INDICATOR_IDS), indicatorIds);
        }
        putText(event, CONTENT_HASH, contentHash);
        putText(event, EventIndexFields.INGESTED_AT, ingestedAt);
        return event;
    }

    /**
     * Reads an {@code events} document (whole or {@code _source}-filtered). Values of another JSON
     * type than the mapping's (an older document, a hand-written fixture) are read leniently as
     * the scorer always read them: a single string where a list is expected is a list of one.
     */
    public static Event fromDocument(JsonNode doc) {
        Objects.requireNonNull(doc, "doc");
        Date date = null;
        String dateValue = text(doc, EventIndexFields.EVENT_DATE);
        if (dateValue != null) {
            date = new Date(dateValue, text(doc, EventIndexFields.EVENT_DATE_PRECISION));
        }
        JsonNode documentNode = doc.get(EventIndexFields.Document.PATH);
        Map<String, Code> codes = new LinkedHashMap<>();
        JsonNode codesNode = doc.get(EventIndexFields.CODES);
        if (codesNode != null && codesNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = codesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> code = it.next();
                Code value = Code.fromJson(code.getValue());
                if (value != null) {
                    codes.put(code.getKey(), value);
                }
            }
        }
        JsonNode locationNode = doc.get(Location.PATH);
        List<Person> people = new ArrayList<>();
        for (JsonNode p : doc.path(People.PATH)) {
            people.add(Person.fromDocument(p));
        }
        List<Entity> entities = new ArrayList<>();
        for (JsonNode e : doc.path(Entities.PATH)) {
            entities.add(Entity.fromDocument(e));
        }
        Map<String, List<String>> names = new LinkedHashMap<>();
        JsonNode namesNode = doc.get(Entities.NAMES);
        if (namesNode != null && namesNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = namesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> type = it.next();
                if (NAMED_ENTITY_TYPES.contains(type.getKey())) {
                    names.put(type.getKey(), strings(type.getValue()));
                }
            }
        }
        List<Context> contexts = new ArrayList<>();
        for (JsonNode c : doc.path(Contexts.PATH)) {
            contexts.add(Context.fromDocument(c));
        }
        List<ConceptMatch> matches = new ArrayList<>();
        for (JsonNode m : doc.path(CONCEPT_MATCHES)) {
            matches.add(ConceptMatch.fromJson(m));
        }
        List<Hit> hits = null;
        JsonNode hitsNode = doc.get(Hits.PATH);
        if (hitsNode != null && hitsNode.isArray()) {
            hits = new ArrayList<>(hitsNode.size());
            for (JsonNode h : hitsNode) {
                Hit hit = Hit.fromDocument(h);
                if (hit != null) {
                    hits.add(hit);
                }
            }
        }
        return new Event(text(doc, EventIndexFields.EVENT_ID), text(doc, EventIndexFields.SOURCE), text(doc, EventIndexFields.RECORD_ID),
                text(doc, EventIndexFields.AGENCY), text(doc, EventIndexFields.RECORD_TYPE), date, text(doc, EventIndexFields.TITLE),
                text(doc, EventIndexFields.TEXT), documentNode != null && documentNode.isObject() ? SourceDocument.fromDocument(documentNode) : null,
                codes, locationNode != null && locationNode.isObject() ? Place.fromDocument(locationNode) : null, people,
                strings(doc.get(EventIndexFields.PERSON_IDS)), strings(doc.get(EventIndexFields.CHILD_IDS)),
                strings(doc.get(EventIndexFields.HOUSEHOLD_IDS)), decimal(doc, EventIndexFields.YOUNGEST_CHILD_AGE),
                decimal(doc, EventIndexFields.SUBJECT_AGE), entities, names, contexts, strings(doc.get(CONCEPTS)), matches, hits,
                strings(doc.get(EventIndexFields.INDICATOR_IDS)), text(doc, CONTENT_HASH), text(doc, EventIndexFields.INGESTED_AT));
    }

    /**
     * The values at a dotted field path of the document, as strings (numbers as JSON prints them),
     * for evidence that names the field a stored query tested ({@code codes.dash_level=high}). Nested
     * lists (people, hits, entities, contexts) are not addressed: empty.
     */
    public List<String> valuesAt(String path) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            return switch (path) {
                case EventIndexFields.EVENT_ID -> single(eventId);
                case EventIndexFields.SOURCE -> single(source);
                case EventIndexFields.RECORD_ID -> single(recordId);
                case EventIndexFields.AGENCY -> single(agency);
                case EventIndexFields.RECORD_TYPE -> single(recordType);
                case EventIndexFields.EVENT_DATE -> date == null ? List.of() : single(date.value());
                case EventIndexFields.EVENT_DATE_PRECISION -> date == null ? List.of() : single(date.precision());
                case EventIndexFields.TITLE -> single(title);
                case EventIndexFields.TEXT -> single(text);
                case EventIndexFields.PERSON_IDS -> personIds;
                case EventIndexFields.CHILD_IDS -> childIds;
                case EventIndexFields.HOUSEHOLD_IDS -> householdIds;
                case EventIndexFields.YOUNGEST_CHILD_AGE -> youngestChildAge == null ? List.of() : single(Double.toString(youngestChildAge));
                case EventIndexFields.SUBJECT_AGE -> subjectAge == null ? List.of() : single(Double.toString(subjectAge));
                case EventIndexFields.INDICATOR_IDS -> indicatorIds;
                case CONCEPTS -> concepts;
                case CONTENT_HASH -> single(contentHash);
                case EventIndexFields.INGESTED_AT -> single(ingestedAt);
                default -> List.of();
            };
        }
        String parent = path.substring(0, dot);
        String child = path.substring(dot + 1);
        return switch (parent) {
            case EventIndexFields.CODES -> {
                Code code = codes.get(child);
                yield code == null ? List.of() : code.strings();
            }
            case Location.PATH -> location == null ? List.of() : location.valuesAt(child);
            case EventIndexFields.Document.PATH -> document == null ? List.of() : document.valuesAt(child);
            case Entities.NAMES -> entityNames.getOrDefault(child, List.of());
            default -> List.of();
        };
    }

    /**
     * The value at a dotted field path when the field holds one value (not a list): what a rule
     * that compares single values reads; null otherwise.
     */
    public String valueAt(String path) {
        boolean list = switch (path) {
            case EventIndexFields.PERSON_IDS, EventIndexFields.CHILD_IDS, EventIndexFields.HOUSEHOLD_IDS, EventIndexFields.INDICATOR_IDS,
                 CONCEPTS -> true;
            default -> path.startsWith(Entities.NAMES + ".")
                    || (path.startsWith(EventIndexFields.CODES + ".") && codes.get(path.substring(EventIndexFields.CODES.length() + 1)) instanceof Code.Texts);
        };
        List<String> values = valuesAt(path);
        return list || values.size() != 1 ? null : values.getFirst();
    }

    private static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static void strings(ArrayNode array, List<String> values) {
        for (String value : values) {
            array.add(value);
        }
    }

    /** The text of a field; null when missing or JSON null (a blank string stays as stored). */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !(value.isNumber() || value.isTextual()) ? null : value.asDouble();
    }

    static Integer whole(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !(value.isNumber() || value.isTextual()) ? null : value.asInt();
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asBoolean();
    }

    /** An array's strings, a single value as a list of one, nothing as empty. */
    static List<String> strings(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray()) {
            return List.of(value.asText());
        }
        List<String> out = new ArrayList<>(value.size());
        value.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A new builder (every part empty). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Event} part by part (the pipeline's event stage, test benches). Not thread-safe. */
    public static final class Builder {
        private String eventId;
        private String source;
        private String recordId;
        private String agency;
        private String recordType;
        private Date date;
        private String title;
        private String text;
        private SourceDocument document;
        private Map<String, Code> codes;
        private Place location;
        private List<Person> people;
        private List<String> personIds;
        private List<String> childIds;
        private List<String> householdIds;
        private Double youngestChildAge;
        private Double subjectAge;
        private List<Entity> entities;
        private Map<String, List<String>> entityNames;
        private List<Context> contexts;
        private List<String> concepts;
        private List<ConceptMatch> conceptMatches;
        private List<Hit> hits;
        private List<String> indicatorIds;
        private String contentHash;
        private String ingestedAt;

        private Builder() {
        }

        public Builder eventId(String value) {
            this.eventId = value;
            return this;
        }

        public Builder source(String value) {
            this.source = value;
            return this;
        }

        public Builder recordId(String value) {
            this.recordId = value;
            return this;
        }

        public Builder agency(String value) {
            this.agency = value;
            return this;
        }

        public Builder recordType(String value) {
            this.recordType = value;
            return this;
        }

        public Builder date(Date value) {
            this.date = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder text(String value) {
            this.text = value;
            return this;
        }

        public Builder document(SourceDocument value) {
            this.document = value;
            return this;
        }

        public Builder codes(Map<String, Code> value) {
            this.codes = value;
            return this;
        }

        public Builder location(Place value) {
            this.location = value;
            return this;
        }

        public Builder people(List<Person> value) {
            this.people = value;
            return this;
        }

        public Builder personIds(List<String> value) {
            this.personIds = value;
            return this;
        }

        public Builder childIds(List<String> value) {
            this.childIds = value;
            return this;
        }

        public Builder householdIds(List<String> value) {
            this.householdIds = value;
            return this;
        }

        public Builder youngestChildAge(Double value) {
            this.youngestChildAge = value;
            return this;
        }

        public Builder subjectAge(Double value) {
            this.subjectAge = value;
            return this;
        }

        public Builder entities(List<Entity> value) {
            this.entities = value;
            return this;
        }

        public Builder entityNames(Map<String, List<String>> value) {
            this.entityNames = value;
            return this;
        }

        public Builder contexts(List<Context> value) {
            this.contexts = value;
            return this;
        }

        public Builder concepts(List<String> value) {
            this.concepts = value;
            return this;
        }

        public Builder conceptMatches(List<ConceptMatch> value) {
            this.conceptMatches = value;
            return this;
        }

        public Builder hits(List<Hit> value) {
            this.hits = value;
            return this;
        }

        public Builder indicatorIds(List<String> value) {
            this.indicatorIds = value;
            return this;
        }

        public Builder contentHash(String value) {
            this.contentHash = value;
            return this;
        }

        public Builder ingestedAt(String value) {
            this.ingestedAt = value;
            return this;
        }

        public Event build() {
            return new Event(eventId, source, recordId, agency, recordType, date, title, text, document, codes, location, people, personIds, childIds, householdIds, youngestChildAge, subjectAge, entities, entityNames, contexts, concepts, conceptMatches, hits, indicatorIds, contentHash, ingestedAt);
        }
    }

    // ------------------------------------------------------------------ the parts

    /**
     * When it happened: the stored value ({@code yyyy-MM-dd}, or an ISO date-time when the source
     * gave a time) and the precision the source gave ({@code day}, {@code month}, {@code year},
     * {@code date_time}...; the earliest day of a coarser date is stored).
     */
    public record Date(String value, String precision) {
        public Date {
            Objects.requireNonNull(value, "value");
        }

        /** The day part of the value; null when it is not a readable date. */
        public LocalDate day() {
            if (value.length() < 10) {
                return null;
            }
            try {
                return LocalDate.parse(value.substring(0, 10));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * One person on the event ({@code people}, nested), as linked at ingest.
     *
     * @param slot       the position of the person in the source record
     * @param ageYears   age at the event date, one decimal; null when the birth date is unknown
     * @param child      under 18 at the event date
     * @param postcode   the person's postcode on the record, formatted
     * @param householdId the household the linker placed them in at the event date
     */
    public record Person(String personId, Integer slot, String role, String name, String dateOfBirth, Double ageYears,
                         String gender, Boolean child, String postcode, String householdId) {

        /** Whether the person was a child at the event date (false when not recorded). */
        public boolean isChild() {
            return Boolean.TRUE.equals(child);
        }

        ObjectNode toDocument() {
            ObjectNode node = NODES.objectNode();
            putText(node, People.PERSON_ID, personId);
            if (slot != null) {
                node.put(People.SLOT, slot);
            }
            putText(node, People.ROLE, role);
            putText(node, People.NAME, name);
            putText(node, People.DATE_OF_BIRTH, dateOfBirth);
            putText(node, People.GENDER, gender);
            putText(node, People.POSTCODE, postcode);
            if (ageYears != null) {
                node.put(People.AGE_YEARS, ageYears);
            }
            if (child != null) {
                node.put(People.IS_CHILD, child);
            }
            putText(node, People.HOUSEHOLD_ID, householdId);
            return node;
        }

        static Person fromDocument(JsonNode node) {
            return new Person(text(node, People.PERSON_ID), whole(node, People.SLOT), text(node, People.ROLE), text(node, People.NAME),
                    text(node, People.DATE_OF_BIRTH), decimal(node, People.AGE_YEARS), text(node, People.GENDER), bool(node, People.IS_CHILD),
                    text(node, People.POSTCODE), text(node, People.HOUSEHOLD_ID));
        }
    }

    /**
     * One indicator hit stored on the event ({@code hits}, nested).
     *
     * @param severity      the label as stored ({@code low}...); null or unknown is scored as medium
     * @param weight        the catalogue weight
     * @param counts        false for hits kept for display only (negated, hypothetical, ...); null (older documents) counts
     * @param context       the context labels ({@code negated}, {@code historical}, {@code experiencer:mother}...)
     * @param evidenceStart offset of the first matched word in the text; null for structured evidence
     * @param field         {@code text}, or the structured field that fired
     * @param personIds     whom the hit is about; empty means the whole event
     * @param method        {@code query}, {@code semantic} or {@code rule}
     */
    public record Hit(String indicatorId, Integer indicatorVersion, String severity, Double weight, Boolean counts,
                      List<String> context, String evidence, Integer evidenceStart, Integer evidenceEnd, String field,
                      List<String> personIds, String method) {

        public Hit {
            Objects.requireNonNull(indicatorId, "indicatorId");
            context = copy(context);
            personIds = copy(personIds);
        }

        /** Whether the hit counts towards the score: a hit without the flag counts. */
        public boolean countsTowardsScore() {
            return counts == null || counts;
        }

        /** The context labels as one comma-separated string, null when there are none. */
        public String contextLabels() {
            return context.isEmpty() ? null : String.join(",", context);
        }

        /** The hit as stored under the event's {@code hits}. */
        public ObjectNode toDocument() {
            ObjectNode hit = NODES.objectNode();
            hit.put(Hits.INDICATOR_ID, indicatorId);
            if (indicatorVersion != null) {
                hit.put(Hits.INDICATOR_VERSION, indicatorVersion);
            }
            putText(hit, Hits.SEVERITY, severity);
            if (weight != null) {
                hit.put(Hits.WEIGHT, weight);
            }
            if (counts != null) {
                hit.put(Hits.COUNTS, counts);
            }
            strings(hit.putArray(Hits.CONTEXT), context);
            putText(hit, Hits.EVIDENCE, evidence);
            if (evidenceStart != null) {
                hit.put(Hits.EVIDENCE_START, evidenceStart);
            }
            if (evidenceEnd != null) {
                hit.put(Hits.EVIDENCE_END, evidenceEnd);
            }
            putText(hit, Hits.FIELD, field);
            strings(hit.putArray(Hits.PERSON_IDS), personIds);
            putText(hit, Hits.METHOD, method);
            return hit;
        }

        /** A stored hit; null for one without an indicator (nothing can be said of it). */
        public static Hit fromDocument(JsonNode hit) {
            String indicator = text(hit, Hits.INDICATOR_ID);
            if (indicator == null || indicator.isBlank()) {
                return null;
            }
            // older documents store the context labels as one comma-separated string
            JsonNode labels = hit.get(Hits.CONTEXT);
            List<String> context = labels != null && labels.isTextual()
                    ? (labels.asText().isBlank() ? List.of() : List.of(labels.asText().split(",")))
                    : strings(labels);
            return new Hit(indicator, whole(hit, Hits.INDICATOR_VERSION), text(hit, Hits.SEVERITY), decimal(hit, Hits.WEIGHT),
                    bool(hit, Hits.COUNTS), context, text(hit, Hits.EVIDENCE), whole(hit, Hits.EVIDENCE_START),
                    whole(hit, Hits.EVIDENCE_END), text(hit, Hits.FIELD), strings(hit.get(Hits.PERSON_IDS)), text(hit, Hits.METHOD));
        }
    }

    /**
     * One coded field of the record ({@code codes.*}): a keyword, a whole number, a decimal or a
     * list of keywords. The mapping declares which codes are numeric; a value that would not
     * parse is kept as text under {@code NAME_text}.
     */
    public sealed interface Code {

        /** The value(s) as strings, numbers as JSON prints them. */
        List<String> strings();

        JsonNode toJson();

        record Text(String value) implements Code {
            public Text {
                Objects.requireNonNull(value, "value");
            }

            public List<String> strings() {
                return List.of(value);
            }

            public JsonNode toJson() {
                return NODES.textNode(value);
            }
        }

        record Whole(long value) implements Code {
            public List<String> strings() {
                return List.of(Long.toString(value));
            }

            public JsonNode toJson() {
                return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
            }
        }

        record Decimal(double value) implements Code {
            public List<String> strings() {
                return List.of(Double.toString(value));
            }

            public JsonNode toJson() {
                return NODES.numberNode(value);
            }
        }

        record Texts(List<String> values) implements Code {
            public Texts {
                values = List.copyOf(values);
            }

            public List<String> strings() {
                return values;
            }

            public JsonNode toJson() {
                ArrayNode array = NODES.arrayNode();
                Event.strings(array, values);
                return array;
            }
        }

        /** The value as a number when it is one (a whole number or a decimal), else null. */
        default Double number() {
            return switch (this) {
                case Whole w -> (double) w.value();
                case Decimal d -> d.value();
                default -> null;
            };
        }

        /** The values as text, a list's joined by commas, for display. */
        default String display() {
            List<String> values = strings();
            return values.isEmpty() ? null : String.join(", ", values);
        }

        static Code fromJson(JsonNode value) {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return null;
            }
            if (value.isArray()) {
                return new Texts(Event.strings(value));
            }
            if (value.isIntegralNumber()) {
                return new Whole(value.asLong());
            }
            if (value.isNumber()) {
                return new Decimal(value.asDouble());
            }
            return new Text(value.asText());
        }
    }

    /** Where it happened ({@code location}). */
    public record Place(String address, String postcode, String postcodeDistrict) {

        ObjectNode toDocument() {
            ObjectNode node = NODES.objectNode();
            putText(node, Location.ADDRESS, address);
            putText(node, Location.POSTCODE, postcode);
            putText(node, Location.POSTCODE_DISTRICT, postcodeDistrict);
            return node;
        }

        List<String> valuesAt(String field) {
            return switch (field) {
                case Location.ADDRESS -> single(address);
                case Location.POSTCODE -> single(postcode);
                case Location.POSTCODE_DISTRICT -> single(postcodeDistrict);
                default -> List.of();
            };
        }

        static Place fromDocument(JsonNode node) {
            return new Place(text(node, Location.ADDRESS), text(node, Location.POSTCODE), text(node, Location.POSTCODE_DISTRICT));
        }
    }

    /**
     * The source document of a document event ({@code document}): the file, what Tika found, and
     * how the event was tied to its subject.
     *
     * @param subjectLink how the document was linked to its subject ({@code sidecar}, {@code linked}, ...)
     * @param dateSource  where the event date came from ({@code metadata}, {@code text}, ...)
     * @param author      the organisation that wrote it, when found
     */
    public record SourceDocument(String fileName, String contentType, Long sizeBytes, String sha256, Boolean ocr,
                                 String subjectLink, String dateSource, String author) {

        public static SourceDocument ofFile(String fileName) {
            return new SourceDocument(fileName, null, null, null, null, null, null, null);
        }

        /** These facts, overridden by those {@code more} knows. */
        public SourceDocument merge(SourceDocument more) {
            return new SourceDocument(or(more.fileName, fileName), or(more.contentType, contentType), or(more.sizeBytes, sizeBytes),
                    or(more.sha256, sha256), or(more.ocr, ocr), or(more.subjectLink, subjectLink), or(more.dateSource, dateSource),
                    or(more.author, author));
        }

        public SourceDocument withOcr(boolean value) {
            return new SourceDocument(fileName, contentType, sizeBytes, sha256, value, subjectLink, dateSource, author);
        }

        public SourceDocument withSubjectLink(String value) {
            return new SourceDocument(fileName, contentType, sizeBytes, sha256, ocr, value, dateSource, author);
        }

        public SourceDocument withDateSource(String value) {
            return new SourceDocument(fileName, contentType, sizeBytes, sha256, ocr, subjectLink, value, author);
        }

        public SourceDocument withAuthor(String value) {
            return new SourceDocument(fileName, contentType, sizeBytes, sha256, ocr, subjectLink, dateSource, value);
        }

        private static <T> T or(T preferred, T fallback) {
            return preferred != null ? preferred : fallback;
        }

        /** As stored under the event's {@code document} (also the shape of a document note in the records index). */
        public ObjectNode toDocument() {
            ObjectNode node = NODES.objectNode();
            putText(node, EventIndexFields.Document.FILE_NAME, fileName);
            putText(node, EventIndexFields.Document.CONTENT_TYPE, contentType);
            if (sizeBytes != null) {
                // as the engine gives it back: an int when it fits
                if (sizeBytes == sizeBytes.intValue()) {
                    node.put(EventIndexFields.Document.SIZE_BYTES, sizeBytes.intValue());
                } else {
                    node.put(EventIndexFields.Document.SIZE_BYTES, sizeBytes);
                }
            }
            putText(node, EventIndexFields.Document.SHA256, sha256);
            if (ocr != null) {
                node.put(EventIndexFields.Document.OCR, ocr);
            }
            putText(node, EventIndexFields.Document.SUBJECT_LINK, subjectLink);
            putText(node, EventIndexFields.Document.DATE_SOURCE, dateSource);
            putText(node, EventIndexFields.Document.AUTHOR, author);
            return node;
        }

        List<String> valuesAt(String field) {
            return switch (field) {
                case EventIndexFields.Document.FILE_NAME -> single(fileName);
                case EventIndexFields.Document.CONTENT_TYPE -> single(contentType);
                case EventIndexFields.Document.SIZE_BYTES -> sizeBytes == null ? List.of() : single(Long.toString(sizeBytes));
                case EventIndexFields.Document.SHA256 -> single(sha256);
                case EventIndexFields.Document.OCR -> ocr == null ? List.of() : single(Boolean.toString(ocr));
                case EventIndexFields.Document.SUBJECT_LINK -> single(subjectLink);
                case EventIndexFields.Document.DATE_SOURCE -> single(dateSource);
                case EventIndexFields.Document.AUTHOR -> single(author);
                default -> List.of();
            };
        }

        public static SourceDocument fromDocument(JsonNode node) {
            JsonNode size = node.get(EventIndexFields.Document.SIZE_BYTES);
            return new SourceDocument(text(node, EventIndexFields.Document.FILE_NAME), text(node, EventIndexFields.Document.CONTENT_TYPE),
                    size == null || !size.isNumber() ? null : size.asLong(), text(node, EventIndexFields.Document.SHA256),
                    bool(node, EventIndexFields.Document.OCR), text(node, EventIndexFields.Document.SUBJECT_LINK),
                    text(node, EventIndexFields.Document.DATE_SOURCE), text(node, EventIndexFields.Document.AUTHOR));
        }
    }

    /**
     * A named entity found in the text ({@code entities}, nested).
     *
     * @param type     lower case: {@code person}, {@code location}, {@code organisation}, {@code date}...
     * @param personId the person the mention was linked to, when it was
     */
    public record Entity(String type, String text, Integer start, Integer end, String personId) {

        ObjectNode toDocument() {
            ObjectNode node = NODES.objectNode();
            putText(node, Entities.TYPE, type);
            putText(node, Entities.TEXT, text);
            if (start != null) {
                node.put(Entities.START, start);
            }
            if (end != null) {
                node.put(Entities.END, end);
            }
            putText(node, Entities.PERSON_ID, personId);
            return node;
        }

        static Entity fromDocument(JsonNode node) {
            return new Entity(Event.text(node, Entities.TYPE), Event.text(node, Entities.TEXT), whole(node, Entities.START),
                    whole(node, Entities.END), Event.text(node, Entities.PERSON_ID));
        }
    }

    /**
     * A span of the text with a modifier ({@code contexts}, nested): negated, uncertain,
     * historical, hypothetical, and whose experience it describes.
     *
     * @param experiencer lower case: {@code subject}, {@code mother}, ...
     */
    public record Context(int start, int end, boolean negated, boolean uncertain, boolean historical, boolean hypothetical,
                          String experiencer) {

        ObjectNode toDocument() {
            ObjectNode node = NODES.objectNode();
            node.put(Contexts.START, start).put(Contexts.END, end).put(Contexts.NEGATED, negated).put(Contexts.UNCERTAIN, uncertain)
                    .put(Contexts.HISTORICAL, historical).put(Contexts.HYPOTHETICAL, hypothetical);
            putText(node, Contexts.EXPERIENCER, experiencer);
            return node;
        }

        static Context fromDocument(JsonNode node) {
            return new Context(node.path(Contexts.START).asInt(), node.path(Contexts.END).asInt(), node.path(Contexts.NEGATED).asBoolean(),
                    node.path(Contexts.UNCERTAIN).asBoolean(), node.path(Contexts.HISTORICAL).asBoolean(),
                    node.path(Contexts.HYPOTHETICAL).asBoolean(), text(node, Contexts.EXPERIENCER));
        }
    }
}

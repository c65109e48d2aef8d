package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.copy;
import static org.tessera.indexer.events.EventJson.decimal;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.putValue;
import static org.tessera.indexer.events.EventJson.single;
import static org.tessera.indexer.events.EventJson.strings;
import static org.tessera.indexer.events.EventJson.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
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
public record Event(String eventId, String source, String recordId, String agency, String recordType, EventDate date,
                    String title, String text, SourceDocument document, Map<String, EventCode> codes, EventPlace location,
                    List<EventPerson> people, List<String> personIds, List<String> childIds, List<String> householdIds,
                    Double youngestChildAge, Double subjectAge, List<EventEntity> entities, Map<String, List<String>> entityNames,
                    List<EventContext> contexts, List<String> concepts, List<ConceptMatch> conceptMatches,
                    List<EventHit> hits, List<String> indicatorIds, String contentHash, String ingestedAt) {

    /** The entity types whose names are listed under {@code entity_names}. */
    public static final Set<String> NAMED_ENTITY_TYPES = Set.of("person", "location", "organisation", "date");

    /** The record type of an event made from a document (a file through Tika). */
    public static final String DOCUMENT_RECORD_TYPE = "document";

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

    /** The event with these hits (sorted by indicator) and their indicator ids, the shape stored after percolation. */
    public Event withHits(Collection<EventHit> newHits) {
        List<EventHit> sorted = new ArrayList<>(newHits);
        sorted.sort(java.util.Comparator.comparing(EventHit::indicatorId));
        List<String> ids = List.copyOf(new TreeSet<>(sorted.stream().map(EventHit::indicatorId).toList()));
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
    public static void putHits(ObjectNode document, Collection<EventHit> newHits) {
        List<EventHit> sorted = new ArrayList<>(newHits);
        sorted.sort(java.util.Comparator.comparing(EventHit::indicatorId));
        ArrayNode array = document.putArray(Hits.PATH);
        sorted.forEach(h -> array.add(h.toDocument()));
        ArrayNode ids = document.putArray(EventIndexFields.INDICATOR_IDS);
        new TreeSet<>(sorted.stream().map(EventHit::indicatorId).toList()).forEach(ids::add);
    }

    /** The hits of a document (as {@link #fromDocument} reads them), null when it has none: cheaper than reading it all. */
    public static List<EventHit> hitsIn(JsonNode document) {
        JsonNode hitsNode = document.get(Hits.PATH);
        if (hitsNode == null || !hitsNode.isArray()) {
            return null;
        }
        List<EventHit> out = new ArrayList<>(hitsNode.size());
        for (JsonNode h : hitsNode) {
            EventHit hit = EventHit.fromDocument(h);
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

    /** A code as a number (see {@link EventCode#number()}); null when absent or not numeric. */
    public Double codeNumber(String name) {
        EventCode code = codes.get(name);
        return code == null ? null : code.number();
    }

    /** The hits, empty when the event was never percolated. */
    public List<EventHit> hitsOrNone() {
        return hits == null ? List.of() : hits;
    }

    /** The hits of one indicator (empty when none or not percolated). */
    public List<EventHit> hitsOf(String indicatorId) {
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
        putValue(event, EventIndexFields.YOUNGEST_CHILD_AGE, youngestChildAge);
        putValue(event, EventIndexFields.SUBJECT_AGE, subjectAge);
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
        EventDate date = null;
        String dateValue = EventJson.text(doc, EventIndexFields.EVENT_DATE);
        if (dateValue != null) {
            date = new EventDate(dateValue, EventJson.text(doc, EventIndexFields.EVENT_DATE_PRECISION));
        }
        JsonNode documentNode = doc.get(EventIndexFields.Document.PATH);
        Map<String, EventCode> codes = new LinkedHashMap<>();
        JsonNode codesNode = doc.get(EventIndexFields.CODES);
        if (codesNode != null && codesNode.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = codesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> code = it.next();
                EventCode value = EventCode.fromJson(code.getValue());
                if (value != null) {
                    codes.put(code.getKey(), value);
                }
            }
        }
        JsonNode locationNode = doc.get(Location.PATH);
        List<EventPerson> people = new ArrayList<>();
        for (JsonNode p : doc.path(People.PATH)) {
            people.add(EventPerson.fromDocument(p));
        }
        List<EventEntity> entities = new ArrayList<>();
        for (JsonNode e : doc.path(Entities.PATH)) {
            entities.add(EventEntity.fromDocument(e));
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
        List<EventContext> contexts = new ArrayList<>();
        for (JsonNode c : doc.path(Contexts.PATH)) {
            contexts.add(EventContext.fromDocument(c));
        }
        List<ConceptMatch> matches = new ArrayList<>();
        for (JsonNode m : doc.path(CONCEPT_MATCHES)) {
            matches.add(ConceptMatch.fromJson(m));
        }
        return new Event(EventJson.text(doc, EventIndexFields.EVENT_ID), EventJson.text(doc, EventIndexFields.SOURCE),
                EventJson.text(doc, EventIndexFields.RECORD_ID), EventJson.text(doc, EventIndexFields.AGENCY),
                EventJson.text(doc, EventIndexFields.RECORD_TYPE), date, EventJson.text(doc, EventIndexFields.TITLE),
                EventJson.text(doc, EventIndexFields.TEXT),
                documentNode != null && documentNode.isObject() ? SourceDocument.fromDocument(documentNode) : null,
                codes, locationNode != null && locationNode.isObject() ? EventPlace.fromDocument(locationNode) : null, people,
                strings(doc.get(EventIndexFields.PERSON_IDS)), strings(doc.get(EventIndexFields.CHILD_IDS)),
                strings(doc.get(EventIndexFields.HOUSEHOLD_IDS)), decimal(doc, EventIndexFields.YOUNGEST_CHILD_AGE),
                decimal(doc, EventIndexFields.SUBJECT_AGE), entities, names, contexts, strings(doc.get(CONCEPTS)), matches,
                hitsIn(doc), strings(doc.get(EventIndexFields.INDICATOR_IDS)), EventJson.text(doc, CONTENT_HASH),
                EventJson.text(doc, EventIndexFields.INGESTED_AT));
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
                EventCode code = codes.get(child);
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
                    || (path.startsWith(EventIndexFields.CODES + ".") && codes.get(path.substring(EventIndexFields.CODES.length() + 1)) instanceof EventCode.Texts);
        };
        List<String> values = valuesAt(path);
        return list || values.size() != 1 ? null : values.getFirst();
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
        private EventDate date;
        private String title;
        private String text;
        private SourceDocument document;
        private Map<String, EventCode> codes;
        private EventPlace location;
        private List<EventPerson> people;
        private List<String> personIds;
        private List<String> childIds;
        private List<String> householdIds;
        private Double youngestChildAge;
        private Double subjectAge;
        private List<EventEntity> entities;
        private Map<String, List<String>> entityNames;
        private List<EventContext> contexts;
        private List<String> concepts;
        private List<ConceptMatch> conceptMatches;
        private List<EventHit> hits;
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

        public Builder date(EventDate value) {
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

        public Builder codes(Map<String, EventCode> value) {
            this.codes = value;
            return this;
        }

        public Builder location(EventPlace value) {
            this.location = value;
            return this;
        }

        public Builder people(List<EventPerson> value) {
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

        public Builder entities(List<EventEntity> value) {
            this.entities = value;
            return this;
        }

        public Builder entityNames(Map<String, List<String>> value) {
            this.entityNames = value;
            return this;
        }

        public Builder contexts(List<EventContext> value) {
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

        public Builder hits(List<EventHit> value) {
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

}

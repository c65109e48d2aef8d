package org.tessera.portal.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.springframework.stereotype.Service;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.audit.AuditedRead;
import org.tessera.portal.common.Highlights;
import org.tessera.portal.common.Json;
import org.tessera.portal.search.SearchResults.FacetValue;
import org.tessera.portal.search.SearchResults.PersonResult;
import org.tessera.portal.search.SearchResults.RecordResult;
import org.tessera.portal.search.SearchResults.Summary;
import org.tessera.portal.security.Roles;

/**
 * One-box search over people and records. {@link #search} is the audited entry point (one audit
 * record per search the user runs); {@link #people} and {@link #records} fetch further pages of
 * the same search for lazy grids. Thread-safe.
 */
@Service
@RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
public class SearchService {

    /** The key of the record-type facet in {@link #search}'s facets (the field it counts). */
    public static final String RECORD_TYPE_FACET = EventIndexFields.RECORD_TYPE;
    /** The field whose matched passages the record search returns. */
    private static final String HIGHLIGHTED_FIELD = EventIndexFields.TEXT;

    private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

    private final OpenSearchConnection connection;
    private final Clock clock;

    public SearchService(OpenSearchConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Longest search text accepted; longer is refused with a reason rather than sent to the engine. */
    public static final int MAX_QUERY_LENGTH = 512;
    /** The engine's result window: no page may reach past it. */
    public static final int MAX_RESULT_WINDOW = 10_000;

    /** Runs a search (audited with its purpose: {@link AuditedRead}) and returns totals and facets. */
    @AuditedRead(value = AuditTrail.SEARCH, query = 0)
    public Summary search(String text, SearchFilter filter) {
        checkText(text);
        SearchText parsed = SearchText.parse(text);
        if (parsed.isEmpty()) {
            return new Summary(0, 0, Map.of());
        }
        ObjectNode people = personQuery(parsed, filter);
        people.put("size", 0).put("track_total_hits", true);
        ObjectNode personAggs = people.putObject("aggs");
        terms(personAggs, "band", "risk.band");
        terms(personAggs, "district", "postcode_districts");
        ObjectNode ages = personAggs.putObject("age").putObject("range");
        ages.put("field", "date_of_birth");
        ArrayNode ranges = ages.putArray("ranges");
        LocalDate today = LocalDate.now(clock);
        for (AgeBand band : AgeBand.ALL) {
            ranges.addObject().put("key", band.label())
                    .put("from", today.minusYears(band.maxAge() + 1L).plusDays(1).toString())
                    .put("to", today.minusYears(band.minAge()).plusDays(1).toString());
        }
        ObjectNode records = recordQuery(parsed, filter);
        records.put("size", 0).put("track_total_hits", true);
        ObjectNode recordAggs = records.putObject("aggs");
        terms(recordAggs, "agency", "agency");
        terms(recordAggs, EventIndexFields.RECORD_TYPE, EventIndexFields.RECORD_TYPE);
        terms(recordAggs, "indicator", EventIndexFields.INDICATOR_IDS);
        recordAggs.putObject("year").putObject("date_histogram").put("field", EventIndexFields.EVENT_DATE)
                .put("calendar_interval", "year").put("format", "yyyy").put("min_doc_count", 1);

        JsonNode personAnswer = connection.search(connection.alias("persons"), people);
        JsonNode recordAnswer = connection.search(connection.alias("events"), records);
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        facets.put("agency", buckets(recordAnswer, "agency"));
        facets.put(RECORD_TYPE_FACET, buckets(recordAnswer, EventIndexFields.RECORD_TYPE));
        facets.put("indicator", buckets(recordAnswer, "indicator"));
        facets.put("year", buckets(recordAnswer, "year"));
        facets.put("band", buckets(personAnswer, "band"));
        facets.put("district", buckets(personAnswer, "district"));
        facets.put("age", buckets(personAnswer, "age"));
        return new Summary(personAnswer.path("hits").path("total").path("value").asLong(),
                recordAnswer.path("hits").path("total").path("value").asLong(), facets);
    }

    /** A page of people for the search (not audited again: {@link #search} was); nothing past the engine's result window. */
    public List<PersonResult> people(String text, SearchFilter filter, int offset, int limit) {
        ObjectNode body = pageQuery(text, filter, offset, limit, this::personQuery).orElse(null);
        if (body == null) {
            return List.of();
        }
        body.withArrayProperty("sort").addObject().put("person_id", "asc");
        List<PersonResult> results = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("persons"), body).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            String name = Json.text(source, "full_name");
            if (name == null) {
                name = String.join(" ", Json.strings(source.path("given_names"))) + " " + String.join(" ", Json.strings(source.path("family_name")));
            }
            results.add(new PersonResult(Json.text(source, "person_id"), name.trim(), Json.text(source, "date_of_birth"),
                    source.path("is_child").asBoolean(false), Json.strings(source.path("postcodes")),
                    Json.text(source.path("risk"), "band"), Json.number(source.path("risk"), "score"),
                    Json.strings(source.path("agencies")), hit.path("_score").asDouble(0)));
        }
        return results;
    }

    /** A page of records for the search, newest best match first, with highlighted snippets. */
    public List<RecordResult> records(String text, SearchFilter filter, int offset, int limit) {
        ObjectNode body = pageQuery(text, filter, offset, limit, this::recordQuery).orElse(null);
        if (body == null) {
            return List.of();
        }
        ArrayNode sort = body.withArrayProperty("sort");
        sort.addObject().putObject(EventIndexFields.EVENT_DATE).put("order", "desc");
        sort.addObject().put(EventIndexFields.EVENT_ID, "asc");
        body.putArray("_source").add(EventIndexFields.EVENT_ID).add(EventIndexFields.AGENCY).add(EventIndexFields.RECORD_TYPE).add(EventIndexFields.EVENT_DATE)
                .add(EventIndexFields.INDICATOR_IDS).add(EventIndexFields.PERSON_IDS).add(EventIndexFields.People.NAME_PATH).add(EventIndexFields.TITLE);
        ObjectNode highlight = body.putObject("highlight");
        highlight.put("encoder", "html").put("fragment_size", 160).put("number_of_fragments", 3);
        highlight.putObject("fields").putObject(HIGHLIGHTED_FIELD);
        List<RecordResult> results = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("events"), body).path("hits").path("hits")) {
            Event event = Event.fromDocument(hit.path("_source"));
            List<String> snippets = new ArrayList<>();
            hit.path("highlight").path(HIGHLIGHTED_FIELD).forEach(fragment -> snippets.add(Highlights.fromEngine(fragment.asText())));
            List<String> names = new ArrayList<>();
            event.people().forEach(person -> names.add(person.name() == null ? "" : person.name()));
            results.add(new RecordResult(event.eventId(), event.agency(), event.recordType(), event.date() == null ? null : event.date().value(),
                    snippets, event.indicatorIds(), event.personIds(), names));
        }
        return results;
    }

    ObjectNode personQuery(SearchText text, SearchFilter filter) {
        BoolQuery query = BoolQuery.create();
        if (!text.words().isEmpty()) {
            String words = text.wordsText();
            ArrayNode should = anyOf(query.must());
            // Typos: every word must be near some name of the person.
            should.addObject().putObject("match").putObject("all_names")
                    .put("query", words).put("operator", "and").put("fuzziness", "AUTO").put("prefix_length", 1).put("boost", 2);
            // Exact names score above fuzzy ones.
            should.addObject().putObject("multi_match").put("query", words).put("operator", "and").put("type", "cross_fields")
                    .put("boost", 3).putArray("fields").add("given_names").add("family_name");
            // Beginnings of names ("Jay" finds Jayden).
            should.addObject().putObject("match").putObject("all_names.prefix").put("query", words).put("operator", "and");
            ArrayNode lowered = Json.object().arrayNode();
            ArrayNode phonetic = Json.object().arrayNode();
            for (String word : text.words()) {
                lowered.add(word.toLowerCase(Locale.ROOT));
                String code = METAPHONE.doubleMetaphone(word);
                if (code != null && !code.isEmpty()) {
                    phonetic.add(code);
                }
            }
            // Nicknames and spelling variants the linker stored (Jack for John, Kaylee for Cayleigh).
            should.addObject().putObject("terms").set("name_variants", lowered);
            should.addObject().putObject("terms").set("name_phonetic", phonetic);
            should.addObject().putObject("match").putObject("address_text").put("query", words).put("operator", "and");
        }
        for (String postcode : text.postcodes()) {
            query.must().addObject().putObject("match").putObject("postcodes.prefix").put("query", postcode.replace(" ", ""));
        }
        for (LocalDate date : text.dates()) {
            ArrayNode dob = anyOf(query.must());
            dob.addObject().putObject("term").put("date_of_birth", date.toString());
            dob.addObject().putObject("term").put("dob_text", date.toString());
        }
        for (Integer year : text.years()) {
            query.must().addObject().putObject("term").put("birth_year", year);
        }
        termIfSet(query.filters(), "risk.band", filter.band());
        termIfSet(query.filters(), "postcode_districts", filter.district());
        termIfSet(query.filters(), "agencies", filter.agency());
        if (filter.ageBand() != null) {
            AgeBand band = AgeBand.parse(filter.ageBand());
            LocalDate today = LocalDate.now(clock);
            query.filters().addObject().putObject("range").putObject("date_of_birth")
                    .put("gt", today.minusYears(band.maxAge() + 1L).toString())
                    .put("lte", today.minusYears(band.minAge()).toString());
        }
        return query.body();
    }

    ObjectNode recordQuery(SearchText text, SearchFilter filter) {
        BoolQuery query = BoolQuery.create();
        if (!text.words().isEmpty()) {
            String words = text.wordsText();
            ArrayNode should = anyOf(query.must());
            should.addObject().putObject("match").putObject("text").put("query", words).put("operator", "and").put("boost", 2);
            should.addObject().putObject("match").putObject("title").put("query", words).put("operator", "and");
            peopleClause(should).putObject("match").putObject(EventIndexFields.People.NAME_PATH)
                    .put("query", words).put("operator", "and").put("fuzziness", "AUTO").put("prefix_length", 1);
        }
        for (String postcode : text.postcodes()) {
            String prefix = postcode.toLowerCase(Locale.ROOT);
            ArrayNode should = anyOf(query.must());
            should.addObject().putObject("prefix").put(EventIndexFields.Location.POSTCODE_PATH, prefix);
            peopleClause(should).putObject("prefix").put(EventIndexFields.People.POSTCODE_PATH, prefix);
        }
        for (LocalDate date : text.dates()) {
            peopleClause(query.must()).putObject("term").put(EventIndexFields.People.DATE_OF_BIRTH_PATH, date.toString());
        }
        termIfSet(query.filters(), "agency", filter.agency());
        termIfSet(query.filters(), EventIndexFields.RECORD_TYPE, filter.recordType());
        termIfSet(query.filters(), EventIndexFields.INDICATOR_IDS, filter.indicator());
        termIfSet(query.filters(), EventIndexFields.Location.POSTCODE_DISTRICT_PATH, filter.district());
        if (filter.from() != null || filter.to() != null) {
            ObjectNode range = query.filters().addObject().putObject("range").putObject(EventIndexFields.EVENT_DATE);
            if (filter.from() != null) {
                range.put("gte", filter.from().toString());
            }
            if (filter.to() != null) {
                range.put("lte", filter.to().toString());
            }
        }
        if (filter.ageBand() != null) {
            AgeBand band = AgeBand.parse(filter.ageBand());
            query.filters().addObject().putObject("range").putObject(EventIndexFields.SUBJECT_AGE).put("gte", band.minAge()).put("lt", band.maxAge() + 1);
        }
        return query.body();
    }

    /**
     * The {@code bool} query both searches build: what the user typed as {@code must} clauses, the chosen
     * facets as {@code filter} clauses (scoring nothing).
     */
    private record BoolQuery(ObjectNode body, ArrayNode must, ArrayNode filters) {

        static BoolQuery create() {
            ObjectNode body = Json.object();
            ObjectNode bool = body.putObject("query").putObject("bool");
            return new BoolQuery(body, bool.putArray("must"), bool.putArray("filter"));
        }
    }

    /** Adds to {@code filters} a term filter on {@code field} when the user chose a {@code value}. */
    private static void termIfSet(ArrayNode filters, String field, String value) {
        if (value != null) {
            filters.addObject().putObject("term").put(field, value);
        }
    }

    /** Adds to {@code clauses} a clause that holds when any of its {@code should} clauses does; returns them, to fill. */
    private static ArrayNode anyOf(ArrayNode clauses) {
        ObjectNode any = clauses.addObject().putObject("bool");
        any.put("minimum_should_match", 1);
        return any.putArray("should");
    }

    /** Adds to {@code clauses} a nested clause over the event's people; returns its query, to fill. */
    private static ObjectNode peopleClause(ArrayNode clauses) {
        ObjectNode nested = clauses.addObject().putObject("nested");
        nested.put("path", EventIndexFields.People.PATH);
        return nested.putObject("query");
    }

    private static void terms(ObjectNode aggs, String name, String field) {
        aggs.putObject(name).putObject("terms").put("field", field).put("size", 20);
    }

    private static List<FacetValue> buckets(JsonNode answer, String name) {
        List<FacetValue> values = new ArrayList<>();
        for (JsonNode bucket : answer.path("aggregations").path(name).path("buckets")) {
            String key = bucket.has("key_as_string") ? bucket.path("key_as_string").asText() : bucket.path("key").asText();
            long count = bucket.path("doc_count").asLong();
            if (count > 0) {
                values.add(new FacetValue(key, count));
            }
        }
        return values;
    }

    /** The page size that stays inside the engine's result window (0 past it), after checking text and bounds. */
    /**
     * The query for one page of a search's people or records: {@code from} and {@code size} within the engine's
     * result window, best match first (the caller adds its tie-breakers to {@code sort}); empty when there is
     * nothing to fetch (no search text, or a page past the window).
     */
    private static Optional<ObjectNode> pageQuery(String text, SearchFilter filter, int offset, int limit,
                                                  BiFunction<SearchText, SearchFilter, ObjectNode> query) {
        int size = pageWithinWindow(text, offset, limit);
        SearchText parsed = SearchText.parse(text);
        if (parsed.isEmpty() || size == 0) {
            return Optional.empty();
        }
        ObjectNode body = query.apply(parsed, filter);
        body.put("from", offset).put("size", size);
        body.putArray("sort").add("_score");
        return Optional.of(body);
    }

    private static int pageWithinWindow(String text, int offset, int limit) {
        checkText(text);
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must not be negative, and limit at least 1");
        }
        return Math.max(0, Math.min(limit, MAX_RESULT_WINDOW - offset));
    }

    private static void checkText(String text) {
        if (text != null && text.length() > MAX_QUERY_LENGTH) {
            throw new IllegalArgumentException("the search text is " + text.length() + " characters long; at most "
                    + MAX_QUERY_LENGTH + " are accepted: search for fewer words");
        }
    }

    /** Offsets and sizes the engine would refuse, refused here with a reason (never an engine error). */
    public static void checkPage(long offset, long limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("page and size must not be negative, and size at least 1");
        }
        if (offset + limit > MAX_RESULT_WINDOW) {
            throw new IllegalArgumentException("results past the first " + MAX_RESULT_WINDOW + " cannot be paged through: narrow the search");
        }
    }
}

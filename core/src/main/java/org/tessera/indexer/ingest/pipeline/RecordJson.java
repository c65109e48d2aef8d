package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Location;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.RecordIndexFields.Canonical;
import org.tessera.indexer.linkage.PersonOccurrence;

/**
 * A mapped {@link SourceRecord} as JSON and back, exactly (the feed store keeps what each source
 * currently holds in this form). Stateless and thread-safe.
 */
final class RecordJson {

    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;

    private RecordJson() {
    }

    static ObjectNode toJson(SourceRecord r) {
        ObjectNode n = JSON.createObjectNode();
        n.put(Canonical.SOURCE, r.source()).put(Canonical.RECORD_ID, r.recordId()).put(Canonical.AGENCY, r.agency())
                .put(Canonical.RECORD_TYPE, r.recordType());
        date(n, Canonical.EVENT_DATE, r.eventDate());
        text(n, Canonical.TITLE, r.title());
        text(n, Canonical.TEXT, r.text());
        ObjectNode codes = n.putObject(Canonical.CODES);
        r.codes().forEach(codes::put);
        if (r.location() != null) {
            ObjectNode location = n.putObject("location");
            text(location, "address", r.location().address());
            text(location, "postcode", r.location().postcode());
        }
        ArrayNode people = n.putArray("people");
        for (InvolvedPerson p : r.people()) {
            ObjectNode person = people.addObject();
            person.put("role", p.role());
            text(person, "given_names", p.givenNames());
            text(person, "family_name", p.familyName());
            p.otherNames().forEach(person.putArray("other_names")::add);
            date(person, "date_of_birth", p.dateOfBirth());
            text(person, "gender", p.gender());
            text(person, "address", p.address());
            text(person, "postcode", p.postcode());
            ObjectNode ids = person.putObject("identifiers");
            p.identifiers().forEach(ids::put);
            text(person, "title", p.title());
        }
        n.putObject("origin").put("file", r.origin().file()).put("first_line", r.origin().firstLine())
                .put("last_line", r.origin().lastLine());
        return n;
    }

    static SourceRecord fromJson(JsonNode n) {
        Location location = n.has("location")
                ? new Location(text(n.path("location"), "address"), text(n.path("location"), "postcode")) : null;
        List<InvolvedPerson> people = people(n);
        JsonNode origin = n.path("origin");
        return new SourceRecord(n.path(Canonical.SOURCE).asText(), n.path(Canonical.RECORD_ID).asText(), n.path(Canonical.AGENCY).asText(),
                n.path(Canonical.RECORD_TYPE).asText(), date(n.path(Canonical.EVENT_DATE)), text(n, Canonical.TITLE), text(n, Canonical.TEXT),
                strings(n.path(Canonical.CODES)), location, people,
                new Origin(origin.path("file").asText(), origin.path("first_line").asLong(), origin.path("last_line").asLong()));
    }

    /** The involved persons of a stored record's JSON ({@link #toJson}), read from its {@code people} alone. */
    static List<InvolvedPerson> people(JsonNode n) {
        List<InvolvedPerson> people = new ArrayList<>();
        for (JsonNode p : n.path("people")) {
            List<String> others = new ArrayList<>();
            p.path("other_names").forEach(o -> others.add(o.asText()));
            people.add(new InvolvedPerson(p.path("role").asText(), text(p, "given_names"), text(p, "family_name"), others,
                    date(p.path("date_of_birth")), text(p, "gender"), text(p, "address"), text(p, "postcode"),
                    strings(p.path("identifiers")), text(p, "title")));
        }
        return people;
    }

    /**
     * The person occurrences of a stored record of {@code source} and {@code eventId} from its JSON's {@code people} alone
     * (the feed store's {@code record.people}, ADR 0057): equal, slot for slot, to {@link PersonOccurrence#of} of the whole
     * record, which reads nothing else of it.
     */
    static List<PersonOccurrence> occurrences(String source, String eventId, JsonNode n) {
        return PersonOccurrence.of(source, eventId, people(n));
    }

    private static void text(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
    }

    private static void date(ObjectNode n, String field, PartialDate d) {
        if (d != null) {
            ObjectNode date = n.putObject(field);
            date.put("year", d.year()).put("month", d.month()).put("day", d.day()).put("precision", d.precision().name());
            if (d.time() != null) {
                date.put("time", d.time().toString());
            }
        }
    }

    private static PartialDate date(JsonNode n) {
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        return new PartialDate(n.path("year").asInt(), n.path("month").asInt(), n.path("day").asInt(),
                n.has("time") ? LocalTime.parse(n.path("time").asText()) : null,
                PartialDate.Precision.valueOf(n.path("precision").asText()));
    }
}

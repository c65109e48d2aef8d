package org.tessera.indexer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.semantic.ConceptMatch;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.ProductSources;

/**
 * {@link Event} carries every field of {@code mappings/indices/events.json}: a document holding
 * every mapped field (every declared code with its mapped type) reads into an {@code Event} and
 * writes back byte for byte, and the fixture is checked against the mapping, so a field added to
 * the mapping fails here until the type carries it.
 */
class EventTest {

    private static final String FULL = """
            {"event_id":"ev-1","source":"police","record_id":"R1","agency":"police","record_type":"domestic_incident",
             "event_date":"2024-03-05T21:10:00","event_date_precision":"date_time","title":"DA incident","text":"Mum denies any drinking.",
             "document":{"file_name":"letter.pdf","content_type":"application/pdf","size_bytes":123456,"sha256":"ab12",
                         "ocr":true,"subject_link":"linked","date_source":"text","author":"Hillside School"},
             "codes":{},
             "location":{"address":"1 High Rd","postcode":"TC1 4AB","postcode_district":"TC1"},
             "people":[{"person_id":"p1","slot":0,"role":"subject","name":"Amy Smith","date_of_birth":"2015-01-02","gender":"F",
                        "postcode":"TC1 4AB","age_years":9.2,"is_child":true,"household_id":"h1"},
                       {"person_id":"p2","slot":2,"role":"suspect","is_child":false}],
             "person_ids":["p1","p2"],"child_ids":["p1"],"household_ids":["h1"],"youngest_child_age":9.2,"subject_age":9.2,
             "entities":[{"type":"person","text":"Amy","start":0,"end":3,"person_id":"p1"},{"type":"date","text":"Monday","start":5,"end":11}],
             "entity_names":{"person":["Amy"],"location":["High Rd"],"organisation":["Hillside School"],"date":["Monday"]},
             "contexts":[{"start":4,"end":10,"negated":true,"uncertain":false,"historical":false,"hypothetical":false,"experiencer":"mother"}],
             "concepts":["alcohol"],
             "concept_matches":[{"concept":"alcohol","indicator":"IND-1","start":0,"end":24,"anchor_start":16,"anchor_end":24,
                                 "anchors":[16,24],"exemplar":"mother drinks","similarity":0.81}],
             "hits":[{"indicator_id":"IND-1","indicator_version":3,"severity":"medium","weight":2.0,"counts":false,
                      "context":["negated","experiencer:mother"],"evidence":"Mum denies any drinking.","evidence_start":16,
                      "evidence_end":24,"field":"text","person_ids":["p1"],"method":"query"}],
             "indicator_ids":["IND-1"],"content_hash":"0f0f","ingested_at":"2026-12-06T11:00:00Z"}
            """;

    @Test
    void aDocumentWithEveryMappedFieldSurvivesTheRoundTripUnchanged() throws Exception {
        ObjectNode document = full();
        Event event = Event.fromDocument(document);
        assertThat(event.toDocument()).isEqualTo(document);
        // the same bytes, not only an equal tree: the content hash is taken over them
        assertThat(EngineJson.MAPPER.writeValueAsString(event.toDocument())).isEqualTo(EngineJson.MAPPER.writeValueAsString(document));
    }

    @Test
    void theFixtureHoldsEveryFieldOfTheEventsMapping() throws Exception {
        Set<String> inFixture = new TreeSet<>();
        paths(full(), "", inFixture);
        assertThat(inFixture).as("fields of events.json missing from the round-trip fixture: add them to it and to Event")
                .containsAll(mappedLeaves());
    }

    @Test
    void typedPartsReadAsTheMappingSays() throws Exception {
        Event event = Event.fromDocument(full());
        assertThat(event.day()).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(event.date().precision()).isEqualTo("date_time");
        assertThat(event.people()).hasSize(2);
        assertThat(event.people().getFirst().isChild()).isTrue();
        assertThat(event.people().get(1).ageYears()).isNull();
        assertThat(event.hits()).singleElement().satisfies(h -> {
            assertThat(h.countsTowardsScore()).isFalse();
            assertThat(h.contextLabels()).isEqualTo("negated,experiencer:mother");
            assertThat(h.evidenceStart()).isEqualTo(16);
        });
        assertThat(event.codes().get("dash_score")).isInstanceOf(EventCode.Whole.class);
        assertThat(event.codes().get("attendance_pct")).isInstanceOf(EventCode.Decimal.class);
        assertThat(event.codes().get("flags")).isInstanceOf(EventCode.Text.class);
        assertThat(event.conceptMatchesFor("IND-1")).extracting(ConceptMatch::concept).containsExactly("alcohol");
        assertThat(event.conceptMatchesFor("IND-2")).isEmpty();
    }

    @Test
    void valuesAtAddressesTheFieldsAStoredQueryTests() throws Exception {
        Event event = Event.fromDocument(full());
        assertThat(event.valuesAt("codes.dash_score")).containsExactly("7");
        assertThat(event.valuesAt("codes.attendance_pct")).containsExactly("81.5");
        assertThat(event.valuesAt("location.postcode_district")).containsExactly("TC1");
        assertThat(event.valuesAt("youngest_child_age")).containsExactly("9.2");
        assertThat(event.valuesAt("child_ids")).containsExactly("p1");
        assertThat(event.valuesAt("record_type")).containsExactly("domestic_incident");
        assertThat(event.valuesAt("document.ocr")).containsExactly("true");
        // nested lists are not addressed, as in the document
        assertThat(event.valuesAt("people.role")).isEmpty();
        assertThat(event.valuesAt("codes.nothing")).isEmpty();
    }

    @Test
    void anEventNeverPercolatedHasNoHitsFieldAndOneThatMatchedNothingHasAnEmptyOne() throws Exception {
        ObjectNode document = full();
        document.remove(List.of("hits", "indicator_ids"));
        Event unpercolated = Event.fromDocument(document);
        assertThat(unpercolated.hits()).isNull();
        assertThat(unpercolated.toDocument().has("hits")).isFalse();

        Event none = unpercolated.withHits(List.of());
        assertThat(none.toDocument().get("hits")).isEmpty();
        assertThat(none.toDocument().get("indicator_ids")).isEmpty();
    }

    @Test
    void withHitsSortsThemAndListsTheirIndicatorsOnce() throws Exception {
        EventHit b = new EventHit("B", 1, "low", 1.0, true, List.of(), "e", null, null, "codes.x", List.of(), "query");
        EventHit a1 = new EventHit("A", 1, "high", 3.0, true, List.of(), "e", 0, 1, "text", List.of("p1"), "query");
        EventHit a2 = new EventHit("A", 1, "high", 3.0, false, List.of("negated"), "e", 2, 3, "text", List.of("p1"), "query");
        Event event = Event.fromDocument(full()).withHits(List.of(b, a1, a2));
        assertThat(event.hits()).extracting(EventHit::indicatorId).containsExactly("A", "A", "B");
        assertThat(event.indicatorIds()).containsExactly("A", "B");
        assertThat(event.hitsOf("A")).hasSize(2);
    }

    @Test
    void aPartialSourceReadsWithoutGuesses() throws Exception {
        Event event = Event.fromDocument(EngineJson.MAPPER.readTree("""
                {"event_id":"e","event_date":"2024-01-02","person_ids":"p1","hits":[{"severity":"low"},{"indicator_id":"X","context":"uncertain,historical"}]}"""));
        assertThat(event.agency()).isNull();
        assertThat(event.people()).isEmpty();
        assertThat(event.personIds()).containsExactly("p1");
        assertThat(event.date().precision()).isNull();
        // a hit without an indicator says nothing; context labels of older documents were one string
        assertThat(event.hits()).singleElement().satisfies(h -> {
            assertThat(h.context()).containsExactly("uncertain", "historical");
            assertThat(h.countsTowardsScore()).isTrue();
        });
        assertThat(Event.fromDocument(EngineJson.MAPPER.readTree("{\"event_date\":\"05/03/2024\"}")).day()).isNull();
    }

    @Test
    void entityNamesOfAnUnknownTypeAreRefused() {
        assertThatThrownBy(() -> new Event("e", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, Map.of("vehicle", List.of("red van")), null, null, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vehicle");
    }

    /** The fixture, with one value of the mapped type for every declared code. */
    private static ObjectNode full() throws Exception {
        ObjectNode document = (ObjectNode) EngineJson.MAPPER.readTree(FULL);
        ObjectNode codes = (ObjectNode) document.get("codes");
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping().path("properties").path("codes").path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> code = it.next();
            switch (code.getValue().path("type").asText()) {
                case "integer" -> codes.put(code.getKey(), 7);
                case "float" -> codes.put(code.getKey(), 81.5);
                default -> codes.put(code.getKey(), "value of " + code.getKey());
            }
        }
        codes.putArray("assessment_factors").add("3A").add("4B");
        codes.put("dash_score_text", "high-ish");
        return document;
    }

    private static JsonNode mapping() throws Exception {
        JsonNode definition = EngineJson.MAPPER.readTree(Files.readString(
                ProductSources.repositoryRoot().resolve("mappings").resolve("indices").resolve("events.json")));
        return definition.path("mappings");
    }

    /** Every leaf of the events mapping (a field without sub-properties), as a dotted path. */
    private static Set<String> mappedLeaves() throws Exception {
        Set<String> leaves = new TreeSet<>();
        leaves(mapping().path("properties"), "", leaves);
        assertThat(leaves).hasSizeGreaterThan(60);
        return leaves;
    }

    private static void leaves(JsonNode properties, String prefix, Set<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode sub = field.getValue().path("properties");
            if (sub.isEmpty()) {
                out.add(prefix + field.getKey());
            } else {
                leaves(sub, prefix + field.getKey() + ".", out);
            }
        }
    }

    /** The dotted paths of a document's fields (array elements' fields under the array's name). */
    private static void paths(JsonNode node, String prefix, Set<String> out) {
        if (node.isArray()) {
            node.forEach(element -> paths(element, prefix, out));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            out.add(prefix + field.getKey());
            paths(field.getValue(), prefix + field.getKey() + ".", out);
        }
    }
}

package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/**
 * A first load predicts, in this JVM, the hits of the queries that read no text and then checks
 * every prediction against the engine: the evaluator must answer as the engine does on the
 * awkward values, and a wrong prediction must not survive the check.
 */
@ExtendWith(OpenSearchExtension.class)
class PredictedHitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();
    private static final EvidenceContextResolver CONTEXT = new NegexLiteContextResolver();

    @BeforeAll
    static void loadCatalogue(TestOpenSearch os) {
        new IndicatorStore(os.connection()).load(CATALOGUE);
    }

    @Test
    void theEvaluatorAnswersAsTheEngineOnAwkwardValuesAndTheFirstLoadStoresTheStreamPathsHits(TestOpenSearch os) throws Exception {
        OpenSearchConnection connection = os.connection();
        List<ObjectNode> events = StreamBackfillEquivalenceIT.events();
        events.addAll(awkward());

        // The stream path's hits: every event percolated against every query.
        Map<String, List<IndicatorHit>> stream = new TreeMap<>();
        EventPercolator percolator = EventPercolator.forCatalogue(connection, CONTEXT, CATALOGUE);
        for (int from = 0; from < events.size(); from += 100) {
            List<ObjectNode> batch = events.subList(from, Math.min(events.size(), from + 100));
            List<List<IndicatorHit>> found = percolator.percolate(batch);
            for (int i = 0; i < batch.size(); i++) {
                stream.put(batch.get(i).path("event_id").asText(), found.get(i));
            }
        }

        // A first load: predicted hits written with the events. Every seventh prediction is made
        // from a misleading copy (another record type), so the check has wrong ones to correct:
        // hits the event does not have, and hits it has but was not given.
        IndicatorBackfill backfill = new IndicatorBackfill(connection, CONTEXT);
        PredictedHits predicted = backfill.predict(CATALOGUE.enabledQueries(), EventFields.loadDefault());
        assertThat(predicted.indicatorIds()).contains("HLT13", "EDU01", "EDU04", "OTH09");
        Set<String> misled = new TreeSet<>();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i).deepCopy();
            ObjectNode seen = event;
            if (i % 7 == 3) {
                seen = event.deepCopy();
                seen.put("record_type", event.path("record_type").asText().equals("a_and_e_attendance") ? "referral_x" : "a_and_e_attendance");
                misled.add(event.path("event_id").asText());
            }
            IndicatorHit.attach(event, predicted.hitsOf(seen));
            bulk.append("{\"index\":{\"_index\":\"").append(os.alias("events")).append("\",\"_id\":\"")
                    .append(event.path("event_id").asText()).append("\"}}\n").append(event).append('\n');
        }
        assertThat(connection.raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true")).body()).contains("\"errors\":false");

        // The evaluator against the engine, query by query, on every event.
        StructuredQueryEvaluator evaluator = new StructuredQueryEvaluator(EventFields.loadDefault());
        List<String> disagreements = new ArrayList<>();
        for (JsonNode query : probeQueries()) {
            Predicate<JsonNode> compiled = evaluator.compile(query);
            assertThat(compiled).as(query.toString()).isNotNull();
            Set<String> engine = engineMatches(os, query);
            Set<String> mine = new TreeSet<>();
            events.forEach(e -> {
                if (compiled.test(e)) {
                    mine.add(e.path("event_id").asText());
                }
            });
            if (!engine.equals(mine)) {
                disagreements.add(query + "\n  engine: " + engine + "\n  mine:   " + mine);
            }
        }
        assertThat(disagreements).isEmpty();

        List<JsonNode> rewritten = new ArrayList<>();
        int written = backfill.attachAll(CATALOGUE.enabledQueries(), predicted, rewritten::add);
        os.refresh();

        Map<String, JsonNode> stored = StreamBackfillEquivalenceIT.storedEvents(os);
        List<String> differences = new ArrayList<>();
        for (ObjectNode event : events) {
            String id = event.path("event_id").asText();
            ObjectNode expected = JSON.createObjectNode();
            IndicatorHit.attach(expected, stream.get(id));
            if (!stored.get(id).path("hits").equals(expected.path("hits"))
                    || !stored.get(id).path("indicator_ids").equals(expected.path("indicator_ids"))) {
                differences.add(id + (misled.contains(id) ? " (misled)" : "") + "\n  stored: " + stored.get(id).path("hits")
                        + "\n  stream: " + expected.path("hits"));
            }
        }
        assertThat(differences).isEmpty();
        assertThat(written).isEqualTo(rewritten.size());
        long predictedOnly = events.stream().map(e -> e.path("event_id").asText())
                .filter(id -> !stream.get(id).isEmpty() && !misled.contains(id))
                .filter(id -> stream.get(id).stream().allMatch(hit -> predicted.indicatorIds().contains(hit.indicatorId())))
                .count();
        assertThat(predictedOnly).as("events only predicted queries match").isGreaterThan(10);
        assertThat(rewritten).as("events written once, with their predicted hits, are not rewritten")
                .noneMatch(doc -> !misled.contains(doc.path("event_id").asText())
                        && stream.get(doc.path("event_id").asText()).stream().allMatch(hit -> predicted.indicatorIds().contains(hit.indicatorId())));
    }

    /** Values where a careless evaluator and the engine part ways: precision, coercion, folding, arrays, dotted keys. */
    private static List<ObjectNode> awkward() throws Exception {
        String[] docs = {
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"attendance_pct\":89.99999999}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"attendance_pct\":89.9}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"attendance_pct\":\"85\"}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"attendance_pct\":50}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"attendance_pct\":[95, 40]}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"unauthorised_sessions\":9.9}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"unauthorised_sessions\":\"10\"}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes\":{\"attendance_code\":\"O\"}}",
            "{\"record_type\":\"attendance\",\"agency\":\"education\",\"codes.attendance_code\":\"G\"}",
            "{\"record_type\":\"cp_plan\",\"agency\":\"social_care\",\"codes\":{\"outcome\":\"Clôsed\"}}",
            "{\"record_type\":\"CP_PLAN\",\"agency\":\"social_care\",\"codes\":{\"outcome\":\"closed\"}}",
            "{\"record_type\":\"cp_plan\",\"agency\":\"social_care\",\"codes\":{\"outcome\":[\"open\",\"Stepped Down\"]}}",
            "{\"record_type\":\"a_and_e_attendance\",\"agency\":\"health\",\"codes\":{\"chief_complaint\":\"INJURY\"}}",
            "{\"record_type\":\"a_and_e_attendance\",\"agency\":\"health\",\"codes\":{\"injury_mechanism\":\"\"}}",
            "{\"record_type\":\"a_and_e_attendance\",\"agency\":\"health\",\"codes\":{\"injury_mechanism\":null}}",
            "{\"record_type\":\"assessment\",\"agency\":\"social_care\",\"codes\":{\"assessment_factors\":[\"18A\",\"18B\"]}}",
        };
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            ObjectNode e = (ObjectNode) JSON.readTree(docs[i]);
            e.put("event_id", "awkward:" + i);
            e.put("source", "awkward");
            e.put("record_id", String.valueOf(i));
            e.put("event_date", "2025-03-0" + (1 + i % 9));
            e.putArray("child_ids").add("child-a" + i);
            e.putArray("person_ids").add("child-a" + i);
            events.add(e);
        }
        return events;
    }

    /** Every shipped query that reads no text, and a few more of the subset. */
    private static List<JsonNode> probeQueries() throws Exception {
        List<JsonNode> queries = new ArrayList<>();
        CATALOGUE.enabledQueries().stream().filter(i -> !i.readsText()).forEach(i -> queries.add(i.query()));
        queries.add(JSON.readTree("{\"range\":{\"codes.attendance_pct\":{\"gt\":89.9,\"lte\":95}}}"));
        queries.add(JSON.readTree("{\"range\":{\"codes.unauthorised_sessions\":{\"gt\":9.5}}}"));
        queries.add(JSON.readTree("{\"term\":{\"codes.unauthorised_sessions\":9}}"));
        queries.add(JSON.readTree("{\"term\":{\"codes.outcome\":\"CLOSED\"}}"));
        queries.add(JSON.readTree("{\"exists\":{\"field\":\"codes.injury_mechanism\"}}"));
        queries.add(JSON.readTree("{\"bool\":{\"filter\":[{\"term\":{\"agency\":\"education\"}}],\"should\":[{\"term\":{\"record_type\":\"x\"}}]}}"));
        queries.add(JSON.readTree("{\"bool\":{\"should\":[{\"term\":{\"agency\":\"health\"}},{\"exists\":{\"field\":\"codes.chief_complaint\"}},"
                + "{\"term\":{\"record_type\":\"a_and_e_attendance\"}}],\"minimum_should_match\":2,\"must_not\":[{\"term\":{\"codes.chief_complaint\":\"injury\"}}]}}"));
        return queries;
    }

    private static Set<String> engineMatches(TestOpenSearch os, JsonNode query) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 1000);
        body.put("_source", false);
        body.set("query", query);
        Set<String> ids = new TreeSet<>();
        JSON.readTree(os.connection().raw("POST", "/" + os.alias("events") + "/_search", body.toString()).body())
                .path("hits").path("hits").forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }
}

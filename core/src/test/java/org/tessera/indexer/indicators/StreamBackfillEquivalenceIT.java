package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;

/** The two ways to run an indicator must agree: percolating new events and backfilling over indexed ones. */
@ExtendWith(OpenSearchExtension.class)
class StreamBackfillEquivalenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();
    /** The rules and the shipped context head, on by default (ADR 0039): both paths must read a hit's sentence the same way. */
    private static final EvidenceContextResolver CONTEXT = new NegexLiteContextResolver()
            .withContextHead(org.tessera.indexer.nlp.semantic.ContextHead.loadDefault().orElseThrow());

    @BeforeAll
    static void loadCatalogue(TestOpenSearch os) {
        new IndicatorStore(os.connection()).load(CATALOGUE);
    }

    /** Catalogue examples (every third), multi-sentence notes joining two examples, and noise. */
    static List<ObjectNode> events() {
        List<ObjectNode> examples = new ArrayList<>();
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            indicator.examples().positive().forEach(examples::add);
            indicator.examples().negative().forEach(examples::add);
        }
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < examples.size(); i += 3) {
            ObjectNode e = examples.get(i).deepCopy();
            e.remove("negated");
            events.add(e);
        }
        for (int i = 1; i + 7 < examples.size() && events.size() < 200; i += 11) {
            String a = examples.get(i).path("text").asText("");
            String b = examples.get(i + 7).path("text").asText("");
            if (!a.isEmpty() && !b.isEmpty()) {
                ObjectNode e = JSON.createObjectNode();
                e.put("agency", i % 2 == 0 ? "social_care" : "police");
                e.put("text", a + " Later that week.\n" + b + " No further concerns about the garden.");
                e.put("subject_age", 5 + i % 12);
                events.add(e);
            }
        }
        for (int i = 0; i < 20; i++) {
            ObjectNode e = JSON.createObjectNode();
            e.put("agency", "education");
            e.put("record_type", "attendance");
            e.put("text", "Routine note " + i + ": reading book changed, spelling test " + (i % 10) + "/10.");
            e.putObject("codes").put("attendance_pct", 80.0 + i);
            events.add(e);
        }
        for (int i = 0; i < events.size(); i++) {
            ObjectNode e = events.get(i);
            e.put("event_id", "eq:" + i);
            e.put("source", "equivalence");
            e.put("record_id", String.valueOf(i));
            e.put("event_date", "2025-0" + (1 + i % 9) + "-1" + (i % 10));
            e.putArray("child_ids").add("child-" + (i % 17));
            e.putArray("person_ids").add("child-" + (i % 17)).add("adult-" + (i % 13));
            if (!e.has("agency")) {
                e.put("agency", "other");
            }
        }
        return events;
    }

    @Test
    void streamAndBackfillGiveIdenticalHitsAndBackfillReplacesOnlyItsOwnIndicator(TestOpenSearch os) throws Exception {
        OpenSearchConnection connection = os.connection();
        List<ObjectNode> events = events();
        assertThat(events.size()).isBetween(150, 260);

        // Stream: percolate in batches, keep what it would store on each event.
        EventPercolator percolator = new EventPercolator(connection, CONTEXT);
        Map<String, List<IndicatorHit>> stream = new TreeMap<>();
        for (int from = 0; from < events.size(); from += 100) {
            List<ObjectNode> batch = events.subList(from, Math.min(events.size(), from + 100));
            List<List<IndicatorHit>> found = percolator.percolate(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (!found.get(i).isEmpty()) {
                    stream.put(batch.get(i).path("event_id").asText(), found.get(i));
                }
            }
        }

        // Backfill: index the events without hits, run every indicator as a search.
        StringBuilder bulk = new StringBuilder();
        for (ObjectNode e : events) {
            bulk.append("{\"index\":{\"_index\":\"").append(os.alias("events")).append("\",\"_id\":\"").append(e.path("event_id").asText()).append("\"}}\n")
                    .append(e).append('\n');
        }
        assertThat(connection.raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true")).body()).contains("\"errors\":false");
        IndicatorBackfill backfill = new IndicatorBackfill(connection, CONTEXT);
        Map<String, List<IndicatorHit>> backfilled = new TreeMap<>();
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            backfill.run(indicator, false).hitsByEvent().forEach((eventId, hit) -> backfilled.computeIfAbsent(eventId, k -> new ArrayList<>()).add(hit));
        }
        backfilled.values().forEach(list -> list.sort(IndicatorHit.ORDER));
        connection.raw("POST", "/" + os.alias("events") + "/_refresh", null);

        int totalHits = stream.values().stream().mapToInt(List::size).sum();
        long textHits = stream.values().stream().flatMap(List::stream).filter(h -> h.evidenceStart() >= 0).count();
        long notCounting = stream.values().stream().flatMap(List::stream).filter(h -> !h.counts()).count();
        System.out.printf("stream vs backfill: %d events, %d events hit, %d hits (%d with text offsets, %d not counting)%n",
                events.size(), stream.size(), totalHits, textHits, notCounting);
        assertThat(totalHits).as("hits").isGreaterThan(100);
        assertThat(textHits).as("text hits with offsets").isGreaterThan(50);
        assertThat(notCounting).as("hits that do not count").isGreaterThan(0);
        List<String> differences = new ArrayList<>();
        java.util.Set<String> allIds = new java.util.TreeSet<>(stream.keySet());
        allIds.addAll(backfilled.keySet());
        for (String id : allIds) {
            List<IndicatorHit> s = stream.getOrDefault(id, List.of());
            List<IndicatorHit> b = backfilled.getOrDefault(id, List.of());
            if (!s.equals(b)) {
                differences.add(id + "\n  stream:   " + s + "\n  backfill: " + b);
            }
        }
        assertThat(differences).as("events whose hits differ").isEmpty();
        assertThat(backfilled).isEqualTo(stream);

        // What backfill stored equals what the stream path would store.
        Map<String, JsonNode> stored = storedEvents(os);
        for (ObjectNode e : events) {
            String id = e.path("event_id").asText();
            ObjectNode expected = JSON.createObjectNode();
            IndicatorHit.attach(expected, stream.getOrDefault(id, List.of()));
            JsonNode actual = stored.get(id);
            if (stream.containsKey(id)) {
                assertThat(actual.path("hits")).as(id).isEqualTo(expected.path("hits"));
                assertThat(actual.path("indicator_ids")).as(id).isEqualTo(expected.path("indicator_ids"));
            } else {
                assertThat(actual.path("hits").isMissingNode() || actual.path("hits").isEmpty()).as(id).isTrue();
            }
        }

        // A changed indicator: its stale hits go, other indicators' hits stay.
        String changedId = stream.values().stream().flatMap(List::stream).map(IndicatorHit::indicatorId)
                .filter(id -> stream.values().stream().filter(l -> l.stream().anyMatch(h -> h.indicatorId().equals(id))).count() >= 2)
                .findFirst().orElseThrow();
        Indicator original = CATALOGUE.get(changedId);
        ObjectNode narrowed = (ObjectNode) JSON.readTree("{\"match_phrase\":{\"text\":\"zzzz never written\"}}");
        Indicator changed = new Indicator(original.id(), original.title(), original.description(), original.group(), original.agencies(),
                original.severity(), original.weight(), original.halfLifeDays(), original.appliesTo(), original.version() + 1,
                true, null, original.concern(), original.reachesSiblings(), original.ages(), narrowed, null, original.examples(), original.file());
        IndicatorBackfill.Result result = backfill.run(changed, true);
        assertThat(result.hitsByEvent()).isEmpty();
        assertThat(result.updated()).isGreaterThanOrEqualTo(2);
        Map<String, JsonNode> after = storedEvents(os);
        for (Map.Entry<String, List<IndicatorHit>> entry : stream.entrySet()) {
            List<String> expectedIds = entry.getValue().stream().map(IndicatorHit::indicatorId).filter(id -> !id.equals(changedId)).distinct().toList();
            List<String> ids = new ArrayList<>();
            after.get(entry.getKey()).path("hits").forEach(h -> ids.add(h.path("indicator_id").asText()));
            assertThat(ids).as(entry.getKey()).isEqualTo(expectedIds);
            List<String> indicatorIds = new ArrayList<>();
            after.get(entry.getKey()).path("indicator_ids").forEach(h -> indicatorIds.add(h.asText()));
            assertThat(indicatorIds).doesNotContain(changedId);
        }
    }

    /** Every stored event document by id (up to 1,000). */
    static Map<String, JsonNode> storedEvents(TestOpenSearch os) throws Exception {
        String body = os.connection().raw("POST", "/" + os.alias("events") + "/_search", "{\"size\":1000,\"query\":{\"match_all\":{}}}").body();
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode hit : JSON.readTree(body).path("hits").path("hits")) {
            out.put(hit.path("_id").asText(), hit.path("_source"));
        }
        return out;
    }
}

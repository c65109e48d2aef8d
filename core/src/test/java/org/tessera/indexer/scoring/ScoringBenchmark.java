package org.tessera.indexer.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import org.tessera.indexer.watchlist.WatchlistReplay;

/**
 * Prints scoring throughput figures on a generated population (not a test):
 * {@code java -cp ... org.tessera.indexer.scoring.ScoringBenchmark [children] [--opensearch]}.
 * Pure: score + velocity of every child, 36-month timelines, a 36-month top-50 replay. With
 * {@code --opensearch}: the same events bulk-indexed into the test server (system property {@code tessera.bench.opensearch}, default http://127.0.0.1:9401) under a
 * throw-away prefix, then {@code rescoreAll} timed end to end.
 */
public final class ScoringBenchmark {

    private static final LocalDate END = LocalDate.parse("2025-12-31");
    private static final String[] AGENCIES = {"police", "health", "education", "social_care", "housing", "probation"};

    public static void main(String[] args) {
        int children = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 10_000;
        boolean engine = List.of(args).contains("--opensearch");
        List<ObjectNode> docs = generate(children, new Random(42));
        ScoringParameters parameters = ScoringParameters.defaults();
        RiskScorer scorer = new RiskScorer(parameters, Map.of());
        Map<String, List<RiskEvent>> byChild = new LinkedHashMap<>();
        for (ObjectNode doc : docs) {
            RiskEvent event = EventDocuments.parse(doc, null).orElseThrow();
            for (RiskEvent.Participant p : event.people()) {
                String household = p.householdId();
                for (int i = 0; i < 2; i++) {
                    String child = "c-" + (Integer.parseInt(household.substring(2)) * 2 + i);
                    if (p.child() && !p.personId().equals(child)) {
                        continue;
                    }
                    byChild.computeIfAbsent(child, c -> new ArrayList<>()).add(event);
                }
            }
        }
        Map<String, ChildHistory> histories = new LinkedHashMap<>();
        byChild.forEach((child, events) -> histories.put(child, ChildHistory.of(child, events, parameters)));
        System.out.printf("population: %d children, %d events (%d with hits)%n", histories.size(), docs.size(),
                docs.stream().filter(d -> !d.path("hits").isEmpty()).count());

        long t0 = System.nanoTime();
        double total = 0;
        for (ChildHistory h : histories.values()) {
            total += scorer.assess(h, END).score();
        }
        report("assess (score + velocity)", histories.size(), t0, "children");
        t0 = System.nanoTime();
        for (ChildHistory h : histories.values()) {
            RiskTimeline.monthly(scorer, h, END, 36);
        }
        report("36-month timelines", histories.size(), t0, "children");
        t0 = System.nanoTime();
        WatchlistReplay.Result replay = new WatchlistReplay(scorer).replay(histories, END, 36, 50, 90);
        report("36-month top-50 replay", histories.size(), t0, "children");
        System.out.printf("mean score %.2f; %d children ever surfaced in the replay%n", total / histories.size(), replay.surfacings().size());

        if (engine) {
            // An already running server (the test server by default); never starts one.
            String uri = System.getProperty("tessera.bench.opensearch", "http://127.0.0.1:9401");
            var properties = OpenSearchSettings.from(SettingsSource.of(Map.of("tessera.opensearch.uris", uri,
                    "tessera.opensearch.index-prefix", "bench-scoring")));
            try (OpenSearchConnection connection = OpenSearchConnection.open(properties)) {
                IndexManager indices = new IndexManager(connection, IndexDefinitions.loadDefault());
                indices.deleteAll();
                indices.ensureAll();
                try {
                    t0 = System.nanoTime();
                    StringBuilder bulk = new StringBuilder();
                    for (int i = 0; i < docs.size(); i++) {
                        bulk.append("{\"index\":{\"_index\":\"").append(connection.alias("events")).append("\",\"_id\":\"")
                                .append(docs.get(i).path("event_id").asText()).append("\"}}\n").append(docs.get(i)).append('\n');
                        if (bulk.length() > 4_000_000 || i == docs.size() - 1) {
                            new EventQueries(connection).bulk(bulk.toString(), false);
                            bulk.setLength(0);
                        }
                    }
                    indices.refreshAll();
                    report("bulk index events", docs.size(), t0, "events");
                    ScoreService service = ScoreService.fromIndex(connection, parameters, false);
                    t0 = System.nanoTime();
                    var reached = service.loader().childrenReachedBetween(END.minusDays(parameters.maxAgeDays()), END);
                    report("  children reached (composite aggregations)", reached.size(), t0, "children");
                    t0 = System.nanoTime();
                    var loaded = service.loader().load(reached, END);
                    report("  histories loaded (scrolls)", loaded.values().stream().mapToLong(h -> h.events().size()).sum(), t0, "events");
                    t0 = System.nanoTime();
                    RescoreResult result = service.rescoreAll(END);
                    report("rescoreAll over OpenSearch", result.written(), t0, "children");
                    t0 = System.nanoTime();
                    int exported = new org.tessera.indexer.watchlist.WatchlistExport(scorer)
                            .write(service, END, 36, 50, 90, ExportFormat.CSV, java.io.Writer.nullWriter());
                    report("export watchlist (load + 36-month replay)", exported, t0, "rows");
                } finally {
                    indices.deleteAll();
                }
            }
        }
    }

    private static void report(String what, long count, long startNanos, String unit) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-44s %8d %s in %7.2f s = %10.0f %s/s%n", what, count, unit, seconds, count / seconds, unit);
    }

    /** Two children and one adult per household; children have 15 own records, adults 5. */
    static List<ObjectNode> generate(int children, Random random) {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> docs = new ArrayList<>();
        String[] indicators = {"EDU01", "EDU06", "NEG03", "NEG09", "PAR01", "PAR14", "PAR15", "MIS01", "HOU01", "PHY09", "PAR02"};
        String[] severities = {"low", "low", "low", "low", "medium", "medium", "medium", "medium", "medium", "high", "high"};
        int households = children / 2;
        for (int h = 0; h < households; h++) {
            for (int member = 0; member < 3; member++) {
                boolean adult = member == 2;
                String person = adult ? "a-" + h : "c-" + (h * 2 + member);
                for (int e = 0; e < (adult ? 5 : 15); e++) {
                    ObjectNode doc = json.createObjectNode();
                    String id = "gen:" + person + "-" + e;
                    doc.put("event_id", id);
                    doc.put("agency", AGENCIES[random.nextInt(AGENCIES.length)]);
                    doc.put("record_type", "record");
                    doc.put("event_date", END.minusDays(random.nextInt(1095)).toString());
                    ArrayNode people = doc.putArray("people");
                    people.addObject().put("person_id", person).put("role", "subject").put("is_child", !adult).put("household_id", "h-" + h);
                    doc.putArray("person_ids").add(person);
                    if (!adult) {
                        doc.putArray("child_ids").add(person);
                    }
                    doc.putArray("household_ids").add("h-" + h);
                    ArrayNode hits = doc.putArray("hits");
                    if (random.nextInt(adult ? 2 : 3) == 0) {
                        int i = random.nextInt(indicators.length);
                        hits.addObject().put("indicator_id", indicators[i]).put("severity", severities[i])
                                .put("counts", random.nextInt(10) > 0).put("field", "text");
                    }
                    docs.add(doc);
                }
            }
        }
        return docs;
    }
}

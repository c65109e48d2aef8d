package org.tessera.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.OpenSearchSettings;

/**
 * Simulated practitioners against the indexed county: each user loops over a realistic mix —
 * a name search with a typo (40%), a partial-postcode search (15%), a search in the notes with
 * highlighting (15%), and a child's profile load (30%: the person, their chronology, their
 * household) — for a bounded time. Queries are built from people actually in the index.
 */
public record SearchLoadBenchmark(SettingsSource settings, String prefix, PrintStream out) {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    private static final String[] NOTE_TERMS = {"missed appointment", "shouting", "bruise", "not brought", "hungry",
            "domestic", "alcohol", "police attended", "absent", "eviction"};

    public record Result(LatencyRecorder.Summary all, long errors) {
    }

    public Result run(int users, int seconds) throws Exception {
        out.println(MachineInfo.current().describe());
        OpenSearchProperties properties = OpenSearchSettings.from(settings);
        if (prefix != null) {
            properties = properties.withIndexPrefix(prefix);
        }
        try (OpenSearchConnection connection = OpenSearchConnection.open(properties)) {
            List<JsonNode> sample = samplePeople(connection, 500);
            if (sample.isEmpty()) {
                throw new IllegalStateException("no persons in " + connection.alias("persons") + ": ingest a county first");
            }
            long persons = count(connection, "persons");
            long events = count(connection, "events");
            out.printf(Locale.ROOT, "data: %,d persons, %,d events; %d users for %d s%n", persons, events, users, seconds);
            String[] kinds = {"name search", "postcode search", "notes search", "profile load"};
            ClosedLoopLoad.Timings timings = ClosedLoopLoad.run(users, seconds, kinds.length, (random, step) -> {
                JsonNode person = sample.get(random.nextInt(sample.size()));
                double dice = random.nextDouble();
                int kind = dice < 0.40 ? 0 : dice < 0.55 ? 1 : dice < 0.70 ? 2 : 3;
                return new ClosedLoopLoad.Request(kind, () -> {
                    switch (kind) {
                        case 0 -> nameSearch(connection, person, random);
                        case 1 -> postcodeSearch(connection, person);
                        case 2 -> notesSearch(connection, random);
                        default -> profile(connection, person);
                    }
                });
            });
            LatencyRecorder all = timings.all();
            LatencyRecorder[] byKind = timings.byKind();
            LatencyRecorder.Summary summary = all.summary();
            out.printf(Locale.ROOT, "all:             %s, %.0f requests/s%n", summary.describe(), summary.count() / (double) seconds);
            for (int k = 0; k < kinds.length; k++) {
                out.printf(Locale.ROOT, "%-16s %s%n", kinds[k] + ":", byKind[k].summary().describe());
            }
            return new Result(summary, summary.errors());
        }
    }

    private static void nameSearch(OpenSearchConnection c, JsonNode person, SplittableRandom random) {
        String given = typo(person.path("given_names").asText(""), random);
        String family = person.path("family_name").asText("");
        String query = """
                {"size":20,"query":{"bool":{"should":[
                  {"multi_match":{"query":"%s","fields":["given_names","family_name","all_names"],"fuzziness":"AUTO","operator":"and"}},
                  {"multi_match":{"query":"%s","fields":["all_names.prefix"],"operator":"and"}},
                  {"terms":{"name_variants":["%s","%s"]}}],"minimum_should_match":1}}}"""
                .formatted(escape(given + " " + family), escape(given + " " + family),
                        escape(given.toLowerCase(Locale.ROOT)), escape(family.toLowerCase(Locale.ROOT)));
        call(c, "/" + c.alias("persons") + "/_search", query);
    }

    private static void postcodeSearch(OpenSearchConnection c, JsonNode person) {
        String postcode = person.path("postcodes").path(0).asText("TC1 1");
        String partial = postcode.length() > 4 ? postcode.substring(0, postcode.length() - 2) : postcode;
        call(c, "/" + c.alias("persons") + "/_search",
                "{\"size\":20,\"query\":{\"match\":{\"postcodes.prefix\":\"" + escape(partial) + "\"}}}");
    }

    private static void notesSearch(OpenSearchConnection c, SplittableRandom random) {
        String term = NOTE_TERMS[random.nextInt(NOTE_TERMS.length)];
        call(c, "/" + c.alias("events") + "/_search", """
                {"size":20,"query":{"match_phrase":{"text":{"query":"%s","slop":2}}},
                 "highlight":{"fields":{"text":{"number_of_fragments":2}}},
                 "aggs":{"agency":{"terms":{"field":"agency"}},"type":{"terms":{"field":"record_type"}}}}""".formatted(term));
    }

    private static void profile(OpenSearchConnection c, JsonNode person) {
        String id = person.path("person_id").asText();
        call(c, "/" + c.alias("persons") + "/_doc/" + id, null);
        call(c, "/" + c.alias("events") + "/_search", """
                {"size":200,"query":{"term":{"person_ids":"%s"}},"sort":[{"event_date":"desc"}],
                 "aggs":{"agency":{"terms":{"field":"agency"}},"indicators":{"terms":{"field":"indicator_ids","size":50}}}}"""
                .formatted(id));
        JsonNode households = person.path("household_ids");
        if (!households.isEmpty()) {
            call(c, "/" + c.alias("persons") + "/_search",
                    "{\"size\":30,\"query\":{\"terms\":{\"household_ids\":" + households + "}}}");
        }
    }

    private static void call(OpenSearchConnection c, String endpoint, String body) {
        c.call(body == null ? "GET" : "POST", endpoint, body, Map.of());
    }

    private static List<JsonNode> samplePeople(OpenSearchConnection c, int size) throws IOException {
        JsonNode answer = c.call("POST", "/" + c.alias("persons") + "/_search",
                "{\"size\":" + size + ",\"query\":{\"function_score\":{\"query\":{\"term\":{\"is_child\":true}},\"random_score\":{\"seed\":7,\"field\":\"_seq_no\"}}}}",
                Map.of());
        List<JsonNode> people = new ArrayList<>();
        answer.path("hits").path("hits").forEach(h -> people.add(h.path("_source")));
        return people;
    }

    private static long count(OpenSearchConnection c, String index) {
        return c.count(index);
    }

    /** One realistic slip: two neighbouring letters swapped, or one dropped. */
    static String typo(String name, SplittableRandom random) {
        if (name.length() < 4) {
            return name;
        }
        int i = 1 + random.nextInt(name.length() - 2);
        return random.nextBoolean()
                ? name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2)
                : name.substring(0, i) + name.substring(i + 1);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

package org.tessera.indexer.arrivals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.EngineException;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * The {@code alerts} index: writes the alerts of an arrival (ids from the arrival's job and the
 * child, so a retry rewrites the same documents), records who they were for and who saw them, and
 * reads them back. Thread-safe.
 */
public final class AlertStore {

    private final OpenSearchConnection connection;
    private final Clock clock;

    public AlertStore(OpenSearchConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Stores one alert per change (searchable at once) and returns them. */
    public List<Alert> create(String arrivalJobId, List<WatchlistChange> changes) {
        if (changes.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> districts = districts(changes.stream().map(WatchlistChange::personId).toList());
        Instant now = clock.instant();
        List<Alert> alerts = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        for (WatchlistChange change : changes) {
            Alert alert = new Alert("al-" + Ids.sha256Hex(arrivalJobId + '\u0000' + change.personId()).substring(0, 20), now,
                    arrivalJobId, change, districts.getOrDefault(change.personId(), List.of()));
            alerts.add(alert);
            bulk.append("{\"index\":{\"_index\":\"").append(connection.alias("alerts")).append("\",\"_id\":\"")
                    .append(alert.alertId()).append("\"}}\n").append(document(alert)).append('\n');
        }
        OpenSearchConnection.BulkAnswer answer = connection.bulk(bulk.toString(), Map.of("refresh", "true"));
        if (!answer.failures().isEmpty()) {
            throw new IllegalStateException("alerts not stored: " + answer.failures());
        }
        return alerts;
    }

    /** Records the users an alert was for (their subscriptions matched). */
    public void addRecipients(String alertId, List<String> users) {
        if (!users.isEmpty()) {
            append(alertId, "recipients", users);
        }
    }

    /** Records that {@code user} saw the alert. */
    public void seen(String alertId, String user) {
        append(alertId, "seen_by", List.of(user));
    }

    /** The newest alerts meant for {@code user}, newest first, each with whether the user saw it. */
    public List<Stored> forRecipient(String user, int size) {
        ObjectNode body = EngineJson.object();
        body.put("size", size);
        body.putObject("query").putObject("term").put("recipients", user);
        body.putArray("sort").addObject().putObject("created_at").put("order", "desc");
        List<Stored> found = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("alerts"), body).path("hits").path("hits")) {
            JsonNode s = hit.path("_source");
            Set<String> seenBy = new LinkedHashSet<>();
            s.path("seen_by").forEach(v -> seenBy.add(v.asText()));
            found.add(new Stored(read(s), seenBy.contains(user)));
        }
        return found;
    }

    /** An alert as read back, and whether the reader saw it. */
    public record Stored(Alert alert, boolean seen) {
    }

    private void append(String alertId, String field, List<String> values) {
        ObjectNode body = EngineJson.object();
        ObjectNode script = body.putObject("script");
        script.put("lang", "painless");
        script.put("source", "if (ctx._source." + field + " == null) { ctx._source." + field + " = []; } "
                + "for (v in params.values) { if (!ctx._source." + field + ".contains(v)) { ctx._source." + field + ".add(v); } }");
        ArrayNode list = script.putObject("params").putArray("values");
        values.forEach(list::add);
        connection.call("POST", "/" + connection.alias("alerts") + "/_update/" + alertId, body,
                Map.of("refresh", "true", "retry_on_conflict", "5"));
    }

    private static ObjectNode document(Alert alert) {
        WatchlistChange c = alert.change();
        ObjectNode doc = EngineJson.object();
        doc.put("alert_id", alert.alertId()).put("created_at", alert.createdAt().toString()).put("arrival_job_id", alert.arrivalJobId())
                .put("person_id", c.personId()).put("kind", c.kind().label()).put("section", c.section())
                .put("band", c.band()).put("score", c.score()).put("score_before", c.scoreBefore()).put("reason", c.reason());
        if (c.sectionBefore() != null) {
            doc.put("section_before", c.sectionBefore());
        }
        if (c.bandBefore() != null) {
            doc.put("band_before", c.bandBefore());
        }
        ArrayNode d = doc.putArray("postcode_districts");
        alert.postcodeDistricts().forEach(d::add);
        doc.putArray("recipients");
        doc.putArray("seen_by");
        return doc;
    }

    private static Alert read(JsonNode s) {
        List<String> districts = new ArrayList<>();
        s.path("postcode_districts").forEach(v -> districts.add(v.asText()));
        WatchlistChange change = new WatchlistChange(s.path("person_id").asText(),
                WatchlistChange.Kind.valueOf(s.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                s.path("section").asText(), text(s, "section_before"), s.path("band").asText(), text(s, "band_before"),
                s.path("score").asDouble(), s.path("score_before").asDouble(), text(s, "reason"));
        return new Alert(s.path("alert_id").asText(), Instant.parse(s.path("created_at").asText()), text(s, "arrival_job_id"), change, districts);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /**
     * Current postcode districts of each person, from the {@code persons} index; a person not (yet) there
     * has none, as does every person when the index cannot be read.
     */
    private Map<String, List<String>> districts(List<String> personIds) {
        Map<String, JsonNode> persons;
        try {
            persons = connection.mget(connection.alias("persons"), personIds,
                    Map.of("_source_includes", "addresses.postcode_district,addresses.to,postcode_districts"));
        } catch (EngineException e) {
            // districts only narrow who is alerted; an unreadable persons index leaves them empty
            return Map.of();
        }
        Map<String, List<String>> found = new HashMap<>();
        persons.forEach((personId, source) -> {
            Set<String> current = new LinkedHashSet<>();
            for (JsonNode address : source.path("addresses")) {
                String district = text(address, "postcode_district");
                if (district != null && text(address, "to") == null) {
                    current.add(district);
                }
            }
            if (current.isEmpty()) {
                source.path("postcode_districts").forEach(v -> current.add(v.asText()));
            }
            found.put(personId, List.copyOf(current));
        });
        return found;
    }
}

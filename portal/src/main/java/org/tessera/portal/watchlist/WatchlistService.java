package org.tessera.portal.watchlist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.Json;
import org.tessera.portal.security.CurrentUser;
import org.tessera.portal.security.Roles;

/**
 * Children whose accumulated risk put them in the amber or red band or rose fast, joined with the
 * duty managers' reviews. Acting on an entry writes the review with its history (optimistic
 * concurrency: two managers acting at once cannot lose each other's history). Thread-safe.
 */
@Service
public class WatchlistService {

    /** Velocity (score change per 30 days, as the scorer writes it) above which a child is listed whatever the band. */
    static final double RISING = 2.0;

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final Clock clock;

    public WatchlistService(OpenSearchConnection connection, AuditTrail audit, Clock clock) {
        this.connection = connection;
        this.audit = audit;
        this.clock = clock;
    }

    /** The watchlist, newest risk change first; {@code includeDismissed} also shows dismissed entries. */
    @RolesAllowed({Roles.PRACTITIONER, Roles.DUTY_MANAGER})
    public List<WatchlistEntry> entries(boolean includeDismissed, int limit) {
        Optional<Instant> lastVisit = audit.lastTime(AuditTrail.WATCHLIST_VIEW);
        audit.record(AuditTrail.WATCHLIST_VIEW, null, null, null, null);
        ObjectNode body = Json.object();
        body.put("size", limit);
        ObjectNode bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("term").put("is_child", true);
        bool.put("minimum_should_match", 1);
        ArrayNode should = bool.putArray("should");
        should.addObject().putObject("terms").putArray("risk.band").add("red").add("amber");
        should.addObject().putObject("range").putObject("risk.velocity").put("gte", RISING);
        ArrayNode sort = body.putArray("sort");
        sort.addObject().putObject("risk.as_of").put("order", "desc").put("missing", "_last");
        sort.addObject().putObject("risk.score").put("order", "desc");
        sort.addObject().put("person_id", "asc");
        List<JsonNode> people = new ArrayList<>();
        Json.call(connection, "POST", "/" + connection.alias("persons") + "/_search", body).path("hits").path("hits")
                .forEach(hit -> people.add(hit.path("_source")));
        Map<String, JsonNode> reviews = reviews(people.stream().map(p -> Json.text(p, "person_id")).toList());
        List<WatchlistEntry> entries = new ArrayList<>();
        for (JsonNode person : people) {
            String id = Json.text(person, "person_id");
            JsonNode risk = person.path("risk");
            JsonNode review = reviews.get(id);
            String state = review == null ? "new" : Json.text(review, "state");
            String asOf = Json.text(risk, "as_of");
            // A review covers the evidence up to its watermark: only evidence dated after it (not a
            // mere re-scoring) reopens the entry.
            String lastEvidence = Json.text(risk, "last_evidence") != null ? Json.text(risk, "last_evidence") : asOf;
            boolean reviewedSince = review != null && lastEvidence != null && Json.text(review, "evidence_watermark") != null
                    && Json.text(review, "evidence_watermark").compareTo(lastEvidence) >= 0;
            if (review != null && !reviewedSince) {
                state = "new";
            }
            if ("dismissed".equals(state) && !includeDismissed) {
                continue;
            }
            boolean fresh = !reviewedSince && lastEvidence != null
                    && (lastVisit.isEmpty() || Instant.parse(normaliseInstant(lastEvidence)).isAfter(lastVisit.get()));
            List<String> top = Json.strings(risk.path("top_indicators"));
            double score = risk.path("score").asDouble(0);
            double velocity = risk.path("velocity").asDouble(0);
            String band = Json.text(risk, "band");
            entries.add(new WatchlistEntry(id, name(person), Json.text(person, "date_of_birth"), band, score, velocity, asOf, top,
                    reason(band, score, velocity, top, Json.strings(person.path("agencies")).size()), fresh, state,
                    review == null ? null : Json.text(review, "assigned_to"), review == null ? null : Json.text(review, "reason")));
        }
        return entries;
    }

    /** Acknowledge, assign, escalate or dismiss; returns the new state. */
    @RolesAllowed(Roles.DUTY_MANAGER)
    public String review(String personId, ReviewAction action, String assignee, String reason) {
        if (action == ReviewAction.DISMISS && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a dismissal needs a reason");
        }
        if (action == ReviewAction.ASSIGN && (assignee == null || assignee.isBlank())) {
            throw new IllegalArgumentException("an assignment needs someone to assign to");
        }
        String endpoint = "/" + connection.alias("reviews") + "/_doc/" + personId;
        for (int attempt = 0; attempt < 3; attempt++) {
            var current = connection.raw("GET", endpoint, null);
            ObjectNode doc;
            Map<String, String> concurrency = new HashMap<>();
            concurrency.put("refresh", "true");
            if (current.status() == 404) {
                doc = Json.object();
                doc.put("person_id", personId);
                doc.putArray("history");
                concurrency.put("op_type", "create");
            } else if (current.ok()) {
                JsonNode answer = Json.parse(current.body());
                doc = (ObjectNode) answer.path("_source");
                concurrency.put("if_seq_no", answer.path("_seq_no").asText());
                concurrency.put("if_primary_term", answer.path("_primary_term").asText());
            } else {
                throw new IllegalStateException("cannot read the review: HTTP " + current.status());
            }
            String now = clock.instant().toString();
            doc.put("state", action.state());
            if (action == ReviewAction.ASSIGN) {
                doc.put("assigned_to", assignee.trim());
            }
            if (reason != null && !reason.isBlank()) {
                doc.put("reason", reason.trim());
            }
            doc.put("updated_at", now);
            doc.put("updated_by", CurrentUser.name());
            doc.put("evidence_watermark", now);
            currentScore(personId).ifPresent(score -> doc.put("score_at_review", score));
            ObjectNode entry = doc.withArray("history").addObject();
            entry.put("state", action.state()).put("by", CurrentUser.name()).put("at", now);
            if (reason != null && !reason.isBlank()) {
                entry.put("reason", reason.trim());
            }
            var written = connection.raw("PUT", endpoint, doc.toString(), concurrency);
            if (written.ok()) {
                audit.record(AuditTrail.REVIEW, personId, null, null, action.state() + (action == ReviewAction.ASSIGN ? " to " + assignee : ""));
                return action.state();
            }
            if (written.status() != 409) {
                throw new IllegalStateException("cannot write the review: HTTP " + written.status());
            }
        }
        throw new IllegalStateException("the review changed under us three times; try again");
    }

    private Optional<Double> currentScore(String personId) {
        ObjectNode body = Json.object();
        body.put("size", 1);
        body.putObject("query").putObject("term").put("person_id", personId);
        body.putArray("_source").add("risk.score");
        JsonNode hits = Json.call(connection, "POST", "/" + connection.alias("persons") + "/_search", body).path("hits").path("hits");
        return hits.isEmpty() ? Optional.empty() : Optional.ofNullable(Json.number(hits.get(0).path("_source").path("risk"), "score"));
    }

    private Map<String, JsonNode> reviews(List<String> personIds) {
        Map<String, JsonNode> reviews = new HashMap<>();
        if (personIds.isEmpty()) {
            return reviews;
        }
        ObjectNode body = Json.object();
        ArrayNode ids = body.putArray("ids");
        personIds.forEach(ids::add);
        for (JsonNode doc : Json.call(connection, "POST", "/" + connection.alias("reviews") + "/_mget", body).path("docs")) {
            if (doc.path("found").asBoolean(false)) {
                reviews.put(doc.path("_id").asText(), doc.path("_source"));
            }
        }
        return reviews;
    }

    static String reason(String band, double score, double velocity, List<String> top, int agencies) {
        StringBuilder out = new StringBuilder();
        out.append(band == null ? "Rising" : capitalise(band)).append(String.format(" band, score %.1f", score));
        if (velocity != 0) {
            out.append(String.format(" (%+.1f in 30 days)", velocity));
        }
        if (!top.isEmpty()) {
            out.append("; mainly ").append(String.join(", ", top.subList(0, Math.min(3, top.size()))));
        }
        if (agencies > 1) {
            out.append("; ").append(agencies).append(" agencies");
        }
        return out.toString();
    }

    private static String capitalise(String value) {
        return value.isEmpty() ? value : Character.toUpperCase(value.charAt(0)) + value.substring(1);
    }

    private static String normaliseInstant(String date) {
        return date.length() == 10 ? date + "T00:00:00Z" : date.endsWith("Z") || date.contains("+") ? date : date + "Z";
    }

    private static String name(JsonNode source) {
        String full = Json.text(source, "full_name");
        return full != null ? full
                : (String.join(" ", Json.strings(source.path("given_names"))) + " " + String.join(" ", Json.strings(source.path("family_name")))).trim();
    }
}

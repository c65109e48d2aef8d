package org.tessera.portal.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.common.Json;

/**
 * MASH decisions in the {@code decisions} alias, one document per decision (id = person and time),
 * never rewritten: the history of a child's reviews is the list of its documents. Authorisation and
 * auditing are the calling service's. Thread-safe.
 */
@Component
public class DecisionStore {

    private final OpenSearchConnection connection;

    public DecisionStore(OpenSearchConnection connection) {
        this.connection = connection;
    }

    /** Stores a decision (visible to searches when this returns). */
    void add(MashDecision decision) {
        ObjectNode doc = Json.object();
        String id = decision.personId() + "-" + decision.decidedAt().toEpochMilli();
        doc.put("decision_id", id);
        doc.put("person_id", decision.personId());
        doc.put("rag", decision.rag().name());
        doc.put("outcome", decision.outcome().name());
        doc.put("rationale", decision.rationale());
        doc.put("consent", decision.consent().name());
        if (decision.nextReview() != null) {
            doc.put("next_review", decision.nextReview().toString());
        }
        doc.put("decided_at", decision.decidedAt().toString());
        doc.put("decided_by", decision.decidedBy());
        doc.put("score_at_decision", decision.scoreAtDecision());
        doc.put("band_at_decision", decision.bandAtDecision());
        connection.call("PUT", "/" + connection.alias("decisions") + "/_doc/" + encode(id), doc, Map.of("refresh", "wait_for", "op_type", "create"));
    }

    /** A child's decisions, newest first. */
    public List<MashDecision> history(String personId) {
        return historyFrom(connection.search(connection.alias("decisions"), historyQuery(personId)));
    }

    /** The search {@link #history} sends, for a page that sends it with others ({@code _msearch}). */
    public OpenSearchConnection.Search historySearch(String personId) {
        return new OpenSearchConnection.Search(connection.alias("decisions"), historyQuery(personId));
    }

    /** The decisions in the answer to {@link #historySearch}. */
    public List<MashDecision> historyFrom(JsonNode answer) {
        List<MashDecision> decisions = new ArrayList<>();
        for (JsonNode hit : answer.path("hits").path("hits")) {
            decisions.add(fromJson(hit.path("_source")));
        }
        return decisions;
    }

    private static ObjectNode historyQuery(String personId) {
        ObjectNode body = Json.object();
        body.put("size", 100);
        body.putObject("query").putObject("term").put("person_id", personId);
        body.putArray("sort").addObject().putObject("decided_at").put("order", "desc");
        return body;
    }

    /** The latest decision of each of the given children that has one. */
    public Map<String, MashDecision> latest(Collection<String> personIds) {
        return personIds.isEmpty() ? new HashMap<>() : latestFrom(connection.search(connection.alias("decisions"), latestQuery(personIds)));
    }

    /**
     * The search {@link #latest} sends (the children must not be empty), for a page that sends it
     * with others ({@code _msearch}); read its answer with {@link #latestFrom}.
     */
    public OpenSearchConnection.Search latestSearch(Collection<String> personIds) {
        if (personIds.isEmpty()) {
            throw new IllegalArgumentException("the latest decisions of no child");
        }
        return new OpenSearchConnection.Search(connection.alias("decisions"), latestQuery(personIds));
    }

    /** The latest decision of each child in the answer to {@link #latestSearch}. */
    public Map<String, MashDecision> latestFrom(JsonNode answer) {
        Map<String, MashDecision> latest = new HashMap<>();
        for (JsonNode bucket : answer.path("aggregations").path("by_person").path("buckets")) {
            JsonNode hit = bucket.path("latest").path("hits").path("hits").path(0);
            if (!hit.isMissingNode()) {
                MashDecision decision = fromJson(hit.path("_source"));
                latest.put(decision.personId(), decision);
            }
        }
        return latest;
    }

    private static ObjectNode latestQuery(Collection<String> personIds) {
        ObjectNode body = Json.object();
        body.put("size", 0);
        ArrayNode ids = body.putObject("query").putObject("terms").putArray("person_id");
        personIds.forEach(ids::add);
        ObjectNode byPerson = body.putObject("aggs").putObject("by_person");
        byPerson.putObject("terms").put("field", "person_id").put("size", personIds.size());
        ObjectNode top = byPerson.putObject("aggs").putObject("latest").putObject("top_hits");
        top.put("size", 1);
        top.putArray("sort").addObject().putObject("decided_at").put("order", "desc");
        return body;
    }

    private static MashDecision fromJson(JsonNode doc) {
        String next = Json.text(doc, "next_review");
        return new MashDecision(doc.path("person_id").asText(), MashDecision.Rag.valueOf(doc.path("rag").asText()),
                MashDecision.Outcome.valueOf(doc.path("outcome").asText()), doc.path("rationale").asText(),
                MashDecision.Consent.valueOf(doc.path("consent").asText()), next == null ? null : LocalDate.parse(next),
                Instant.parse(doc.path("decided_at").asText()), doc.path("decided_by").asText(),
                doc.path("score_at_decision").asDouble(0), Json.text(doc, "band_at_decision"));
    }

    private static String encode(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package org.tessera.portal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.common.Json;
import org.tessera.portal.security.CurrentUser;

/**
 * Practitioners' merge/split decisions on pairs of person records, for the linker to honour.
 *
 * <p>Stored in the {@code reviews} index under the id {@code link:<a>:<b>} (pair sorted) with
 * {@code state} {@code link_same} or {@code link_different}, {@code person_id} the first and
 * {@code assigned_to} the second record, so that no new index is needed; the watchlist ignores
 * these documents. Contract for the linker: read reviews whose state starts with {@code link_}.
 */
@Component
public class LinkDecisions {

    public enum Decision { SAME_PERSON, DIFFERENT_PEOPLE }

    private final OpenSearchConnection connection;
    private final Clock clock;

    public LinkDecisions(OpenSearchConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    public void record(String personId, String otherId, Decision decision, String reason) {
        String first = personId.compareTo(otherId) <= 0 ? personId : otherId;
        String second = first.equals(personId) ? otherId : personId;
        ObjectNode doc = Json.object();
        doc.put("person_id", first);
        doc.put("assigned_to", second);
        doc.put("state", decision == Decision.SAME_PERSON ? "link_same" : "link_different");
        doc.put("reason", reason);
        doc.put("updated_at", clock.instant().toString());
        doc.put("updated_by", CurrentUser.name());
        ObjectNode entry = doc.putArray("history").addObject();
        entry.put("state", doc.path("state").asText()).put("by", CurrentUser.name()).put("at", clock.instant().toString()).put("reason", reason);
        Json.call(connection, "PUT", "/" + connection.alias("reviews") + "/_doc/link:" + first + ":" + second, doc,
                Map.of("refresh", "true"));
    }

    /** Other person id to decision ({@code link_same}/{@code link_different}) for one person. */
    public Map<String, String> decisionsFor(String personId) {
        ObjectNode body = Json.object();
        body.put("size", 100);
        var bool = body.putObject("query").putObject("bool");
        bool.putArray("filter").addObject().putObject("prefix").put("state", "link_");
        bool.put("minimum_should_match", 1);
        var should = bool.putArray("should");
        should.addObject().putObject("term").put("person_id", personId);
        should.addObject().putObject("term").put("assigned_to", personId);
        Map<String, String> decisions = new HashMap<>();
        for (JsonNode hit : Json.call(connection, "POST", "/" + connection.alias("reviews") + "/_search", body).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            String other = personId.equals(Json.text(source, "person_id")) ? Json.text(source, "assigned_to") : Json.text(source, "person_id");
            decisions.put(other, Json.text(source, "state"));
        }
        return decisions;
    }
}

package org.tessera.portal.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.portal.common.Highlights;
import org.tessera.portal.common.Json;
import org.tessera.portal.security.Roles;

/**
 * The indicator catalogue as stored in the {@code indicators} percolator index, a test bench that
 * percolates pasted text through the real stored queries, and enabling/disabling (administrators
 * only). Thread-safe.
 */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ADMINISTRATOR})
public class IndicatorService {

    private final OpenSearchConnection connection;
    private final AuditTrail audit;

    public IndicatorService(OpenSearchConnection connection, AuditTrail audit) {
        this.connection = connection;
        this.audit = audit;
    }

    public record Indicator(String id, String title, String description, String group, String severity, Double weight,
                            Integer version, boolean enabled, String kind, List<String> agencies, String query) {
        public Indicator {
            agencies = List.copyOf(agencies);
        }
    }

    /** An indicator that fired on the test text; {@code highlighted} is safe HTML. */
    public record Match(String id, String title, String severity, boolean enabled, List<String> highlighted) {
        public Match {
            highlighted = List.copyOf(highlighted);
        }
    }

    public List<Indicator> catalogue() {
        ObjectNode body = Json.object();
        body.put("size", 1000);
        body.putArray("sort").addObject().put("indicator.id", "asc");
        List<Indicator> indicators = new ArrayList<>();
        for (JsonNode hit : Json.call(connection, "POST", "/" + connection.alias("indicators") + "/_search", body).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode meta = source.path("indicator");
            indicators.add(new Indicator(meta.path("id").asText(hit.path("_id").asText()), Json.text(meta, "title"),
                    Json.text(meta, "description"), Json.text(meta, "group"), Json.text(meta, "severity"), Json.number(meta, "weight"),
                    meta.path("version").isNumber() ? meta.path("version").asInt() : null, meta.path("enabled").asBoolean(true),
                    Json.text(meta, "kind"), Json.strings(meta.path("agencies")), source.path("query").toString()));
        }
        return indicators;
    }

    /** Percolates {@code text} as a case note through every stored indicator (enabled or not). */
    public List<Match> test(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        ObjectNode body = Json.object();
        body.put("size", 200);
        ObjectNode percolate = body.putObject("query").putObject("percolate");
        percolate.put("field", "query");
        percolate.putObject("document").put("text", text);
        ObjectNode highlight = body.putObject("highlight");
        highlight.put("encoder", "html").put("number_of_fragments", 0);
        highlight.putObject("fields").putObject("text");
        List<Match> matches = new ArrayList<>();
        for (JsonNode hit : Json.call(connection, "POST", "/" + connection.alias("indicators") + "/_search", body).path("hits").path("hits")) {
            JsonNode meta = hit.path("_source").path("indicator");
            List<String> fragments = new ArrayList<>();
            hit.path("highlight").path("text").forEach(f -> fragments.add(Highlights.fromEngine(f.asText())));
            matches.add(new Match(meta.path("id").asText(hit.path("_id").asText()), Json.text(meta, "title"),
                    Json.text(meta, "severity"), meta.path("enabled").asBoolean(true), fragments));
        }
        return matches;
    }

    @RolesAllowed(Roles.ADMINISTRATOR)
    public void setEnabled(String indicatorId, boolean enabled) {
        ObjectNode body = Json.object();
        body.putObject("query").putObject("term").put("indicator.id", indicatorId);
        ObjectNode script = body.putObject("script");
        script.put("source", "ctx._source.indicator.enabled = params.enabled").put("lang", "painless");
        script.putObject("params").put("enabled", enabled);
        JsonNode answer = Json.call(connection, "POST", "/" + connection.alias("indicators") + "/_update_by_query", body,
                Map.of("refresh", "true"));
        if (answer.path("updated").asLong() == 0) {
            throw new IllegalArgumentException("no indicator " + indicatorId);
        }
        audit.record(AuditTrail.INDICATOR_CHANGE, null, null, null, indicatorId + (enabled ? " enabled" : " disabled"));
    }
}

package org.tessera.portal.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.arrivals.NlpProperties;
import org.tessera.portal.audit.AuditTrail;
import org.tessera.indexer.indicators.EventPercolator;
import org.tessera.indexer.indicators.IndicatorHit;
import org.tessera.indexer.indicators.NlpEvidenceContext;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.portal.common.Highlights;
import org.tessera.portal.common.Json;
import org.tessera.portal.security.Roles;

/**
 * The indicator catalogue as stored in the {@code indicators} percolator index, a test bench that
 * percolates pasted text through the real stored queries with the ingest's own
 * {@link EventPercolator} (so the bench shows the hits and contexts the stream path would store),
 * and enabling/disabling (administrators only). Thread-safe.
 */
@Service
@RolesAllowed({Roles.ANALYST, Roles.ADMINISTRATOR})
public class IndicatorService {

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final EventPercolator percolator;

    /** @param nlp how an ingest reads text: the bench judges a hit with the ingest's resolver ({@code tessera.nlp.lexical-context-head}) */
    public IndicatorService(OpenSearchConnection connection, AuditTrail audit, NlpProperties nlp) {
        this.connection = connection;
        this.audit = audit;
        this.percolator = EventPercolator.includingDisabled(connection,
                NlpEvidenceContext.of(new CaseNotePipeline(new OpenNlpModels()), nlp.lexicalContextHead()));
    }

    public record Indicator(String id, String title, String description, String group, String severity, Double weight,
                            Integer version, boolean enabled, String kind, List<String> agencies, String query) {
        public Indicator {
            agencies = List.copyOf(agencies);
        }
    }

    /**
     * An indicator that fired on the test text; {@code highlighted} is safe HTML. {@code context}
     * is how the words that fired it are meant (affirmed, negated, hypothetical, uncertain,
     * historical), and {@code counts} whether such a hit would count towards a child's score.
     */
    public record Match(String id, String title, String severity, boolean enabled, List<String> highlighted,
                        String context, boolean counts) {
        public Match {
            highlighted = List.copyOf(highlighted);
        }
    }

    public List<Indicator> catalogue() {
        ObjectNode body = Json.object();
        body.put("size", 1000);
        body.putArray("sort").addObject().put("indicator.id", "asc");
        List<Indicator> indicators = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("indicators"), body).path("hits").path("hits")) {
            JsonNode source = hit.path("_source");
            JsonNode meta = source.path("indicator");
            indicators.add(new Indicator(meta.path("id").asText(hit.path("_id").asText()), Json.text(meta, "title"),
                    Json.text(meta, "description"), Json.text(meta, "group"), Json.text(meta, "severity"), Json.number(meta, "weight"),
                    meta.path("version").isNumber() ? meta.path("version").asInt() : null, meta.path("enabled").asBoolean(true),
                    Json.text(meta, "kind"), Json.strings(meta.path("agencies")), source.path("query").toString()));
        }
        return indicators;
    }

    /**
     * Percolates {@code text} as a case note through every stored indicator (enabled or not), as the
     * ingest percolates an event: each match marks its evidence with the context of its words.
     */
    public List<Match> test(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<IndicatorHit> hits = percolator.percolate(List.of(Json.object().put("text", text))).getFirst();
        if (hits.isEmpty()) {
            return List.of();
        }
        Map<String, Indicator> stored = new java.util.HashMap<>();
        catalogue().forEach(indicator -> stored.put(indicator.id(), indicator));
        List<Match> matches = new ArrayList<>();
        for (IndicatorHit hit : hits) {
            // A structured match has no words to mark; a text match marks the words that fired it.
            // How the words are meant (affirmed, negated, ...); whose experience it is is not shown here.
            String context = hit.context().labels().stream().filter(label -> !label.startsWith("experiencer:"))
                    .findFirst().orElse("affirmed");
            List<Highlights.Span> marks = hit.evidenceStart() < 0 ? List.of()
                    : List.of(new Highlights.Span(hit.evidenceStart(), hit.evidenceEnd(), context, hit.counts()));
            Indicator indicator = stored.get(hit.indicatorId());
            matches.add(new Match(hit.indicatorId(), indicator == null ? null : indicator.title(), hit.severity().label(),
                    indicator == null || indicator.enabled(), List.of(Highlights.mark(text, marks)), context, hit.counts()));
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
        JsonNode answer = connection.call("POST", "/" + connection.alias("indicators") + "/_update_by_query", body,
                Map.of("refresh", "true"));
        if (answer.path("updated").asLong() == 0) {
            throw new IllegalArgumentException("no indicator " + indicatorId);
        }
        audit.record(AuditTrail.INDICATOR_CHANGE, null, null, null, indicatorId + (enabled ? " enabled" : " disabled"));
    }
}

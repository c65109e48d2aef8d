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
import org.tessera.indexer.nlp.CaseNotePipeline;
import org.tessera.indexer.nlp.HighlightLocator;
import org.tessera.indexer.nlp.TextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
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

    private static final String PRE = "\u0001";
    private static final String POST = "\u0002";

    private final OpenSearchConnection connection;
    private final AuditTrail audit;
    private final TextAnalyzer language = new CaseNotePipeline(new OpenNlpModels());
    private final HighlightLocator locator = new HighlightLocator(PRE, POST);

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
        // Plain text with control-character tags, so the marked words can be found in the text by
        // offset and their context read from the language pipeline, as the ingest stream does.
        ObjectNode highlight = body.putObject("highlight");
        highlight.put("number_of_fragments", 0);
        highlight.putArray("pre_tags").add(PRE);
        highlight.putArray("post_tags").add(POST);
        highlight.putObject("fields").putObject("text");
        List<Match> matches = new ArrayList<>();
        for (JsonNode hit : connection.search(connection.alias("indicators"), body).path("hits").path("hits")) {
            JsonNode meta = hit.path("_source").path("indicator");
            List<HighlightLocator.Span> spans = new ArrayList<>();
            hit.path("highlight").path("text").forEach(f -> spans.addAll(locator.locate(text, f.asText())));
            // A structured match has no words to mark; it counts. A text match counts if any of its words do.
            MentionContext context = MentionContext.AFFIRMED;
            boolean counts = spans.isEmpty();
            List<Highlights.Span> marks = new ArrayList<>();
            for (HighlightLocator.Span span : spans) {
                MentionContext here = language.contextOf(text, span.start(), span.end());
                String label = here.label().name().toLowerCase(java.util.Locale.ROOT);
                marks.add(new Highlights.Span(span.start(), span.end(), label, here.countsByDefault()));
                if (!counts) {
                    context = here;
                }
                counts |= here.countsByDefault();
            }
            List<String> fragments = List.of(Highlights.mark(text, marks));
            matches.add(new Match(meta.path("id").asText(hit.path("_id").asText()), Json.text(meta, "title"),
                    Json.text(meta, "severity"), meta.path("enabled").asBoolean(true), fragments,
                    context.label().name().toLowerCase(java.util.Locale.ROOT), counts));
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

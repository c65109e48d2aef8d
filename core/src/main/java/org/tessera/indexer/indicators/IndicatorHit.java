package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One indicator firing on one event, as stored under the event's {@code hits} (nested).
 *
 * @param field         {@code text} for text evidence, or the structured field that fired (e.g. {@code codes.dash_level})
 * @param evidence      the sentence holding the matched words, or {@code field=value} for structured evidence
 * @param evidenceStart offset of the first matched word in the event's text (-1 for structured evidence)
 * @param evidenceEnd   offset just after the last matched word (-1 for structured evidence)
 * @param method        {@code query} (stream and backfill give identical hits) or {@code rule}
 */
public record IndicatorHit(String indicatorId, int indicatorVersion, Severity severity, double weight, String field,
                           String evidence, int evidenceStart, int evidenceEnd, EvidenceContext context,
                           List<String> personIds, String method) {

    public static final Comparator<IndicatorHit> ORDER = Comparator.comparing(IndicatorHit::indicatorId);

    public IndicatorHit {
        Objects.requireNonNull(indicatorId, "indicatorId");
        Objects.requireNonNull(context, "context");
        personIds = List.copyOf(personIds);
    }

    public boolean counts() {
        return context.counts();
    }

    public ObjectNode toJson() {
        ObjectNode hit = JsonNodeFactory.instance.objectNode();
        hit.put("indicator_id", indicatorId);
        hit.put("indicator_version", indicatorVersion);
        hit.put("severity", severity.label());
        hit.put("weight", weight);
        hit.put("counts", context.counts());
        ArrayNode labels = hit.putArray("context");
        context.labels().forEach(labels::add);
        hit.put("evidence", evidence);
        if (evidenceStart >= 0) {
            hit.put("evidence_start", evidenceStart);
            hit.put("evidence_end", evidenceEnd);
        }
        hit.put("field", field);
        ArrayNode persons = hit.putArray("person_ids");
        personIds.forEach(persons::add);
        hit.put("method", method);
        return hit;
    }

    /** Reads a stored hit back (the inverse of {@link #toJson}); context flags come from the labels. */
    public static IndicatorHit fromJson(JsonNode hit) {
        List<String> labels = strings(hit.path("context"));
        String experiencer = labels.stream().filter(l -> l.startsWith("experiencer:")).map(l -> l.substring("experiencer:".length()))
                .findFirst().orElse("subject");
        EvidenceContext context = new EvidenceContext(labels.contains("negated"), labels.contains("uncertain"), labels.contains("historical"),
                labels.contains("hypothetical"), experiencer, hit.path("counts").asBoolean(true));
        Severity severity = Severity.parse(hit.path("severity").asText());
        return new IndicatorHit(hit.path("indicator_id").asText(), hit.path("indicator_version").asInt(1),
                severity == null ? Severity.LOW : severity, hit.path("weight").asDouble(), hit.path("field").asText(null),
                hit.path("evidence").asText(null), hit.path("evidence_start").asInt(-1), hit.path("evidence_end").asInt(-1),
                context, strings(hit.path("person_ids")), hit.path("method").asText("query"));
    }

    /**
     * Stores hits on an event document: replaces {@code hits} and {@code indicator_ids} (every hit's
     * indicator, counted or not, sorted), the shape of events.json.
     */
    public static void attach(ObjectNode event, List<IndicatorHit> hits) {
        List<IndicatorHit> sorted = new ArrayList<>(hits);
        sorted.sort(ORDER);
        ArrayNode array = event.putArray("hits");
        sorted.forEach(h -> array.add(h.toJson()));
        ArrayNode ids = event.putArray("indicator_ids");
        new TreeSet<>(sorted.stream().map(IndicatorHit::indicatorId).toList()).forEach(ids::add);
    }

    /** Strings of an array or single value at a path of an event document. */
    static List<String> strings(JsonNode value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isMissingNode() || value.isNull()) {
            return out;
        }
        if (value.isArray()) {
            value.forEach(v -> out.add(v.asText()));
        } else {
            out.add(value.asText());
        }
        return out;
    }
}

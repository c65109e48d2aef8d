package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;

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

    /** The hit as stored on its event. */
    public EventHit toEventHit() {
        List<String> labels = context.labels();
        return new EventHit(indicatorId, indicatorVersion, severity.label(), weight, context.counts(), labels, evidence,
                evidenceStart >= 0 ? evidenceStart : null, evidenceStart >= 0 ? evidenceEnd : null, field, personIds, method);
    }

    /** The hit's JSON as stored under the event's {@code hits}. */
    public ObjectNode toJson() {
        return toEventHit().toDocument();
    }

    /** Reads a stored hit back (the inverse of {@link #toEventHit}); context flags come from the labels. */
    public static IndicatorHit of(EventHit hit) {
        List<String> labels = hit.context();
        String experiencer = labels.stream().filter(l -> l.startsWith("experiencer:")).map(l -> l.substring("experiencer:".length()))
                .findFirst().orElse("subject");
        EvidenceContext context = new EvidenceContext(labels.contains("negated"), labels.contains("uncertain"), labels.contains("historical"),
                labels.contains("hypothetical"), experiencer, hit.countsTowardsScore());
        Severity severity = Severity.parse(hit.severity() == null ? "" : hit.severity());
        return new IndicatorHit(hit.indicatorId(), hit.indicatorVersion() == null ? 1 : hit.indicatorVersion(),
                severity == null ? Severity.LOW : severity, hit.weight() == null ? 0.0 : hit.weight(), hit.field(),
                hit.evidence(), hit.evidenceStart() == null ? -1 : hit.evidenceStart(), hit.evidenceEnd() == null ? -1 : hit.evidenceEnd(),
                context, hit.personIds(), hit.method() == null ? "query" : hit.method());
    }

    /** Reads a hit as stored under an event's {@code hits} ({@link EventHit#fromDocument}). */
    public static IndicatorHit fromJson(JsonNode hit) {
        EventHit stored = EventHit.fromDocument(hit);
        if (stored == null) {
            throw new IllegalArgumentException("a stored hit without an indicator id: " + hit);
        }
        return of(stored);
    }

    /**
     * Stores hits on an event document being written: replaces {@code hits} and {@code indicator_ids}
     * (every hit's indicator, counted or not, sorted), the shape {@link Event} writes.
     */
    public static void attach(ObjectNode event, List<IndicatorHit> hits) {
        Event.putHits(event, hits.stream().map(IndicatorHit::toEventHit).toList());
    }
}

package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.bool;
import static org.tessera.indexer.events.EventJson.copy;
import static org.tessera.indexer.events.EventJson.decimal;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.putValue;
import static org.tessera.indexer.events.EventJson.strings;
import static org.tessera.indexer.events.EventJson.text;
import static org.tessera.indexer.events.EventJson.whole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import org.tessera.indexer.events.EventIndexFields.Hits;

/**
 * One indicator hit stored on the event ({@code hits}, nested).
 *
 * @param severity      the label as stored ({@code low}...); null or unknown is scored as medium
 * @param weight        the catalogue weight
 * @param counts        false for hits kept for display only (negated, hypothetical, ...); null (older documents) counts
 * @param context       the context labels ({@code negated}, {@code historical}, {@code experiencer:mother}...)
 * @param evidenceStart offset of the first matched word in the text; null for structured evidence
 * @param field         {@code text}, or the structured field that fired
 * @param personIds     whom the hit is about; empty means the whole event
 * @param method        {@code query}, {@code semantic} or {@code rule}
 */
public record EventHit(String indicatorId, Integer indicatorVersion, String severity, Double weight, Boolean counts,
                       List<String> context, String evidence, Integer evidenceStart, Integer evidenceEnd, String field,
                       List<String> personIds, String method) {

    public EventHit {
        Objects.requireNonNull(indicatorId, "indicatorId");
        context = copy(context);
        personIds = copy(personIds);
    }

    /** Whether the hit counts towards the score: a hit without the flag counts. */
    public boolean countsTowardsScore() {
        return counts == null || counts;
    }

    /** The context labels as one comma-separated string, null when there are none. */
    public String contextLabels() {
        return context.isEmpty() ? null : String.join(",", context);
    }

    /** The hit as stored under the event's {@code hits}. */
    public ObjectNode toDocument() {
        ObjectNode hit = NODES.objectNode();
        hit.put(Hits.INDICATOR_ID, indicatorId);
        putValue(hit, Hits.INDICATOR_VERSION, indicatorVersion);
        putText(hit, Hits.SEVERITY, severity);
        putValue(hit, Hits.WEIGHT, weight);
        putValue(hit, Hits.COUNTS, counts);
        strings(hit.putArray(Hits.CONTEXT), context);
        putText(hit, Hits.EVIDENCE, evidence);
        putValue(hit, Hits.EVIDENCE_START, evidenceStart);
        putValue(hit, Hits.EVIDENCE_END, evidenceEnd);
        putText(hit, Hits.FIELD, field);
        strings(hit.putArray(Hits.PERSON_IDS), personIds);
        putText(hit, Hits.METHOD, method);
        return hit;
    }

    /** A stored hit; null for one without an indicator (nothing can be said of it). */
    public static EventHit fromDocument(JsonNode hit) {
        String indicator = text(hit, Hits.INDICATOR_ID);
        if (indicator == null || indicator.isBlank()) {
            return null;
        }
        // older documents store the context labels as one comma-separated string
        JsonNode labels = hit.get(Hits.CONTEXT);
        List<String> context = labels != null && labels.isTextual()
                ? (labels.asText().isBlank() ? List.of() : List.of(labels.asText().split(",")))
                : strings(labels);
        return new EventHit(indicator, whole(hit, Hits.INDICATOR_VERSION), text(hit, Hits.SEVERITY), decimal(hit, Hits.WEIGHT),
                bool(hit, Hits.COUNTS), context, text(hit, Hits.EVIDENCE), whole(hit, Hits.EVIDENCE_START),
                whole(hit, Hits.EVIDENCE_END), text(hit, Hits.FIELD), strings(hit.get(Hits.PERSON_IDS)), text(hit, Hits.METHOD));
    }
}

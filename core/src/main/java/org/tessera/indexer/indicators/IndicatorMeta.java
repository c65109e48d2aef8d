package org.tessera.indexer.indicators;

import com.fasterxml.jackson.databind.JsonNode;

/** What a hit needs to know about its indicator: identity, version and scoring inputs. */
public record IndicatorMeta(String id, int version, Severity severity, double weight, AppliesTo appliesTo) {

    /** Reads the {@code indicator} object of a stored percolator document. */
    public static IndicatorMeta fromStored(JsonNode indicator) {
        Severity severity = Severity.parse(indicator.path("severity").asText());
        AppliesTo appliesTo = AppliesTo.parse(indicator.path("applies_to").asText());
        return new IndicatorMeta(indicator.path("id").asText(), indicator.path("version").asInt(1),
                severity == null ? Severity.LOW : severity, indicator.path("weight").asDouble(),
                appliesTo == null ? AppliesTo.ANY : appliesTo);
    }
}

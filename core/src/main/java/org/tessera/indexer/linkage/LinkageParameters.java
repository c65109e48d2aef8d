package org.tessera.indexer.linkage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * What a full linkage run fitted (the match model) and counted (name frequencies for the
 * term-frequency adjustment): stored with the persons, so that later occurrences are linked with
 * the same model and thresholds instead of a model fitted on a day's few records. Immutable.
 */
public final class LinkageParameters {

    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;

    private final MatchModel model;
    private final TermFrequencies.Counts counts;
    private final int occurrences;
    /** The reference year of the role and age guard ({@link AgeRoles}), or null when not recorded. */
    private final Integer referenceYear;

    LinkageParameters(MatchModel model, TermFrequencies.Counts counts, int occurrences, Integer referenceYear) {
        this.model = model;
        this.counts = counts;
        this.occurrences = occurrences;
        this.referenceYear = referenceYear;
    }

    public MatchModel model() {
        return model;
    }

    TermFrequencies.Counts counts() {
        return counts;
    }

    /**
     * The year the run judged a date of birth a child's against (the 99.5th percentile of its
     * birth years): a day's few records would put it elsewhere and turn adults into children.
     * Null when the stored parameters predate it (the linked occurrences' own is used).
     */
    Integer referenceYear() {
        return referenceYear;
    }

    /** Occurrences of the run that fitted them. */
    public int occurrences() {
        return occurrences;
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.set("model", model.toJson());
        n.put("occurrences", occurrences);
        if (referenceYear != null) {
            n.put("reference_year", referenceYear);
        }
        n.put("given_total", counts.givenTotal()).put("family_total", counts.familyTotal());
        ObjectNode given = n.putObject("given");
        new java.util.TreeMap<>(counts.given()).forEach(given::put);
        ObjectNode family = n.putObject("family");
        new java.util.TreeMap<>(counts.family()).forEach(family::put);
        return n;
    }

    public static LinkageParameters fromJson(JsonNode n) {
        Map<String, Integer> given = new HashMap<>();
        n.path("given").fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> family = new HashMap<>();
        n.path("family").fields().forEachRemaining(e -> family.put(e.getKey(), e.getValue().asInt()));
        return new LinkageParameters(MatchModel.fromJson(n.path("model")),
                new TermFrequencies.Counts(given, n.path("given_total").asInt(), family, n.path("family_total").asInt()),
                n.path("occurrences").asInt(), n.hasNonNull("reference_year") ? n.get("reference_year").asInt() : null);
    }
}

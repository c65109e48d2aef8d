package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The semantic stage's concepts, read from {@code mappings/semantic/concepts.yaml} and validated at
 * load: a bad file fails with the file, the concept and the problem. Immutable.
 */
public record ConceptCatalogue(String model, List<Concept> concepts, List<String> background) {

    public static final String DEFAULT = "mappings/semantic/concepts.yaml";
    private static final Set<String> CONCEPT_KEYS = Set.of("id", "indicator", "threshold", "cues", "exemplars");

    /**
     * @param background ordinary case-note sentences: a sentence must be nearer to a concept's exemplar
     *                   than to the nearest of these to be tagged (empty: no such check)
     */
    public ConceptCatalogue {
        concepts = List.copyOf(concepts);
        background = List.copyOf(background);
    }

    public static ConceptCatalogue loadDefault() {
        try (InputStream in = ConceptCatalogue.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT + " is not on the classpath");
            }
            return parse(in, DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConceptCatalogue parse(InputStream in, String file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        if (root == null || !root.path("concepts").isArray()) {
            throw new IllegalArgumentException(file + ": a list 'concepts' is required");
        }
        String model = root.path("model").asText("");
        if (!model.equals("all-MiniLM-L6-v2-q") && !model.equals("all-MiniLM-L6-v2")) {
            throw new IllegalArgumentException(file + ": model must be all-MiniLM-L6-v2-q or all-MiniLM-L6-v2, was '" + model + "'");
        }
        List<Concept> concepts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.path("concepts")) {
            index++;
            String id = node.path("id").asText("");
            String where = file + ": concept " + (id.isEmpty() ? "#" + index : id) + ": ";
            node.fieldNames().forEachRemaining(key -> {
                if (!CONCEPT_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + "unknown key '" + key + "'");
                }
            });
            if (!id.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException(where + "id must be lowercase letters, digits and _");
            }
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + "duplicate id");
            }
            String indicator = node.path("indicator").asText("");
            if (indicator.isBlank()) {
                throw new IllegalArgumentException(where + "indicator is required");
            }
            double threshold = node.path("threshold").asDouble(-1);
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException(where + "threshold must be between 0 and 1 (exclusive)");
            }
            List<String> cues = strings(node.path("cues"), where + "cues");
            List<String> exemplars = strings(node.path("exemplars"), where + "exemplars");
            if (exemplars.size() < 3) {
                throw new IllegalArgumentException(where + "at least 3 exemplars are required, found " + exemplars.size());
            }
            concepts.add(new Concept(id, indicator, threshold, cues, exemplars));
        }
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no concepts");
        }
        List<String> background = root.has("background") ? strings(root.path("background"), file + ": background") : List.of();
        return new ConceptCatalogue(model, concepts, background);
    }

    private static List<String> strings(JsonNode array, String where) {
        if (!array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException(where + " must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode value : array) {
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new IllegalArgumentException(where + " must hold non-blank strings");
            }
            out.add(value.asText().strip());
        }
        return out;
    }

    /** The encoder the file names. */
    public MiniLmSentenceEncoder.Variant variant() {
        return model.endsWith("-q") ? MiniLmSentenceEncoder.Variant.QUANTISED : MiniLmSentenceEncoder.Variant.FULL;
    }

    /** A copy with other thresholds (calibration), by concept id; concepts not named keep theirs. */
    public ConceptCatalogue withThresholds(java.util.Map<String, Double> thresholds) {
        return new ConceptCatalogue(model, concepts.stream().map(c -> thresholds.containsKey(c.id())
                ? new Concept(c.id(), c.indicator(), thresholds.get(c.id()), c.cues(), c.exemplars()) : c).toList(), background);
    }
}

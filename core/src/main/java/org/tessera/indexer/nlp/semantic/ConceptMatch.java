package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A sentence of a note recognised as a concept: its bounds, the cue word that anchors its context,
 * the nearest exemplar and the cosine similarity to it (the explanation shown with the hit), and,
 * when the trained classifier recognised it ({@link ConcernClassifier}), its probability (NaN when
 * the sentence was recognised by exemplar similarity alone).
 * Stored on the event under {@code concept_matches} (not indexed), read back by both hit paths.
 */
public record ConceptMatch(String concept, String indicator, int start, int end, int anchorStart, int anchorEnd,
                           String exemplar, double similarity, List<Integer> anchors, double probability,
                           ContextHead.Judgement contextHead, List<String> words) {

    /**
     * @param exemplar    the concept's nearest exemplar ("" for a word head's match, which embeds nothing)
     * @param similarity  the cosine to it (NaN for a word head's match)
     * @param anchors     the words whose context is judged (cue words of the concept, else the sentence's words), as start, end pairs (the first is the anchor)
     * @param contextHead the trained context head's reading of the sentence (ADR 0021), or null when there is no head
     * @param words       a word head's match (ADR 0044): the sentence's words behind the features that pushed its score up most;
     *                    empty for a match over the embedding
     */
    public ConceptMatch {
        anchors = anchors == null || anchors.isEmpty() ? List.of(anchorStart, anchorEnd) : List.copyOf(anchors);
        exemplar = exemplar == null ? "" : exemplar;
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** A match over the embedding, with the context head's reading. */
    public ConceptMatch(String concept, String indicator, int start, int end, int anchorStart, int anchorEnd, String exemplar,
                        double similarity, List<Integer> anchors, double probability, ContextHead.Judgement contextHead) {
        this(concept, indicator, start, end, anchorStart, anchorEnd, exemplar, similarity, anchors, probability, contextHead, List.of());
    }

    /** A match without a context head's reading. */
    public ConceptMatch(String concept, String indicator, int start, int end, int anchorStart, int anchorEnd, String exemplar,
                        double similarity, List<Integer> anchors, double probability) {
        this(concept, indicator, start, end, anchorStart, anchorEnd, exemplar, similarity, anchors, probability, null);
    }

    /** A match by exemplar similarity alone. */
    public ConceptMatch(String concept, String indicator, int start, int end, int anchorStart, int anchorEnd, String exemplar,
                        double similarity, List<Integer> anchors) {
        this(concept, indicator, start, end, anchorStart, anchorEnd, exemplar, similarity, anchors, Double.NaN);
    }

    /** The cue words as [start, end) spans. */
    public List<int[]> anchorSpans() {
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i + 1 < anchors.size(); i += 2) {
            spans.add(new int[] {anchors.get(i), anchors.get(i + 1)});
        }
        return spans;
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("concept", concept);
        node.put("indicator", indicator);
        node.put("start", start);
        node.put("end", end);
        node.put("anchor_start", anchorStart);
        node.put("anchor_end", anchorEnd);
        ArrayNode all = node.putArray("anchors");
        anchors.forEach(all::add);
        if (!exemplar.isEmpty()) {
            node.put("exemplar", exemplar);
        }
        if (!Double.isNaN(similarity)) {
            node.put("similarity", Math.round(similarity * 1000) / 1000.0);
        }
        if (!words.isEmpty()) {
            ArrayNode w = node.putArray("words");
            words.forEach(w::add);
        }
        if (!Double.isNaN(probability)) {
            node.put("probability", Math.round(probability * 1000) / 1000.0);
        }
        if (contextHead != null) {
            ObjectNode head = node.putObject("context_head");
            head.put("label", contextHead.label());
            head.put("probability", Math.round(contextHead.probability() * 1000) / 1000.0);
            ArrayNode cues = head.putArray("cues");
            contextHead.cues().forEach(cues::add);
        }
        return node;
    }

    public static ConceptMatch fromJson(JsonNode node) {
        List<Integer> anchors = new ArrayList<>();
        node.path("anchors").forEach(a -> anchors.add(a.asInt()));
        ContextHead.Judgement head = null;
        if (node.has("context_head")) {
            JsonNode h = node.path("context_head");
            List<String> cues = new ArrayList<>();
            h.path("cues").forEach(c -> cues.add(c.asText()));
            head = new ContextHead.Judgement(h.path("label").asText("affirmed"), h.path("probability").asDouble(), cues);
        }
        List<String> words = new ArrayList<>();
        node.path("words").forEach(w -> words.add(w.asText()));
        return new ConceptMatch(node.path("concept").asText(), node.path("indicator").asText(), node.path("start").asInt(),
                node.path("end").asInt(), node.path("anchor_start").asInt(), node.path("anchor_end").asInt(),
                node.path("exemplar").asText(""), node.has("similarity") ? node.path("similarity").asDouble() : Double.NaN, anchors,
                node.has("probability") ? node.path("probability").asDouble() : Double.NaN, head, words);
    }

    /**
     * The explanation a hit carries: the word head's probability and the words that decided it ({@code semantic: word
     * classifier p=0.91 ("self-harm", "cutting")}), or which exemplar the sentence was nearest to, and how near.
     */
    public String explanation() {
        if (!words.isEmpty()) {
            return String.format(Locale.ROOT, "semantic: word classifier p=%.2f (%s)", probability,
                    String.join(", ", words.stream().map(w -> "\"" + w + "\"").toList()));
        }
        if (!Double.isNaN(probability)) {
            return String.format(Locale.ROOT, "semantic: classifier p=%.2f, nearest exemplar (cosine %.2f) \"%s\"",
                    probability, similarity, exemplar);
        }
        return String.format(Locale.ROOT, "semantic: nearest exemplar (cosine %.2f) \"%s\"", similarity, exemplar);
    }
}

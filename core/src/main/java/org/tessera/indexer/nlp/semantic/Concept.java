package org.tessera.indexer.nlp.semantic;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One concept of the semantic stage ({@code mappings/semantic/concepts.yaml}): the indicator whose
 * query reads its tag, the cosine threshold a sentence must reach against its nearest exemplar, the
 * cue words that make a sentence a candidate (and anchor its context), and the exemplars.
 */
public record Concept(String id, String indicator, double threshold, List<String> cues, List<String> exemplars) {

    public Concept {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(indicator, "indicator");
        cues = cues.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        exemplars = List.copyOf(exemplars);
    }

    /**
     * Whether a lowercased word is one of the cues: a cue of up to three characters must be the
     * whole word ("da", "dv", "%"), a longer one its start ("drink" for "drinking").
     */
    public boolean cuedBy(String word) {
        for (String cue : cues) {
            if (cue.length() <= 3 ? word.equals(cue) : word.startsWith(cue)) {
                return true;
            }
        }
        return false;
    }
}

package org.tessera.indexer.nlp.analysis;

import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.TextLimits;

import java.util.List;
import org.tessera.indexer.nlp.context.ContextSpan;

/**
 * What the pipeline found in one text: its sentences, entity mentions and the ranges carrying
 * context modifiers (negated, uncertain, historical, hypothetical). All offsets refer to the
 * analysed text. {@code warnings} say where a {@link TextLimits limit} was reached (a word kept
 * whole, analysis stopped early): never a silent cut. Immutable.
 */
public record TextAnalysis(List<Sentence> sentences, List<EntityMention> entities, List<ContextSpan> contexts,
                           List<String> warnings) {
    public TextAnalysis {
        sentences = List.copyOf(sentences);
        entities = List.copyOf(entities);
        contexts = List.copyOf(contexts);
        warnings = List.copyOf(warnings);
    }

    public TextAnalysis(List<Sentence> sentences, List<EntityMention> entities, List<ContextSpan> contexts) {
        this(sentences, entities, contexts, List.of());
    }

    public List<EntityMention> entities(EntityType type) {
        return entities.stream().filter(e -> e.type() == type).toList();
    }
}

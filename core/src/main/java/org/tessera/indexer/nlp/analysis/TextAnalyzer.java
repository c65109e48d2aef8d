package org.tessera.indexer.nlp.analysis;

import org.tessera.indexer.nlp.context.MentionContext;

/**
 * Case-note language processing: sentences, entities and the context of mentions.
 *
 * <p>Implementations are thread-safe; one instance serves the whole application. They never
 * log the text they analyse.
 */
public interface TextAnalyzer {

    /** Sentences, entity mentions and context ranges of {@code text}. */
    TextAnalysis analyze(String text);

    /**
     * The context of the character range {@code [start, end)} of {@code text}, for example a
     * term an indicator query matched. By default a negated or hypothetical mention does not
     * count ({@link MentionContext#countsByDefault()}).
     */
    MentionContext contextOf(String text, int start, int end);

    /**
     * As {@link #contextOf(String, int, int)} for a hit whose matched words stand at {@code hitSpans}: a short verdict later
     * in the paragraph that names them qualifies it (ADR 0060). By default the spans are not read.
     */
    default MentionContext contextOf(String text, int start, int end, java.util.List<int[]> hitSpans) {
        return contextOf(text, start, end);
    }
}

package org.tessera.indexer.indicators;

import java.util.Locale;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;

/**
 * The indicator engine's view of the case-note language pipeline: the context (negated,
 * uncertain, historical, hypothetical, about whom) of the words that fired an indicator.
 * Thread-safe because the analyzer is.
 */
public final class NlpEvidenceContext implements EvidenceContextResolver {

    private final TextAnalyzer analyzer;

    public NlpEvidenceContext(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    @Override
    public EvidenceContext resolve(String text, int start, int end) {
        MentionContext context = analyzer.contextOf(text, start, end);
        return EvidenceContext.of(context.negated(), context.uncertain(), context.historical(), context.hypothetical(),
                context.experiencer().name().toLowerCase(Locale.ROOT));
    }
}

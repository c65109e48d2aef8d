package org.tessera.indexer.indicators;

import java.util.Locale;
import java.util.Optional;
import org.tessera.indexer.common.Lazy;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.nlp.semantic.ContextHead;

/**
 * The indicator engine's view of the case-note language pipeline: the context (negated,
 * uncertain, historical, hypothetical, about whom) of the words that fired an indicator, and,
 * when built with one, a context head's reading of the hit's sentence (ADR 0027). The shipped
 * resolver is the rules alone: the head over lexical hits is measured, not shipped (ADR 0027).
 * Thread-safe because the analyzer and the head are.
 */
public final class NlpEvidenceContext implements EvidenceContextResolver {

    /** The shipped head, read once on first use (empty when its file is absent). */
    private static final Lazy<Optional<ContextHead>> SHIPPED_HEAD = Lazy.of(ContextHead::loadDefault);

    private final TextAnalyzer analyzer;
    private final ContextHead head;

    /** The rules alone (as shipped: ADR 0027). */
    public NlpEvidenceContext(TextAnalyzer analyzer) {
        this(analyzer, null);
    }

    /** @param head the context head that reads each hit's sentence; null: the rules alone */
    public NlpEvidenceContext(TextAnalyzer analyzer, ContextHead head) {
        this.analyzer = analyzer;
        this.head = head;
    }

    /** The rules and the shipped context head ({@link ContextHead#DEFAULT}; the rules alone when the file is absent). */
    public static NlpEvidenceContext withShippedHead(TextAnalyzer analyzer) {
        return new NlpEvidenceContext(analyzer, SHIPPED_HEAD.get().orElse(null));
    }

    @Override
    public EvidenceContext resolve(String text, int start, int end) {
        MentionContext context = analyzer.contextOf(text, start, end);
        return EvidenceContext.of(context.negated(), context.uncertain(), context.historical(), context.hypothetical(),
                context.experiencer().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<ContextHead.Judgement> judgeSentence(String sentence, java.util.Set<String> hitWords) {
        return head == null ? Optional.empty() : Optional.of(head.judge(sentence, hitWords));
    }

    @Override
    public EvidenceContextResolver withContextHead(ContextHead other) {
        return new NlpEvidenceContext(analyzer, other);
    }
}

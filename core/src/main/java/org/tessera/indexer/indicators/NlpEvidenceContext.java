package org.tessera.indexer.indicators;

import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.common.Lazy;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.nlp.semantic.ContextHead;

/**
 * The indicator engine's view of the case-note language pipeline: the context (negated,
 * uncertain, historical, hypothetical, about whom) of the words that fired an indicator, and,
 * when built with one, a context head's reading of the hit's sentence (ADR 0027, ADR 0039). The
 * ingest's resolver is {@link #of(TextAnalyzer, boolean)}: the rules and the shipped head over
 * lexical hits unless the setting {@code tessera.nlp.lexical-context-head} turns it off.
 * Thread-safe because the analyzer and the head are.
 */
public final class NlpEvidenceContext implements EvidenceContextResolver {

    private static final Logger log = LoggerFactory.getLogger(NlpEvidenceContext.class);

    /** The shipped head, read once on first use (empty, with one warning, when its file is absent). */
    private static final Lazy<Optional<ContextHead>> SHIPPED_HEAD = Lazy.of(() -> {
        Optional<ContextHead> head = ContextHead.loadDefault();
        if (head.isEmpty()) {
            log.warn("{} is absent: lexical hits are judged by the rules alone", ContextHead.DEFAULT);
        }
        return head;
    });

    private final TextAnalyzer analyzer;
    private final ContextHead head;

    /** The rules alone, no head. */
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

    /**
     * The resolver an ingest, a backfill and the test benches build from the setting
     * {@code tessera.nlp.lexical-context-head} ({@code IngestSettings.lexicalContextHead()}): with
     * {@code lexicalContextHead} the rules and the shipped head ({@link #withShippedHead}), else the rules alone.
     */
    public static NlpEvidenceContext of(TextAnalyzer analyzer, boolean lexicalContextHead) {
        return lexicalContextHead ? withShippedHead(analyzer) : new NlpEvidenceContext(analyzer);
    }

    /** Whether this resolver has a context head (false: the rules alone). */
    public boolean hasContextHead() {
        return head != null;
    }

    @Override
    public EvidenceContext resolve(String text, int start, int end) {
        return evidence(analyzer.contextOf(text, start, end));
    }

    @Override
    public EvidenceContext resolve(String text, int start, int end, java.util.List<int[]> hitSpans) {
        return evidence(analyzer.contextOf(text, start, end, hitSpans));
    }

    /** The analyser's context as the indicator engine's evidence context. */
    private static EvidenceContext evidence(MentionContext context) {
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

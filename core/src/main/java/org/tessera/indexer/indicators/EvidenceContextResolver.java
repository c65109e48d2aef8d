package org.tessera.indexer.indicators;

import java.util.Optional;
import java.util.Set;
import org.tessera.indexer.nlp.semantic.ContextHead;

/**
 * Tells how the words that fired an indicator are meant, from the text around them.
 *
 * <p>Contract: {@code start}/{@code end} are character offsets into {@code text}
 * ({@code 0 <= start <= end <= text.length()}); the answer depends only on the arguments, so the
 * stream and backfill paths get the same context for the same span. Implementations must be
 * thread-safe (one instance serves every batch).
 */
public interface EvidenceContextResolver {

    EvidenceContext resolve(String text, int start, int end);

    /**
     * As {@link #resolve(String, int, int)} for a hit whose matched words stand at {@code hitSpans} in {@code text} (every
     * highlighted word of the hit, in every sentence): a short verdict later in the paragraph that names the hit's own
     * words ("Report of girl seen with an older man. ... No CSE concerns.", "Reported missing at 23:00. ... Not missing.")
     * qualifies it (ADR 0060). By default the spans are not read.
     */
    default EvidenceContext resolve(String text, int start, int end, java.util.List<int[]> hitSpans) {
        return resolve(text, start, end);
    }

    /**
     * A second reading of the whole sentence that holds a hit, by the trained context head (ADR 0021,
     * ADR 0027): the hit path discounts a hit the rules count at full weight when the head judges its
     * sentence qualified. Depends only on the sentence (both hit paths get the same answer); empty when
     * this resolver has no head (the default).
     */
    default Optional<ContextHead.Judgement> judgeSentence(String sentence) {
        return judgeSentence(sentence, Set.of());
    }

    /**
     * As {@link #judgeSentence(String)}, for a hit whose matched words are {@code hitWords} (lower-cased,
     * {@link ContextHead#words}): the hit's own words never argue for discounting it ({@link ContextHead#judge(String, Set)}).
     */
    default Optional<ContextHead.Judgement> judgeSentence(String sentence, Set<String> hitWords) {
        return Optional.empty();
    }

    /** This resolver's rules with {@code head} judging each hit's sentence (null: the rules alone, no head). */
    default EvidenceContextResolver withContextHead(ContextHead head) {
        EvidenceContextResolver rules = this;
        return new EvidenceContextResolver() {
            @Override
            public EvidenceContext resolve(String text, int start, int end) {
                return rules.resolve(text, start, end);
            }

            @Override
            public EvidenceContext resolve(String text, int start, int end, java.util.List<int[]> hitSpans) {
                return rules.resolve(text, start, end, hitSpans);
            }

            @Override
            public Optional<ContextHead.Judgement> judgeSentence(String sentence, Set<String> hitWords) {
                return head == null ? Optional.empty() : Optional.of(head.judge(sentence, hitWords));
            }
        };
    }
}

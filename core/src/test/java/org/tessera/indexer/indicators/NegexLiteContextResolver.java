package org.tessera.indexer.indicators;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small NegEx-style resolver: looks for trigger cues in the same sentence before the span
 * (a few words back for negation, the clause for hypothetical/uncertain/historical). A test
 * double for {@link EvidenceContextResolver} that needs no NLP models (the ingest uses the NLP
 * context analyser); stateless and thread-safe.
 */
public final class NegexLiteContextResolver implements EvidenceContextResolver {

    /** Negation reaches this many words back from the span, as in NegEx. */
    private static final int NEGATION_WINDOW_WORDS = 6;
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(no|not|never|denies|denied|deny|without|nil|none|negative for|free of|ruled out|no evidence of|no signs of|no sign of|no concerns? about|isn't|wasn't|weren't|doesn't|didn't|hasn't|haven't|cannot|can't)\\b");
    /** Words that end a negation's scope between the cue and the span. */
    private static final Pattern SCOPE_END = Pattern.compile("\\b(but|however|although|though|except|apart from|whereas)\\b|[;:]");
    /** NegEx post-negation: cues after the span ("concerns about alcohol (2019), none now"). */
    private static final Pattern POST_NEGATION = Pattern.compile(
            "^[^.;]{0,40}?\\b(none now|ruled out|unfounded|not substantiated|unsubstantiated|was negative|were negative|no longer)\\b");
    private static final Pattern HYPOTHETICAL = Pattern.compile(
            "\\b(if|should|in case|in the event|unless|were to|would be at risk|could lead to|at risk of|whether)\\b");
    private static final Pattern UNCERTAIN = Pattern.compile(
            "\\b(possible|possibly|probable|query|queried|suspected|unclear|may have|might have|appears to|seems to|allegedly|unconfirmed)\\b");
    private static final Pattern HISTORICAL = Pattern.compile(
            "\\b(previous|previously|history of|historic|historical|used to|in the past|years ago|as a child|(19|20)\\d\\d)\\b");
    private static final Pattern OTHER_EXPERIENCER = Pattern.compile(
            "\\b(neighbour|neighbour's|friend's|her friend|his friend|a classmate|another child|another pupil|other children)\\b");

    @Override
    public EvidenceContext resolve(String text, int start, int end) {
        int sentenceStart = Sentences.startOf(text, start);
        String before = text.substring(sentenceStart, start).toLowerCase(Locale.ROOT);
        int sentenceEnd = Sentences.endOf(text, end);
        String after = text.substring(end, sentenceEnd).toLowerCase(Locale.ROOT);

        boolean negated = negated(before) || POST_NEGATION.matcher(after).find();
        boolean hypothetical = HYPOTHETICAL.matcher(before).find();
        boolean uncertain = UNCERTAIN.matcher(before).find() || after.trim().startsWith("?") || after.contains("?");
        boolean historical = HISTORICAL.matcher(before).find() || HISTORICAL.matcher(after).find();
        String experiencer = OTHER_EXPERIENCER.matcher(before).find() ? "other" : "subject";
        return EvidenceContext.of(negated, uncertain, historical, hypothetical, experiencer);
    }

    private static boolean negated(String before) {
        // Only the clause after the last scope terminator can negate the span.
        Matcher end = SCOPE_END.matcher(before);
        int from = 0;
        while (end.find()) {
            from = end.end();
        }
        String clause = before.substring(from);
        List<String> words = List.of(clause.trim().split("\\s+"));
        String window = String.join(" ", words.subList(Math.max(0, words.size() - NEGATION_WINDOW_WORDS), words.size()));
        return NEGATION.matcher(window).find();
    }
}

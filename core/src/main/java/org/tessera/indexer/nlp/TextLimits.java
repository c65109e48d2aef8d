package org.tessera.indexer.nlp;

import org.tessera.indexer.nlp.analysis.TextAnalysis;

import java.time.Duration;
import org.tessera.indexer.config.SettingsSource;

/**
 * Bounds on the analysis of one text, so that no document can hold the event stage: each breach
 * is a warning on the {@link TextAnalysis} (and so on the job), never a silent cut. Documented in
 * docs/operations.md.
 *
 * @param maxTokenChars    a whitespace-delimited word longer than this is one token, not asked of
 *                         the tokenizer model (whose cost grows with the square of a word's length)
 * @param maxAnalysisChars characters of one text that are analysed; the rest is indexed and
 *                         searchable, but carries no entities or context
 * @param maxAnalysisTime  time one text may take; analysis stops at the sentence where it ran out
 */
public record TextLimits(int maxTokenChars, int maxAnalysisChars, Duration maxAnalysisTime) {

    public static final String MAX_TOKEN_CHARS = "tessera.text.max-token-chars";
    public static final String MAX_ANALYSIS_CHARS = "tessera.text.max-analysis-chars";
    public static final String MAX_ANALYSIS_SECONDS = "tessera.text.max-analysis-seconds";

    public TextLimits {
        if (maxTokenChars < 1 || maxAnalysisChars < 1) {
            throw new IllegalArgumentException("text limits must be positive: " + maxTokenChars + ", " + maxAnalysisChars);
        }
        if (maxAnalysisTime == null || maxAnalysisTime.isNegative() || maxAnalysisTime.isZero()) {
            throw new IllegalArgumentException("maxAnalysisTime must be positive");
        }
    }

    /** Words of 100 characters (no name or term is longer), 1M characters and 30 s a text. */
    public static TextLimits defaults() {
        return new TextLimits(100, 1_000_000, Duration.ofSeconds(30));
    }

    public static TextLimits from(SettingsSource settings) {
        TextLimits d = defaults();
        return new TextLimits(settings.getInt(MAX_TOKEN_CHARS, d.maxTokenChars()),
                settings.getInt(MAX_ANALYSIS_CHARS, d.maxAnalysisChars()),
                Duration.ofSeconds(settings.getInt(MAX_ANALYSIS_SECONDS, (int) d.maxAnalysisTime().toSeconds())));
    }
}

package org.tessera.indexer.extraction;

import java.time.Duration;

/**
 * Bounds on the work one document may cost.
 *
 * @param maxBytes          larger files are quarantined unread
 * @param timeout           wall-clock limit of one parse
 * @param maxCharacters     text kept per document (the rest is cut, marked truncated)
 * @param maxNestingDepth   embedded documents deeper than this (zip in zip in ...) quarantine the file
 * @param maxCompressionRatio output characters per input byte beyond which a container is a zip bomb
 * @param threads           parser threads (bounded pool)
 */
public record ExtractionLimits(long maxBytes, Duration timeout, int maxCharacters, int maxNestingDepth,
                               long maxCompressionRatio, int threads) {
    public ExtractionLimits {
        if (maxBytes < 1 || maxCharacters < 1 || maxNestingDepth < 0 || maxCompressionRatio < 1 || threads < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }

    public static ExtractionLimits defaults() {
        return new ExtractionLimits(100L * 1024 * 1024, Duration.ofSeconds(60), 5_000_000, 3, 100, 2);
    }
}

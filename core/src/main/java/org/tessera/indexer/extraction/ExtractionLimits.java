package org.tessera.indexer.extraction;

import java.time.Duration;
import org.tessera.indexer.config.SettingsSource;

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

    public static final String MAX_BYTES = "tessera.extraction.max-bytes";
    public static final String TIMEOUT_SECONDS = "tessera.extraction.timeout-seconds";
    public static final String MAX_CHARACTERS = "tessera.extraction.max-characters";
    public static final String MAX_NESTING_DEPTH = "tessera.extraction.max-nesting-depth";
    public static final String MAX_COMPRESSION_RATIO = "tessera.extraction.max-compression-ratio";
    public static final String THREADS = "tessera.extraction.threads";

    public static ExtractionLimits defaults() {
        return new ExtractionLimits(100L * 1024 * 1024, Duration.ofSeconds(60), 5_000_000, 3, 100, 2);
    }

    /** The defaults, each overridden by its {@code tessera.extraction.*} setting (docs/operations.md). */
    public static ExtractionLimits from(SettingsSource settings) {
        ExtractionLimits d = defaults();
        long maxBytes = settings.get(MAX_BYTES).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + MAX_BYTES + " must be a whole number, was '" + v + "'");
            }
        }).orElse(d.maxBytes());
        return new ExtractionLimits(maxBytes, Duration.ofSeconds(settings.getInt(TIMEOUT_SECONDS, (int) d.timeout().toSeconds())),
                settings.getInt(MAX_CHARACTERS, d.maxCharacters()), settings.getInt(MAX_NESTING_DEPTH, d.maxNestingDepth()),
                settings.getInt(MAX_COMPRESSION_RATIO, (int) d.maxCompressionRatio()), settings.getInt(THREADS, d.threads()));
    }
}

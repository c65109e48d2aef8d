package org.tessera.indexer.scoring;

import java.util.Locale;
import java.util.Optional;

/** Severity of an indicator as the catalogue states it; the scorer maps it to a weight and a default half-life. */
public enum Severity {
    LOW, MEDIUM, HIGH;

    /** Reads {@code low|l|medium|med|m|high|h} in any case; empty for anything else. */
    public static Optional<Severity> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "low", "l" -> Optional.of(LOW);
            case "medium", "med", "m" -> Optional.of(MEDIUM);
            case "high", "h", "critical" -> Optional.of(HIGH);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package org.tessera.indexer.indicators;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious one hit of an indicator is on its own. The catalogue spells it in lower case
 * ({@link #parse}, strict); the scorer maps it to a weight and a default half-life and reads the
 * severity stored on a hit or written in {@code scoring.yaml} leniently ({@link #read}).
 */
public enum Severity {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The catalogue's spelling: {@code low|medium|high} (any case, trimmed); null when the value is not one of them. */
    public static Severity parse(String value) {
        return read(value).filter(severity -> severity.label().equalsIgnoreCase(value.trim())).orElse(null);
    }

    /**
     * Reads {@code low|l|medium|med|m|high|h|critical} in any case, trimmed; empty for anything else.
     * For values the catalogue did not validate (stored hits, scoring parameters).
     */
    public static Optional<Severity> read(String value) {
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
}

package org.tessera.indexer.indicators;

import java.util.Locale;

/** How serious one hit of an indicator is on its own; the catalogue spells it in lower case. */
public enum Severity {
    LOW, MEDIUM, HIGH;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code low|medium|high} (any case); null when the value is not one of them. */
    public static Severity parse(String value) {
        if (value == null) {
            return null;
        }
        for (Severity severity : values()) {
            if (severity.label().equalsIgnoreCase(value.trim())) {
                return severity;
            }
        }
        return null;
    }
}

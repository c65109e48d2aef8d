package org.tessera.indexer.indicators;

import java.util.Locale;

/** Whose risk a hit speaks to: the child in the event, an adult of the child's household, or anyone involved. */
public enum AppliesTo {
    CHILD, HOUSEHOLD_ADULT, ANY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AppliesTo parse(String value) {
        if (value == null) {
            return null;
        }
        for (AppliesTo a : values()) {
            if (a.label().equalsIgnoreCase(value.trim())) {
                return a;
            }
        }
        return null;
    }
}

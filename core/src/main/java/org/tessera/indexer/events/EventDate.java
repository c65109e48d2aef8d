package org.tessera.indexer.events;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * When it happened: the stored value ({@code yyyy-MM-dd}, or an ISO date-time when the source
 * gave a time) and the precision the source gave ({@code day}, {@code month}, {@code year},
 * {@code date_time}...; the earliest day of a coarser date is stored).
 */
public record EventDate(String value, String precision) {
    public EventDate {
        Objects.requireNonNull(value, "value");
    }

    /** The day part of the value; null when it is not a readable date. */
    public LocalDate day() {
        if (value.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(value.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

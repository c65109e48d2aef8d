package org.tessera.indexer.ingest;

import org.tessera.indexer.config.SettingsSource;

/**
 * Bounds on one row of an extract, so that a file with no line breaks (or a runaway quote) costs
 * bounded memory and is quarantined row by row instead of ending the run in an out-of-memory
 * error. Documented in docs/operations.md.
 *
 * @param maxRecordChars characters one row may hold (a CSV row may span lines inside quotes; a
 *                       JSON Lines row is one line); a longer row is skipped to its end, quarantined
 *                       with its line and length, and reading goes on with the next line
 * @param maxFieldChars  characters one value may hold; a row with a longer value is quarantined
 */
public record ReadLimits(int maxRecordChars, int maxFieldChars) {

    public static final String MAX_RECORD_CHARS = "tessera.ingest.max-record-chars";
    public static final String MAX_FIELD_CHARS = "tessera.ingest.max-field-chars";

    public ReadLimits {
        if (maxRecordChars < 1 || maxFieldChars < 1) {
            throw new IllegalArgumentException("read limits must be positive: " + maxRecordChars + ", " + maxFieldChars);
        }
    }

    /** 4M characters a row (8 MB of heap), 1M a value: far beyond any agency's case note. */
    public static ReadLimits defaults() {
        return new ReadLimits(4_000_000, 1_000_000);
    }

    public static ReadLimits from(SettingsSource settings) {
        ReadLimits d = defaults();
        return new ReadLimits(settings.getInt(MAX_RECORD_CHARS, d.maxRecordChars()), settings.getInt(MAX_FIELD_CHARS, d.maxFieldChars()));
    }
}

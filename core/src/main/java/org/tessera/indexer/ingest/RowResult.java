package org.tessera.indexer.ingest;

import java.util.List;
import java.util.Objects;

/**
 * What reading an extract yields, in file order: a record (with any warnings), a quarantined row or
 * file, or a notice that concerns no single record (e.g. a mapped column the header lacks).
 * Consumers switch exhaustively; nothing read is ever dropped without one of these.
 */
public sealed interface RowResult {

    /**
     * A canonical record built from one row, or from several rows sharing a {@code group_by} key.
     *
     * @param rows how many rows of the file made this record
     */
    record Accepted(SourceRecord record, List<Issue> warnings, int rows) implements RowResult {
        public Accepted {
            Objects.requireNonNull(record, "record");
            warnings = List.copyOf(warnings);
            if (rows < 1) throw new IllegalArgumentException("rows " + rows);
        }
    }

    /**
     * A row (or, for {@link Scope#FILE}, the whole file) that was not turned into a record.
     *
     * @param line  1-based physical line of the row (first line when it spans several); 0 for a file
     * @param field column or mapping field at fault, may be null
     * @param raw   the raw row text as read (for CSV re-joined with the declared delimiter), may be null
     * @param rawBytes the row's bytes exactly as in the file, when its text could not be decoded
     *                 (wrong encoding): the quarantine keeps these rather than the replacement
     *                 characters of {@code raw}; null otherwise
     */
    record Quarantined(String file, long line, String field, String reason, String raw, Scope scope, byte[] rawBytes)
            implements RowResult {
        public Quarantined {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(scope, "scope");
        }

        public Quarantined(String file, long line, String field, String reason, String raw, Scope scope) {
            this(file, line, field, reason, raw, scope, null);
        }

        public Issue issue() { return new Issue(file, line, field, reason); }
    }

    /** A warning not tied to one record. */
    record Notice(Issue issue) implements RowResult {}

    /**
     * What a quarantine entry covers: one row; the whole file; or this row and every line after it
     * ({@code REST}: the reader could not go on, so the extract was not read to the end and is not
     * complete evidence of what the source holds).
     */
    enum Scope {
        ROW, FILE, REST;

        /** The extract this entry comes from was not read to the end. */
        public boolean stopsReading() {
            return this != ROW;
        }
    }
}

package org.tessera.indexer.ingest;

/** A problem found in an extract, located by file, physical line (0 when file-level) and field (may be null). */
public record Issue(String file, long line, String field, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + (field != null ? " [" + field + "]" : "") + ": " + message;
    }
}

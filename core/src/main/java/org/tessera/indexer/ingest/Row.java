package org.tessera.indexer.ingest;

import java.util.List;

/** One raw row of an extract, as the mapping's expressions see it. */
interface Row {
    /** Trimmed value of a column (dotted path for JSON Lines); null when missing or blank. */
    String get(String column);

    /**
     * Every value of a column: the elements of a JSON array (scalars as text, objects as JSON
     * text), else the one value; empty when missing or blank.
     */
    default List<String> values(String column) {
        String v = get(column);
        return v == null ? List.of() : List.of(v);
    }

    /** True when the column exists in this row (even if blank). */
    boolean has(String column);

    /** Rows scoped to each element of an array (JSON Lines {@code for_each}); empty for CSV. */
    List<Row> each(String path);

    long firstLine();

    long lastLine();

    /** The row as read, for the quarantine file. */
    String raw();
}

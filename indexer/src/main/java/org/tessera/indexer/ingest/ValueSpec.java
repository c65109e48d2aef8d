package org.tessera.indexer.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a canonical field gets its value from a row (see docs/source-mappings.md, "Expressions").
 * Every form yields a trimmed non-blank string or nothing.
 */
public sealed interface ValueSpec {

    /** {@code colname}: the column's value; for JSON Lines a dotted path. */
    record Column(String name) implements ValueSpec {
        public Column { Objects.requireNonNull(name); }
    }

    /** {@code "{a}, {b}"}: literal text around column values; absent pieces collapse with their separators. */
    record Template(String source, List<String> literals, List<String> columns) implements ValueSpec {
        public Template {
            literals = List.copyOf(literals);
            columns = List.copyOf(columns);
            if (literals.size() != columns.size() + 1) throw new IllegalArgumentException("literals must surround columns");
        }
    }

    /** {@code {column: c, map: {...}, default: x, unknown: warning|error}}. */
    record Mapped(String column, Map<String, String> map, String defaultValue, Severity unknown) implements ValueSpec {
        public Mapped {
            Objects.requireNonNull(column);
            map = map == null ? Map.of() : Map.copyOf(map);
            Objects.requireNonNull(unknown);
        }
    }

    /** {@code {constant: value}}. */
    record Constant(String value) implements ValueSpec {
        public Constant { Objects.requireNonNull(value); }
    }

    /** What an unknown code (absent from a value map) does. */
    enum Severity { WARNING, ERROR }
}

package org.tessera.indexer.ingest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

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

    /**
     * {@code {column: c, map: {...}, default: x, unknown: warning|error}}, with the optional v2
     * steps of {@link Pick} applied to the raw value before the map.
     */
    record Mapped(String column, Map<String, String> map, String defaultValue, Severity unknown, Pick pick) implements ValueSpec {
        public Mapped {
            Objects.requireNonNull(column);
            map = map == null ? Map.of() : Map.copyOf(map);
            Objects.requireNonNull(unknown);
        }

        public Mapped(String column, Map<String, String> map, String defaultValue, Severity unknown) {
            this(column, map, defaultValue, unknown, null);
        }
    }

    /**
     * What v2 does to a column's raw value before mapping it, in this order: choose an element
     * or join the elements of a JSON array, capture a part of the text by a pattern, read it as a
     * number.
     *
     * @param element     index into a JSON array (negative counts from the end); null = all elements
     * @param join        separator between the elements of a JSON array (default one space)
     * @param capture     pattern searched in the value: group {@code value} if named, else group 1,
     *                    else the whole match; no match = absent
     * @param number      keep only the number ({@code £4,056.56} gives {@code 4056.56})
     */
    record Pick(Integer element, String join, Pattern capture, boolean number) {
        public Pick { join = join == null ? " " : join; }
    }

    /** {@code {constant: value}}. */
    record Constant(String value) implements ValueSpec {
        public Constant { Objects.requireNonNull(value); }
    }

    /**
     * {@code {compute: "100 * (possible - absent) / possible", decimals: 1}}: arithmetic on
     * numeric columns. Absent when a column it reads is absent or not a number, or on division by zero.
     */
    record Computed(String source, Arithmetic expression, int decimals) implements ValueSpec {
        public Computed { Objects.requireNonNull(expression); }
    }

    /** Any form with {@code when: ...}: the value exists only on rows where the condition holds. */
    record Conditional(Condition when, ValueSpec then) implements ValueSpec {
        public Conditional {
            Objects.requireNonNull(when);
            Objects.requireNonNull(then);
        }
    }

    /**
     * {@code when: column} (the column has a value), {@code when: {column: c, is: [A, B]}} or
     * {@code when: {column: c, is_not: [A, B]}} (codes compared ignoring case).
     */
    record Condition(String column, List<String> values, boolean negate) {
        public Condition {
            Objects.requireNonNull(column);
            values = List.copyOf(values);
        }
    }

    /** What an unknown code (absent from a value map) does. */
    enum Severity { WARNING, ERROR }
}

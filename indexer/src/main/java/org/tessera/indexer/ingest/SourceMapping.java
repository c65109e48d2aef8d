package org.tessera.indexer.ingest;

import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A validated source mapping file (one agency layout). Built only by {@link SourceMappingLoader};
 * immutable and thread-safe.
 *
 * @param origin where the mapping was loaded from (file name), for messages
 */
public record SourceMapping(String origin, String source, String agency, String description, List<String> files,
                            Format format, List<String> requiredColumns, RecordSpec record, List<PersonSpec> people) {

    public SourceMapping {
        Objects.requireNonNull(source);
        files = List.copyOf(files);
        requiredColumns = List.copyOf(requiredColumns);
        people = List.copyOf(people);
    }

    /** True when a file name (not a path) matches one of the {@code files} globs. */
    public boolean matches(String fileName) {
        Path name = Path.of(fileName).getFileName();
        for (String glob : files) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(name)) return true;
        }
        return false;
    }

    public enum FormatType { CSV, JSONL }

    /**
     * @param columns column names when {@code header: false} (CSV); empty otherwise
     */
    public record Format(FormatType type, char delimiter, char quote, Charset encoding, boolean header,
                         List<String> columns, boolean trim) {
        public Format { columns = List.copyOf(columns); }
    }

    public record RecordSpec(ValueSpec id, String groupBy, ValueSpec type, DateSpec date, ValueSpec title,
                             List<ValueSpec> text, Map<String, ValueSpec> codes, ValueSpec locationAddress,
                             ValueSpec locationPostcode) {
        public RecordSpec {
            Objects.requireNonNull(id);
            Objects.requireNonNull(type);
            text = List.copyOf(text);
            codes = Map.copyOf(codes);
        }
    }

    /**
     * One person slot of a row.
     *
     * @param forEach JSON Lines only: path of an array; the slot repeats for each element and
     *                expressions resolve inside the element first, then in the whole row
     */
    public record PersonSpec(ValueSpec role, ValueSpec when, String forEach, ValueSpec givenNames, ValueSpec familyName,
                             ValueSpec fullName, ValueSpec otherNames, DateSpec dateOfBirth, ValueSpec gender,
                             ValueSpec address, ValueSpec postcode, Map<String, ValueSpec> identifiers) {
        public PersonSpec {
            Objects.requireNonNull(role);
            identifiers = Map.copyOf(identifiers);
        }
    }

    /**
     * @param formatters compiled from {@code patterns}, strict resolution, tried in order
     * @param keepPartial {@code partial: keep} (default) or {@code partial: error}
     */
    public record DateSpec(String column, List<String> patterns, List<DateTimeFormatter> formatters, boolean required,
                           boolean keepPartial) {
        public DateSpec {
            Objects.requireNonNull(column);
            patterns = List.copyOf(patterns);
            formatters = List.copyOf(formatters);
        }
    }
}

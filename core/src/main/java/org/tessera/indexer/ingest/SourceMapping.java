package org.tessera.indexer.ingest;

import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.time.MonthDay;

/**
 * A validated source mapping file (one agency layout). Built only by {@link SourceMappingLoader};
 * immutable and thread-safe.
 *
 * @param origin where the mapping was loaded from (file name), for messages
 */
public record SourceMapping(String origin, String source, String agency, String description, List<String> files,
                            List<String> exclude, Format format, List<String> requiredColumns, RecordSpec record,
                            List<PersonSpec> people) {

    public SourceMapping {
        Objects.requireNonNull(source);
        files = List.copyOf(files);
        exclude = List.copyOf(exclude);
        requiredColumns = List.copyOf(requiredColumns);
        people = List.copyOf(people);
    }

    public SourceMapping(String origin, String source, String agency, String description, List<String> files,
                         Format format, List<String> requiredColumns, RecordSpec record, List<PersonSpec> people) {
        this(origin, source, agency, description, files, List.of(), format, requiredColumns, record, people);
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

    /**
     * True when the mapping claims a file: its name matches a {@code files} glob and its path
     * relative to the ingested folder (with {@code /} separators) matches no {@code exclude} glob.
     */
    public boolean claims(Path relative) {
        return matches(relative.getFileName().toString()) && !excludes(relative);
    }

    /** True when an {@code exclude} glob matches the relative path or the file name. */
    public boolean excludes(Path relative) {
        for (String glob : exclude) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(relative) || m.matches(relative.getFileName())) return true;
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
                             ValueSpec address, ValueSpec postcode, Map<String, ValueSpec> identifiers,
                             ListSpec list, NameFormat nameFormat, boolean stripTitles, ValueSpec title) {
        public PersonSpec {
            Objects.requireNonNull(role);
            identifiers = Map.copyOf(identifiers);
            Objects.requireNonNull(nameFormat);
        }
    }

    /**
     * {@code people[].list}: one column naming several people. The value is split by
     * {@code separator} (a JSON array is taken element by element) and each element matched by
     * {@code pattern}; the slot repeats per element and its expressions see the pattern's named
     * groups first, then the row's columns.
     *
     * @param unmatchedError an element the pattern does not match quarantines the row
     *                       ({@code unmatched: error}) instead of a warning
     */
    public record ListSpec(String column, Pattern separator, String separatorText, Pattern pattern,
                           List<String> groups, boolean unmatchedError) {
        public ListSpec {
            Objects.requireNonNull(column);
            Objects.requireNonNull(separator);
            groups = List.copyOf(groups);
        }
    }

    /** How a {@code full_name} is read. */
    public enum NameFormat {
        /** v1: {@code SURNAME, Given} with a comma, else the last word is the family name. */
        AUTO,
        /** {@code Given Names Surname}; a trailing run of upper-case words is the family name ({@code Jane VAN DYKE}). */
        GIVEN_FIRST,
        /** {@code SURNAME Given Names} (police style); a leading run of upper-case words is the family name, else the first word. */
        FAMILY_FIRST
    }

    /**
     * @param formatters compiled from {@code patterns}, strict resolution, tried in order
     * @param keepPartial {@code partial: keep} (default) or {@code partial: error}
     */
    public record DateSpec(String column, List<String> patterns, List<DateTimeFormatter> formatters, boolean required,
                           boolean keepPartial, ValueSpec value, TermCalendar calendar) {
        public DateSpec {
            Objects.requireNonNull(column);
            patterns = List.copyOf(patterns);
            formatters = List.copyOf(formatters);
        }

        public DateSpec(String column, List<String> patterns, List<DateTimeFormatter> formatters, boolean required,
                        boolean keepPartial) {
            this(column, patterns, formatters, required, keepPartial, null, null);
        }
    }

    /**
     * {@code date.term_calendar}: a date from an academic year column ({@code 2025/26},
     * {@code 2025-26}, {@code 2025/2026}, {@code 2025}) and a term column ({@code AUT}), at the
     * start or end of the term.
     *
     * @param terms     term code (upper case) to its first and last day as month-day
     * @param yearStart the day the academic year starts: terms starting on or after it fall in the
     *                  first calendar year, the others in the second
     * @param atEnd     the event date is the last day of the term (else the first)
     */
    public record TermCalendar(String academicYear, String term, Map<String, Term> terms, MonthDay yearStart, boolean atEnd) {
        public TermCalendar {
            Objects.requireNonNull(academicYear);
            Objects.requireNonNull(term);
            terms = Map.copyOf(terms);
        }
    }

    public record Term(MonthDay start, MonthDay end) {}
}

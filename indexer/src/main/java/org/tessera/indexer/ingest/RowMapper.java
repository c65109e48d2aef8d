package org.tessera.indexer.ingest;

import org.tessera.indexer.ingest.SourceMapping.DateSpec;
import org.tessera.indexer.ingest.SourceMapping.PersonSpec;
import org.tessera.indexer.ingest.SourceMapping.RecordSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies a mapping's expressions to one raw row. The first error quarantines the row; warnings
 * travel with the record. Stateless apart from the file name; not shared across threads.
 */
final class RowMapper {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NAME_LIST = Pattern.compile("\\s*[;|/]\\s*");

    private final SourceMapping mapping;
    private final String file;

    RowMapper(SourceMapping mapping, String file) {
        this.mapping = mapping;
        this.file = file;
    }

    /** A record under construction from one row (or merged from several rows of a group). */
    static final class Draft {
        String id;
        String type;
        PartialDate date;
        String title;
        final Set<String> texts = new LinkedHashSet<>();
        final Map<String, String> codes = new LinkedHashMap<>();
        String locAddress, locPostcode;
        final List<InvolvedPerson> people = new ArrayList<>();
        final List<Issue> warnings = new ArrayList<>();
        Origin origin;
        int rows = 1;

        void absorb(Draft o) {
            rows += o.rows;
            if (type == null) type = o.type;
            if (date == null) date = o.date;
            if (title == null) title = o.title;
            texts.addAll(o.texts);
            o.codes.forEach(codes::putIfAbsent);
            if (locAddress == null) locAddress = o.locAddress;
            if (locPostcode == null) locPostcode = o.locPostcode;
            people.addAll(o.people);
            warnings.addAll(o.warnings);
            origin = origin.span(o.origin);
        }

        SourceRecord build(SourceMapping m) {
            String text = texts.isEmpty() ? null : String.join("\n\n", texts);
            Location loc = locAddress == null && locPostcode == null ? null : new Location(locAddress, locPostcode);
            return new SourceRecord(m.source(), id, m.agency(), type, date, title, text, codes, loc, people, origin);
        }
    }

    /** Thrown inside evaluation to quarantine the row; never escapes this class. */
    private static final class RowError extends RuntimeException {
        final String field;

        RowError(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    /** Either a draft or a quarantine; exactly one is non-null. */
    record Result(Draft draft, RowResult.Quarantined quarantined) {}

    Result map(Row row) {
        Draft d = new Draft();
        d.origin = new Origin(file, row.firstLine(), row.lastLine());
        try {
            RecordSpec r = mapping.record();
            d.id = eval(r.id(), row, "record.id", d);
            if (d.id == null) throw new RowError(describe(r.id()), "record id is empty");
            d.type = recordType(row, d);
            if (r.date() != null) d.date = date(r.date(), row, "record.date", d);
            d.title = eval(r.title(), row, "record.title", d);
            for (ValueSpec t : r.text()) {
                String v = eval(t, row, "record.text", d);
                if (v != null) d.texts.add(v);
            }
            for (var e : r.codes().entrySet()) {
                String v = eval(e.getValue(), row, "record.codes." + e.getKey(), d);
                if (v != null) d.codes.put(e.getKey(), v);
            }
            d.locAddress = eval(r.locationAddress(), row, "record.location.address", d);
            d.locPostcode = eval(r.locationPostcode(), row, "record.location.postcode", d);
            for (int i = 0; i < mapping.people().size(); i++) {
                PersonSpec p = mapping.people().get(i);
                String path = "people[" + i + "]";
                if (p.forEach() != null) {
                    for (Row el : row.each(p.forEach())) person(p, el, path, d);
                } else {
                    person(p, row, path, d);
                }
            }
            return new Result(d, null);
        } catch (RowError e) {
            return new Result(null, new RowResult.Quarantined(file, row.firstLine(), e.field, e.getMessage(), row.raw(), RowResult.Scope.ROW));
        }
    }

    String groupKey(Row row) {
        return row.get(mapping.record().groupBy());
    }

    private String recordType(Row row, Draft d) {
        ValueSpec spec = mapping.record().type();
        String v = eval(spec, row, "record.type", d);
        if (v == null) throw new RowError(describe(spec), "record type is empty and the mapping gives no default");
        if (!Vocabulary.SNAKE.matcher(v).matches()) v = snake(v);
        return v;
    }

    private void person(PersonSpec p, Row row, String path, Draft d) {
        if (p.when() != null && eval(p.when(), row, path + ".when", d) == null) return;
        String role = eval(p.role(), row, path + ".role", d);
        if (role == null || !Vocabulary.ROLES.contains(role)) {
            warn(d, row, describe(p.role()), role == null ? "person role is empty; 'other' used" : "role '" + role + "' is not canonical; 'other' used");
            role = "other";
        }
        String given, family;
        if (p.fullName() != null) {
            String[] split = splitFullName(eval(p.fullName(), row, path + ".full_name", d));
            given = split[0];
            family = split[1];
        } else {
            given = eval(p.givenNames(), row, path + ".given_names", d);
            family = eval(p.familyName(), row, path + ".family_name", d);
        }
        List<String> other = new ArrayList<>();
        String others = eval(p.otherNames(), row, path + ".other_names", d);
        if (others != null) for (String s : NAME_LIST.split(others)) if (!s.isBlank()) other.add(s.trim());
        PartialDate dob = p.dateOfBirth() == null ? null : date(p.dateOfBirth(), row, path + ".date_of_birth", d);
        Map<String, String> ids = new LinkedHashMap<>();
        for (var e : p.identifiers().entrySet()) {
            String v = eval(e.getValue(), row, path + ".identifiers." + e.getKey(), d);
            if (v != null) ids.put(e.getKey(), v);
        }
        InvolvedPerson person = new InvolvedPerson(role, given, family, other, dob,
                eval(p.gender(), row, path + ".gender", d), eval(p.address(), row, path + ".address", d),
                eval(p.postcode(), row, path + ".postcode", d), ids);
        if (!person.hasIdentity()) {
            warn(d, row, path, "person slot has no name, date of birth or identifier; slot skipped");
            return;
        }
        d.people.add(person);
    }

    /** "SURNAME, Given Names" or "Given Names Surname" (last token is the family name). */
    static String[] splitFullName(String full) {
        if (full == null) return new String[]{null, null};
        String s = SPACES.matcher(full.trim()).replaceAll(" ");
        int comma = s.indexOf(',');
        if (comma >= 0) {
            String family = s.substring(0, comma).trim();
            String given = s.substring(comma + 1).trim();
            return new String[]{given.isEmpty() ? null : given, family.isEmpty() ? null : family};
        }
        int sp = s.lastIndexOf(' ');
        if (sp < 0) return new String[]{null, s};
        return new String[]{s.substring(0, sp), s.substring(sp + 1)};
    }

    private PartialDate date(DateSpec spec, Row row, String path, Draft d) {
        String raw = row.get(spec.column());
        if (raw == null) {
            if (spec.required()) throw new RowError(spec.column(), "required date is empty (" + path + ")");
            return null;
        }
        return switch (DatePatterns.parse(raw, spec.formatters())) {
            case DatePatterns.Parsed.Full f -> f.date();
            case DatePatterns.Parsed.Partial p -> {
                if (!spec.keepPartial()) {
                    throw new RowError(spec.column(), "partial or impossible date '" + raw + "' and the mapping says partial: error (" + path + ")");
                }
                warn(d, row, spec.column(), "date '" + raw + "' kept as partial " + p.date() + " (" + path + ")");
                yield p.date();
            }
            case DatePatterns.Parsed.Unparsable u -> {
                String reason = "unparsable date '" + raw + "' (expected " + String.join(" or ", spec.patterns()) + ")";
                if (spec.required()) throw new RowError(spec.column(), reason);
                warn(d, row, spec.column(), reason + "; value left empty");
                yield null;
            }
        };
    }

    private String eval(ValueSpec spec, Row row, String path, Draft d) {
        if (spec == null) return null;
        return switch (spec) {
            case ValueSpec.Column c -> row.get(c.name());
            case ValueSpec.Constant c -> c.value();
            case ValueSpec.Template t -> template(t, row);
            case ValueSpec.Mapped m -> mapped(m, row, path, d);
        };
    }

    private String mapped(ValueSpec.Mapped m, Row row, String path, Draft d) {
        String raw = row.get(m.column());
        if (raw == null) return m.defaultValue();
        if (m.map().isEmpty()) return raw;
        String v = m.map().get(raw);
        if (v == null) {
            for (var e : m.map().entrySet()) if (e.getKey().equalsIgnoreCase(raw)) { v = e.getValue(); break; }
        }
        if (v != null) return v;
        if (m.unknown() == ValueSpec.Severity.ERROR) throw new RowError(m.column(), "unknown code '" + raw + "' (" + path + ")");
        warn(d, row, m.column(), "unknown code '" + raw + "' kept as given (" + path + ")");
        return raw;
    }

    static String template(ValueSpec.Template t, Row row) {
        List<String> cols = t.columns();
        List<String> lits = t.literals();
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        for (int i = 0; i < cols.size(); i++) {
            String v = row.get(cols.get(i));
            if (v == null) continue;
            if (!any && i == 0) sb.append(lits.get(0));
            if (any) sb.append(lits.get(i));
            sb.append(v);
            any = true;
        }
        if (!any) return null;
        if (row.get(cols.getLast()) != null) sb.append(lits.getLast());
        String s = tidyTemplate(sb);
        return s.isEmpty() ? null : s;
    }

    /**
     * Runs of whitespace become one space and separators at either end go: what
     * {@code \s+ -> " "} then {@code ^[\s,;:/-]+|[\s,;:/-]+$ -> ""} do, in one pass without
     * regular expressions (this runs for a title on every row of an extract, twice per ingest).
     */
    static String tidyTemplate(CharSequence raw) {
        int from = 0;
        int to = raw.length();
        while (from < to && isEdgeSeparator(raw.charAt(from))) {
            from++;
        }
        while (to > from && isEdgeSeparator(raw.charAt(to - 1))) {
            to--;
        }
        StringBuilder tidy = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (isRegexSpace(c)) {
                if (!isRegexSpace(raw.charAt(i - 1)) || i == from) {
                    tidy.append(' ');
                }
            } else {
                tidy.append(c);
            }
        }
        return tidy.toString();
    }

    /** {@code \s} of java.util.regex without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static boolean isEdgeSeparator(char c) {
        return isRegexSpace(c) || c == ',' || c == ';' || c == ':' || c == '/' || c == '-';
    }

    private void warn(Draft d, Row row, String field, String message) {
        d.warnings.add(new Issue(file, row.firstLine(), field, message));
    }

    static String describe(ValueSpec v) {
        return switch (v) {
            case ValueSpec.Column c -> c.name();
            case ValueSpec.Mapped m -> m.column();
            case ValueSpec.Template t -> t.source();
            case ValueSpec.Constant c -> null;
        };
    }

    private static String snake(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) s = "code_" + s;
        return s;
    }

    /** Columns the mapping reads, for the "column not in header" notice. */
    static Set<String> referencedColumns(SourceMapping m) {
        Set<String> out = new LinkedHashSet<>();
        RecordSpec r = m.record();
        add(out, r.id());
        if (r.groupBy() != null) out.add(r.groupBy());
        add(out, r.type());
        if (r.date() != null) out.add(r.date().column());
        add(out, r.title());
        r.text().forEach(v -> add(out, v));
        r.codes().values().forEach(v -> add(out, v));
        add(out, r.locationAddress());
        add(out, r.locationPostcode());
        for (PersonSpec p : m.people()) {
            if (p.forEach() != null) continue;
            for (ValueSpec v : new ValueSpec[]{p.role(), p.when(), p.givenNames(), p.familyName(), p.fullName(), p.otherNames(), p.gender(), p.address(), p.postcode()}) add(out, v);
            if (p.dateOfBirth() != null) out.add(p.dateOfBirth().column());
            p.identifiers().values().forEach(v -> add(out, v));
        }
        return out;
    }

    private static void add(Set<String> out, ValueSpec v) {
        if (v == null) return;
        switch (v) {
            case ValueSpec.Column c -> out.add(c.name());
            case ValueSpec.Mapped mm -> out.add(mm.column());
            case ValueSpec.Template t -> out.addAll(t.columns());
            case ValueSpec.Constant c -> { }
        }
    }
}

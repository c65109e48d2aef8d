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
                } else if (p.list() != null) {
                    for (Row el : listElements(p.list(), row, path, d)) person(p, el, path, d);
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
        String title = eval(p.title(), row, path + ".title", d);
        if (p.fullName() != null) {
            Name name = Name.parse(eval(p.fullName(), row, path + ".full_name", d), p.nameFormat(), p.stripTitles());
            given = name.given();
            family = name.family();
            if (title == null) title = name.title();
        } else {
            given = eval(p.givenNames(), row, path + ".given_names", d);
            family = eval(p.familyName(), row, path + ".family_name", d);
            if (p.stripTitles() && given != null) {
                String[] split = Name.stripTitle(given);
                given = split[1];
                if (title == null) title = split[0];
            }
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
                eval(p.postcode(), row, path + ".postcode", d), ids, title);
        if (!person.hasIdentity()) {
            warn(d, row, path, "person slot has no name, date of birth or identifier; slot skipped");
            return;
        }
        d.people.add(person);
    }

    /** "SURNAME, Given Names" or "Given Names Surname" (last token is the family name): the v1 reading. */
    static String[] splitFullName(String full) {
        Name n = Name.parse(full, SourceMapping.NameFormat.AUTO, false);
        return new String[]{n.given(), n.family()};
    }

    /**
     * The elements of a {@code list} column as rows: the pattern's named groups (and the whole
     * element as {@code item}) in front of the row's columns. An element the pattern does not
     * match is a warning, or quarantines the row with {@code unmatched: error}.
     */
    private List<Row> listElements(SourceMapping.ListSpec spec, Row row, String path, Draft d) {
        List<String> raw = row.values(spec.column());
        List<String> elements = new ArrayList<>();
        if (raw.size() == 1) {
            for (String s : spec.separator().split(raw.getFirst())) if (!s.isBlank()) elements.add(s.trim());
        } else {
            elements.addAll(raw);
        }
        List<Row> out = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            String el = elements.get(i);
            Map<String, String> groups = new LinkedHashMap<>();
            groups.put("item", el);
            if (spec.pattern() != null) {
                java.util.regex.Matcher m = spec.pattern().matcher(el);
                if (!m.matches()) {
                    String reason = "element " + (i + 1) + " of " + spec.column() + " does not match " + path + ".list.pattern";
                    if (spec.unmatchedError()) throw new RowError(spec.column(), reason);
                    warn(d, row, spec.column(), reason + "; element skipped");
                    continue;
                }
                for (String g : spec.groups()) {
                    String v = m.group(g);
                    if (v != null && !v.isBlank()) groups.put(g, v.trim());
                }
            }
            out.add(new ElementRow(groups, row));
        }
        return out;
    }

    /** One element of a list column: its groups first, then the row's columns. */
    private record ElementRow(Map<String, String> groups, Row parent) implements Row {
        @Override public String get(String column) {
            return groups.containsKey(column) ? groups.get(column) : parent.get(column);
        }
        @Override public List<String> values(String column) {
            return groups.containsKey(column) ? List.of(groups.get(column)) : parent.values(column);
        }
        @Override public boolean has(String column) { return groups.containsKey(column) || parent.has(column); }
        @Override public List<Row> each(String path) { return parent.each(path); }
        @Override public long firstLine() { return parent.firstLine(); }
        @Override public long lastLine() { return parent.lastLine(); }
        @Override public String raw() { return parent.raw(); }
    }

    private PartialDate date(DateSpec spec, Row row, String path, Draft d) {
        if (spec.calendar() != null) return termDate(spec, row, path, d);
        String raw = spec.value() != null ? eval(spec.value(), row, path + ".column", d) : row.get(spec.column());
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

    private static final java.util.regex.Pattern ACADEMIC_YEAR = java.util.regex.Pattern.compile("(\\d{4})(?:\\s*[/-]\\s*(\\d{2}|\\d{4}))?");

    /** A date from an academic year and a term code, at the term's start or end. */
    private PartialDate termDate(DateSpec spec, Row row, String path, Draft d) {
        SourceMapping.TermCalendar cal = spec.calendar();
        String year = row.get(cal.academicYear());
        String term = row.get(cal.term());
        String problem = null;
        String field = cal.academicYear();
        PartialDate out = null;
        java.util.regex.Matcher m = year == null ? null : ACADEMIC_YEAR.matcher(year);
        if (year == null || term == null) {
            problem = "academic year or term is empty (" + path + ")";
            field = year == null ? cal.academicYear() : cal.term();
        } else if (!m.matches()) {
            problem = "academic year '" + year + "' is not like 2025/26 (" + path + ")";
        } else {
            SourceMapping.Term t = cal.terms().get(term.replace(" ", "").toUpperCase(Locale.ROOT));
            if (t == null) {
                problem = "unknown term '" + term + "' (expected one of " + String.join(", ", new java.util.TreeSet<>(cal.terms().keySet())) + "; " + path + ")";
                field = cal.term();
            } else {
                int first = Integer.parseInt(m.group(1));
                int startYear = t.start().isBefore(cal.yearStart()) ? first + 1 : first;
                int endYear = t.end().isBefore(t.start()) ? startYear + 1 : startYear;
                out = cal.atEnd() ? PartialDate.of(t.end().atYear(endYear)) : PartialDate.of(t.start().atYear(startYear));
            }
        }
        if (problem == null) return out;
        if (spec.required()) throw new RowError(field, problem);
        warn(d, row, field, problem + "; value left empty");
        return null;
    }

    private String eval(ValueSpec spec, Row row, String path, Draft d) {
        if (spec == null) return null;
        return switch (spec) {
            case ValueSpec.Column c -> row.get(c.name());
            case ValueSpec.Constant c -> c.value();
            case ValueSpec.Template t -> template(t, row);
            case ValueSpec.Mapped m -> mapped(m, row, path, d);
            case ValueSpec.Conditional c -> holds(c.when(), row) ? eval(c.then(), row, path, d) : null;
            case ValueSpec.Computed c -> computed(c, row, path, d);
        };
    }

    static boolean holds(ValueSpec.Condition c, Row row) {
        String v = row.get(c.column());
        if (c.values().isEmpty()) return v != null;
        boolean in = false;
        if (v != null) for (String want : c.values()) in |= want.equalsIgnoreCase(v);
        return c.negate() != in;
    }

    private String computed(ValueSpec.Computed c, Row row, String path, Draft d) {
        for (String col : c.expression().columns()) {
            String v = row.get(col);
            if (v != null && Arithmetic.parseNumber(v) == null) {
                warn(d, row, col, "'" + v + "' is not a number; " + path + " left empty");
                return null;
            }
        }
        Double v = c.expression().evaluate(row::get);
        return v == null || v.isNaN() || v.isInfinite() ? null : Arithmetic.format(v, c.decimals());
    }

    /** The column's value after the v2 steps (element or join, capture, number); null when absent. */
    private String picked(ValueSpec.Mapped m, Row row, String path, Draft d) {
        ValueSpec.Pick pick = m.pick();
        if (pick == null) return row.get(m.column());
        String raw;
        if (pick.element() != null) {
            List<String> all = row.values(m.column());
            int i = pick.element() < 0 ? all.size() + pick.element() : pick.element();
            raw = i >= 0 && i < all.size() ? all.get(i) : null;
        } else {
            List<String> all = row.values(m.column());
            raw = all.isEmpty() ? null : String.join(pick.join(), all);
        }
        if (raw != null && pick.capture() != null) {
            java.util.regex.Matcher c = pick.capture().matcher(raw);
            if (!c.find()) {
                raw = null;
            } else {
                boolean named = pick.capture().namedGroups().containsKey("value");
                raw = named ? c.group("value") : c.groupCount() >= 1 ? c.group(1) : c.group();
            }
        }
        if (raw != null && pick.number()) {
            Double n = Arithmetic.parseNumber(raw);
            if (n == null) {
                warn(d, row, m.column(), "'" + raw + "' is not a number; " + path + " left empty");
                return null;
            }
            raw = Arithmetic.format(n, 6);
        }
        if (raw == null) return null;
        raw = raw.trim();
        return raw.isEmpty() ? null : raw;
    }

    private String mapped(ValueSpec.Mapped m, Row row, String path, Draft d) {
        String raw = picked(m, row, path, d);
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
            case ValueSpec.Conditional c -> describe(c.then());
            case ValueSpec.Computed c -> String.join(",", c.expression().columns());
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
        addDate(out, r.date());
        add(out, r.title());
        r.text().forEach(v -> add(out, v));
        r.codes().values().forEach(v -> add(out, v));
        add(out, r.locationAddress());
        add(out, r.locationPostcode());
        for (PersonSpec p : m.people()) {
            if (p.forEach() != null) continue;
            Set<String> slot = new LinkedHashSet<>();
            for (ValueSpec v : new ValueSpec[]{p.role(), p.when(), p.givenNames(), p.familyName(), p.fullName(), p.otherNames(), p.gender(), p.address(), p.postcode(), p.title()}) add(slot, v);
            addDate(slot, p.dateOfBirth());
            p.identifiers().values().forEach(v -> add(slot, v));
            if (p.list() != null) {
                // The pattern's groups are not columns.
                slot.removeAll(p.list().groups());
                slot.remove("item");
                slot.add(p.list().column());
            }
            out.addAll(slot);
        }
        return out;
    }

    private static void addDate(Set<String> out, DateSpec d) {
        if (d == null) return;
        if (d.calendar() != null) {
            out.add(d.calendar().academicYear());
            out.add(d.calendar().term());
        } else if (d.value() != null) {
            add(out, d.value());
        } else {
            out.add(d.column());
        }
    }

    private static void add(Set<String> out, ValueSpec v) {
        if (v == null) return;
        switch (v) {
            case ValueSpec.Column c -> out.add(c.name());
            case ValueSpec.Mapped mm -> out.add(mm.column());
            case ValueSpec.Template t -> out.addAll(t.columns());
            case ValueSpec.Constant c -> { }
            case ValueSpec.Conditional c -> {
                out.add(c.when().column());
                add(out, c.then());
            }
            case ValueSpec.Computed c -> out.addAll(c.expression().columns());
        }
    }
}

package org.tessera.indexer.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How a mapping reads each field, in words, one line per field: what {@code tessera sources check}
 * prints so that an analyst sees the mapping as the loader understood it (lists, name formats,
 * array picks, term calendars, computed, conditional and captured values, excluded paths).
 * Pure; thread-safe.
 */
public final class MappingOutline {
    private MappingOutline() {}

    public static List<String> lines(SourceMapping m) {
        List<String> out = new ArrayList<>();
        out.add("files " + String.join(" ", m.files()) + (m.exclude().isEmpty() ? "" : "; excluded paths " + String.join(" ", m.exclude())));
        SourceMapping.RecordSpec r = m.record();
        field(out, "record.id", r.id());
        if (r.groupBy() != null) out.add(pad("record.group_by") + r.groupBy());
        field(out, "record.type", r.type());
        if (r.date() != null) out.add(pad("record.date") + date(r.date()));
        field(out, "record.title", r.title());
        for (int i = 0; i < r.text().size(); i++) field(out, "record.text[" + i + "]", r.text().get(i));
        r.codes().forEach((k, v) -> field(out, "record.codes." + k, v));
        field(out, "record.location.address", r.locationAddress());
        field(out, "record.location.postcode", r.locationPostcode());
        for (int i = 0; i < m.people().size(); i++) {
            SourceMapping.PersonSpec p = m.people().get(i);
            String path = "people[" + i + "]";
            StringBuilder slot = new StringBuilder(pad(path)).append("role ").append(show(p.role()));
            if (p.when() != null) slot.append("; only when ").append(show(p.when())).append(" has a value");
            if (p.forEach() != null) slot.append("; one per element of ").append(p.forEach());
            if (p.list() != null) {
                SourceMapping.ListSpec l = p.list();
                slot.append("; one per element of the list in ").append(l.column()).append(" split by \"").append(l.separatorText()).append('"');
                if (l.pattern() != null) {
                    slot.append(", each matching a pattern with groups ").append(String.join(", ", l.groups()))
                            .append(l.unmatchedError() ? " (an element that does not match quarantines the row)" : " (an element that does not match is skipped with a warning)");
                }
            }
            out.add(slot.toString());
            if (p.fullName() != null) {
                out.add(pad(path + ".full_name") + show(p.fullName()) + " read as " + switch (p.nameFormat()) {
                    case AUTO -> "\"SURNAME, Given\" or \"Given Surname\"";
                    case GIVEN_FIRST -> "given names first (trailing UPPER-CASE words are the family name)";
                    case FAMILY_FIRST -> "family name first (SURNAME Forename)";
                } + (p.stripTitles() ? ", titles taken off and kept as the title" : ", titles kept in the name"));
            }
            field(out, path + ".title", p.title());
            field(out, path + ".given_names", p.givenNames());
            field(out, path + ".family_name", p.familyName());
            field(out, path + ".other_names", p.otherNames());
            if (p.dateOfBirth() != null) out.add(pad(path + ".date_of_birth") + date(p.dateOfBirth()));
            field(out, path + ".gender", p.gender());
            field(out, path + ".address", p.address());
            field(out, path + ".postcode", p.postcode());
            p.identifiers().forEach((k, v) -> field(out, path + ".identifiers." + k, v));
        }
        return out;
    }

    private static void field(List<String> out, String path, ValueSpec v) {
        if (v != null) out.add(pad(path) + show(v));
    }

    private static String pad(String path) {
        return "  " + String.format("%-34s ", path);
    }

    static String show(ValueSpec v) {
        return switch (v) {
            case ValueSpec.Column c -> "column " + c.name();
            case ValueSpec.Constant c -> "\"" + c.value() + "\"";
            case ValueSpec.Template t -> "template \"" + t.source() + "\"";
            case ValueSpec.Computed c -> "computed " + c.source() + " (" + c.decimals() + " decimal places at most)";
            case ValueSpec.Conditional c -> show(c.then()) + ", only when " + c.when().column()
                    + (c.when().values().isEmpty() ? " has a value" : (c.when().negate() ? " is not " : " is ") + String.join(" or ", c.when().values()));
            case ValueSpec.Mapped m -> {
                StringBuilder sb = new StringBuilder("column ").append(m.column());
                ValueSpec.Pick p = m.pick();
                if (p != null) {
                    if (p.element() != null) sb.append(", array element ").append(p.element());
                    else if (!p.join().equals(" ")) sb.append(", array elements joined by \"").append(p.join()).append('"');
                    if (p.capture() != null) sb.append(", captured by /").append(p.capture().pattern()).append('/');
                    if (p.number()) sb.append(", as a number");
                }
                if (!m.map().isEmpty()) sb.append(", mapped (").append(m.map().size()).append(" codes)");
                if (m.defaultValue() != null) sb.append(", default \"").append(m.defaultValue()).append('"');
                if (!m.map().isEmpty()) sb.append(", unknown codes: ").append(m.unknown().name().toLowerCase());
                yield sb.toString();
            }
        };
    }

    private static String date(SourceMapping.DateSpec d) {
        String req = d.required() ? " (required)" : " (optional)";
        if (d.calendar() != null) {
            SourceMapping.TermCalendar c = d.calendar();
            return "term calendar: academic year " + c.academicYear() + " + term " + c.term() + ", at the term's "
                    + (c.atEnd() ? "end" : "start") + " (terms " + String.join(", ", new TreeSet<>(c.terms().keySet()))
                    + "; the year turns on " + c.yearStart() + ")" + req;
        }
        String from = d.value() != null ? show(d.value()) : "column " + d.column();
        return from + " as " + String.join(" or ", d.patterns()) + req + (d.keepPartial() ? ", partial dates kept" : ", partial dates rejected");
    }
}

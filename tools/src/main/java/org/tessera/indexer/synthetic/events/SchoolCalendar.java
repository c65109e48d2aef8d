package org.tessera.indexer.synthetic.events;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** English school half-terms (approximate dates) and the sessions (two a day) each offers. */
public final class SchoolCalendar {
    public record HalfTerm(String academicYear, String term, int part, LocalDate start, LocalDate end, int sessions) {
        public String code() {
            return term + part;
        }
    }

    private SchoolCalendar() {
    }

    public static List<HalfTerm> between(LocalDate from, LocalDate to) {
        List<HalfTerm> out = new ArrayList<>();
        for (int y = from.getYear() - 1; y <= to.getYear(); y++) {
            String ay = y + "/" + String.format("%02d", (y + 1) % 100);
            add(out, ay, "AUT", 1, LocalDate.of(y, 9, 4), LocalDate.of(y, 10, 24), 70, from, to);
            add(out, ay, "AUT", 2, LocalDate.of(y, 11, 3), LocalDate.of(y, 12, 19), 68, from, to);
            add(out, ay, "SPR", 1, LocalDate.of(y + 1, 1, 6), LocalDate.of(y + 1, 2, 13), 60, from, to);
            add(out, ay, "SPR", 2, LocalDate.of(y + 1, 2, 23), LocalDate.of(y + 1, 4, 2), 58, from, to);
            add(out, ay, "SUM", 1, LocalDate.of(y + 1, 4, 20), LocalDate.of(y + 1, 5, 22), 46, from, to);
            add(out, ay, "SUM", 2, LocalDate.of(y + 1, 6, 1), LocalDate.of(y + 1, 7, 21), 72, from, to);
        }
        return out;
    }

    private static void add(List<HalfTerm> out, String ay, String term, int part, LocalDate s, LocalDate e, int sessions,
                            LocalDate from, LocalDate to) {
        if (!e.isBefore(from) && !e.isAfter(to)) {
            out.add(new HalfTerm(ay, term, part, s, e, sessions));
        }
    }

    /** Age on 31 August before the academic year containing {@code date}: 4 = Reception, 11 = Year 7. */
    public static int schoolAge(LocalDate dob, LocalDate date) {
        return yearGroupAge(dob, date.getMonthValue() >= 9 ? date.getYear() : date.getYear() - 1);
    }

    /** Age on 31 August before the academic year starting in {@code septemberYear}. */
    public static int yearGroupAge(LocalDate dob, int septemberYear) {
        LocalDate aug31 = LocalDate.of(septemberYear, 8, 31);
        return java.time.Period.between(dob, aug31).getYears();
    }
}

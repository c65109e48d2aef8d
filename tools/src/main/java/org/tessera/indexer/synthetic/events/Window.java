package org.tessera.indexer.synthetic.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.SplittableRandom;

/** The generated period [start, end], with helpers to draw dates and times inside it. */
public record Window(LocalDate start, LocalDate end) {
    public long days() {
        return end.toEpochDay() - start.toEpochDay() + 1;
    }

    public boolean contains(LocalDate d) {
        return !d.isBefore(start) && !d.isAfter(end);
    }

    public LocalDate randomDate(SplittableRandom rng) {
        return start.plusDays(rng.nextLong(days()));
    }

    public LocalDate randomDate(LocalDate from, LocalDate to, SplittableRandom rng) {
        LocalDate a = from.isBefore(start) ? start : from;
        LocalDate b = to.isAfter(end) ? end : to;
        if (b.isBefore(a)) {
            return a;
        }
        return a.plusDays(rng.nextLong(b.toEpochDay() - a.toEpochDay() + 1));
    }

    public LocalDate clamp(LocalDate d) {
        return d.isBefore(start) ? start : d.isAfter(end) ? end : d;
    }

    public static LocalDate weekday(LocalDate d) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY) {
            return d.minusDays(1);
        }
        return d.getDayOfWeek() == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    public static LocalDateTime office(LocalDate d, SplittableRandom rng) {
        return weekday(d).atTime(LocalTime.of(8 + rng.nextInt(9), rng.nextInt(60)));
    }

    public static LocalDateTime anyTime(LocalDate d, SplittableRandom rng) {
        // Police and ED activity peaks in the evening.
        int h = rng.nextInt(3) == 0 ? rng.nextInt(24) : 15 + rng.nextInt(9);
        return d.atTime(LocalTime.of(h, rng.nextInt(60)));
    }
}

package org.tessera.portal.common;

import java.time.LocalDate;
import java.util.Locale;

/** The English school year (September to August) a date falls in, as schools write it: "2025/26". */
public final class SchoolYear {

    private SchoolYear() {
    }

    public static String of(LocalDate date) {
        int start = date.getMonthValue() >= 9 ? date.getYear() : date.getYear() - 1;
        return start + "/" + String.format(Locale.ROOT, "%02d", (start + 1) % 100);
    }
}

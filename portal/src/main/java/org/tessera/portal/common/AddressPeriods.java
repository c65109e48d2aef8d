package org.tessera.portal.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A person's address records as periods of residence. A record that carries only a postcode
 * confirms a known street address with that postcode (it widens that period, it is not a move);
 * records of the same address merge into one period. Newest period first.
 */
public final class AddressPeriods {

    /** An address record as the person document holds it; {@code from}/{@code to} are ISO dates or null. */
    public record Record(String address, String postcode, String from, String to) {
    }

    /**
     * One period at one address.
     *
     * @param to            null while current
     * @param records       address records that name the street address
     * @param confirmations postcode-only records that fall to this address
     */
    public record Period(String address, String postcode, String from, String to, int records, int confirmations) {
        /** "137 Hazel Terrace, Ashcombe TC10 2HF, 2021-01-01 to now" */
        public String describe() {
            String place = address == null ? "postcode " + postcode + " (no street address recorded)"
                    : address + (postcode == null || address.replace(" ", "").toUpperCase(Locale.ROOT).contains(key(postcode)) ? "" : " " + postcode);
            return place + ", " + (from == null ? "?" : from) + " to " + (to == null ? "now" : to)
                    + (confirmations == 0 ? "" : " (confirmed by " + confirmations + " postcode-only record" + (confirmations == 1 ? "" : "s") + ")");
        }
    }

    private AddressPeriods() {
    }

    public static List<Period> of(List<Record> records) {
        Map<String, Period> byAddress = new LinkedHashMap<>();
        List<Record> postcodeOnly = new ArrayList<>();
        for (Record r : records) {
            if (postcodeOnly(r)) {
                postcodeOnly.add(r);
                continue;
            }
            String key = key(street(r.address(), r.postcode())) + "|" + key(r.postcode());
            Period before = byAddress.get(key);
            byAddress.put(key, before == null ? new Period(r.address().trim(), blankToNull(r.postcode()), r.from(), r.to(), 1, 0)
                    : new Period(before.address(), before.postcode(), min(before.from(), r.from()), maxTo(before.to(), r.to()), before.records() + 1, 0));
        }
        for (Record r : postcodeOnly) {
            String postcode = key(r.postcode() != null ? r.postcode() : r.address());
            Map.Entry<String, Period> known = byAddress.entrySet().stream()
                    .filter(e -> postcode.equals(key(e.getValue().postcode())) || e.getKey().endsWith("|" + postcode))
                    .findFirst().orElse(null);
            if (known != null) {
                Period p = known.getValue();
                // A sighting widens the period it falls to; it never makes an ended period current.
                String seen = r.to() != null ? r.to() : r.from();
                String to = p.to() == null || seen == null || seen.compareTo(p.to()) <= 0 ? p.to() : seen;
                byAddress.put(known.getKey(), new Period(p.address(), p.postcode(), min(p.from(), r.from()), to,
                        p.records(), p.confirmations() + 1));
            } else {
                String key = "|" + postcode;
                Period before = byAddress.get(key);
                String shown = r.postcode() != null ? r.postcode().trim() : r.address().trim();
                byAddress.put(key, before == null ? new Period(null, shown, r.from(), r.to(), 1, 0)
                        : new Period(null, shown, min(before.from(), r.from()), maxTo(before.to(), r.to()), before.records() + 1, 0));
            }
        }
        List<Period> periods = new ArrayList<>(byAddress.values());
        periods.sort((a, b) -> {
            String ta = a.to() == null ? "9999" : a.to();
            String tb = b.to() == null ? "9999" : b.to();
            int byEnd = tb.compareTo(ta);
            return byEnd != 0 ? byEnd : String.valueOf(b.from()).compareTo(String.valueOf(a.from()));
        });
        return periods;
    }

    private static boolean postcodeOnly(Record r) {
        if (r.address() == null || r.address().isBlank()) {
            return true;
        }
        return r.postcode() != null && key(r.address()).equals(key(r.postcode()));
    }

    /** The address without a trailing postcode, so "1 A St TC1 4AB" and "1 A St" are one address. */
    private static String street(String address, String postcode) {
        String a = address.trim();
        if (postcode != null && !postcode.isBlank()) {
            String p = postcode.trim();
            if (a.toUpperCase(Locale.ROOT).endsWith(p.toUpperCase(Locale.ROOT))) {
                a = a.substring(0, a.length() - p.length()).trim();
            }
        }
        return a.replaceAll("[,\\s]+$", "");
    }

    private static String key(String value) {
        return value == null ? "" : value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String min(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    /** The later end; null (still current) wins. */
    private static String maxTo(String a, String b) {
        if (a == null || b == null) {
            return null;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}

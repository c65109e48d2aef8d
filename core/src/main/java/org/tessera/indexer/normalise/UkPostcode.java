package org.tessera.indexer.normalise;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A syntactically valid UK postcode, split into outward code (area + district) and inward code
 * (sector digit + unit). Validation is by shape, not against the postcode directory.
 */
public record UkPostcode(String outward, String inward) {
    private static final Pattern SHAPE = Pattern.compile("([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^A-Z0-9]");
    private static final Pattern AREA = Pattern.compile("^[A-Z]{1,2}");

    /** Parses any spacing and case ("sw1a1aa", " SW1A  1AA"); empty when not a UK postcode shape. */
    public static Optional<UkPostcode> parse(String raw) {
        if (raw == null) return Optional.empty();
        String s = NOT_ALNUM.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
        if (s.equals("GIR0AA")) return Optional.of(new UkPostcode("GIR", "0AA"));
        Matcher m = SHAPE.matcher(s);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new UkPostcode(m.group(1), m.group(2)));
    }

    /** "SW1A 1AA". */
    public String formatted() { return outward + " " + inward; }

    /** Postcode area, e.g. "SW". */
    public String area() {
        Matcher m = AREA.matcher(outward);
        return m.find() ? m.group() : outward;
    }

    /** Postcode district = outward code, e.g. "SW1A". */
    public String district() { return outward; }

    /** Postcode sector, e.g. "SW1A 1". */
    public String sector() { return outward + " " + inward.charAt(0); }

    @Override
    public String toString() { return formatted(); }
}

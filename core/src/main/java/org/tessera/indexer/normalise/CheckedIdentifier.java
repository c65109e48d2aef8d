package org.tessera.indexer.normalise;

import java.util.Locale;
import java.util.Objects;

/**
 * An identifier as normalised for matching, with whether its check passed. Invalid identifiers
 * are kept as given (shown to users, searchable) but flagged untrusted, so linkage never treats
 * them as proof of identity.
 */
public record CheckedIdentifier(String scheme, String value, boolean trusted) {
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s");
    private static final java.util.regex.Pattern PNC = java.util.regex.Pattern.compile("(\\d{2}|\\d{4})/\\d{1,7}[A-Z]");

    public CheckedIdentifier {
        Objects.requireNonNull(scheme);
        Objects.requireNonNull(value);
    }

    /**
     * Checks by scheme: {@code nhs_number} (modulus 11), {@code upn} (DfE check letter), {@code pnc}
     * (shape YY/NNNNNNNL, year 2 or 4 digits; the check letter is not verified); anything else is
     * trusted when non-blank (e.g. a source's own person id).
     */
    public static CheckedIdentifier check(String scheme, String raw) {
        String v = raw == null ? "" : raw.trim();
        return switch (scheme) {
            case "nhs_number" -> {
                String n = NhsNumber.normalise(v);
                yield new CheckedIdentifier(scheme, n == null ? v : n, NhsNumber.isValid(v));
            }
            case "upn" -> {
                String n = Upn.normalise(v);
                yield new CheckedIdentifier(scheme, n == null ? v : n, Upn.isValid(v));
            }
            case "pnc" -> {
                String n = SPACES.matcher(v.toUpperCase(Locale.ROOT)).replaceAll("");
                yield new CheckedIdentifier(scheme, n, PNC.matcher(n).matches());
            }
            default -> new CheckedIdentifier(scheme, SPACES.matcher(v.toUpperCase(Locale.ROOT)).replaceAll(""), !v.isEmpty());
        };
    }
}

package org.tessera.indexer.normalise;

import java.util.Locale;

/**
 * Unique Pupil Number check (DfE): 13 characters, a check letter then 12 characters (LA code,
 * establishment, year, serial; the last may be a letter in a temporary UPN). The check letter is
 * the sum of each of characters 2-13 times its position (2..13), modulo 23, as a letter from
 * {@code ABCDEFGHJKLMNPQRTUVWXYZ}. Pure functions.
 */
public final class Upn {
    private Upn() {}

    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s");

    /** The 23 check letters (no I, O, S). */
    public static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public static String normalise(String raw) {
        if (raw == null) return null;
        String s = SPACES.matcher(raw).replaceAll("").toUpperCase(Locale.ROOT);
        return s.isEmpty() ? null : s;
    }

    public static boolean isValid(String raw) {
        String s = normalise(raw);
        if (s == null || s.length() != 13) return false;
        for (int i = 1; i < 12; i++) if (!Character.isDigit(s.charAt(i))) return false;
        char last = s.charAt(12);
        if (!Character.isDigit(last) && LETTERS.indexOf(last) < 0) return false;
        return checkLetter(s.substring(1)) == s.charAt(0);
    }

    /** The check letter for the 12 characters after it. */
    public static char checkLetter(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = twelve.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : LETTERS.indexOf(c);
            sum += v * (i + 2);
        }
        return LETTERS.charAt(sum % 23);
    }
}

package org.tessera.indexer.normalise;

/** NHS number check (10 digits, modulus 11 check digit). Pure functions. */
public final class NhsNumber {
    private NhsNumber() {}

    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s-]");

    /** Digits only ("943 476 5919" gives "9434765919"); null when blank. */
    public static String normalise(String raw) {
        if (raw == null) return null;
        String d = SEPARATORS.matcher(raw).replaceAll("");
        return d.isEmpty() ? null : d;
    }

    public static boolean isValid(String raw) {
        String d = normalise(raw);
        if (d == null || d.length() != 10 || !d.chars().allMatch(Character::isDigit)) return false;
        if (d.chars().distinct().count() == 1) return false; // 0000000000 etc. pass the check but are placeholders
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += (d.charAt(i) - '0') * (10 - i);
        int check = 11 - (sum % 11);
        if (check == 11) check = 0;
        if (check == 10) return false;
        return check == d.charAt(9) - '0';
    }

    /** The check digit for nine leading digits, or -1 when no valid number starts with them. */
    public static int checkDigit(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += (nineDigits.charAt(i) - '0') * (10 - i);
        int check = 11 - (sum % 11);
        if (check == 11) return 0;
        return check == 10 ? -1 : check;
    }
}

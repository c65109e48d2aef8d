package org.tessera.indexer.synthetic.population;

import org.tessera.indexer.normalise.NhsNumber;
import org.tessera.indexer.normalise.Upn;

/**
 * Valid-by-construction identifiers: NHS numbers (modulus 11) and Unique Pupil Numbers (DfE
 * check letter), unique per person key, their check characters computed by the same
 * {@link NhsNumber} and {@link Upn} the linker validates with. Pure static functions.
 */
public final class IdentifierGenerator {
    /** The DfE check letters, also used for the PNC check character. */
    private static final String UPN_LETTERS = Upn.LETTERS;
    private static final long NHS_SPACE = 100_000_000L;
    /** Odd and not a multiple of 5, so multiplication is a bijection modulo 10^8. */
    private static final long SCRAMBLE = 73_821_947L;
    /** Fictional local authority number of Tessershire (not a real DfE LA code). */
    public static final String LA_CODE = "999";

    private IdentifierGenerator() {
    }

    /** A unique valid NHS number for person key {@code key} (< 10 million). */
    public static String nhsNumber(long key) {
        for (long k = key; ; k += 10_000_000L) {
            long body = Math.floorMod(k * SCRAMBLE + 12_345_678L, NHS_SPACE);
            String nine = "4" + String.format("%08d", body);
            int check = NhsNumber.checkDigit(nine);
            if (check >= 0) {
                return nine + check;
            }
        }
    }

    /** Same digits with the check digit changed: what a keying error produces. */
    public static String corruptNhsNumber(String valid) {
        char last = valid.charAt(9);
        return valid.substring(0, 9) + (char) ('0' + (last - '0' + 3) % 10);
    }

    /** A unique permanent UPN: check letter, LA, establishment, year of allocation, serial. */
    public static String upn(long key, int allocationYear) {
        String body = LA_CODE + String.format("%04d", 2000 + Math.floorMod(key / 1000, 8000))
                + String.format("%02d", allocationYear % 100) + String.format("%03d", key % 1000);
        return Upn.checkLetter(body) + body;
    }

    public static String corruptUpn(String valid) {
        char c = valid.charAt(0);
        int i = UPN_LETTERS.indexOf(c);
        return UPN_LETTERS.charAt((i + 5) % 23) + valid.substring(1);
    }

    /**
     * A PNC id, unique per person key and year. The serial is scrambled below a million; keys
     * of a million and more (a full county has ~3 million) carry the millions over into a
     * seventh digit, as real PNC serials do, instead of wrapping onto another person's id.
     */
    /**
     * A school admission number, unique per pupil within a school. Below a million keys it is
     * a school-specific scramble of the key (six digits); keys of a million and more keep their
     * millions, so two pupils never share a number in one school (at county scale they did, and
     * the attendance record ids and the school's person id collided).
     */
    public static String admissionNumber(long key, String schoolUrn) {
        long n = Math.floorMod(key * 7 + schoolUrn.hashCode(), 1_000_000L) + key / 1_000_000L * 1_000_000L;
        return String.format("%06d", n);
    }

    /**
     * A probation case reference number (a letter and six digits), unique per person key: the
     * letter counts the millions of the key (X below a million, then Y, Z, A, ...), so keys a
     * million apart no longer share one CRN.
     */
    public static String crn(long key) {
        char letter = (char) ('A' + Math.floorMod(23 + key / 1_000_000L, 26));
        return letter + String.format("%06d", Math.floorMod(key * 31, 1_000_000L));
    }

    public static String pnc(long key, int year) {
        long n = Math.floorMod(key * 7919L, 1_000_000L) + key / 1_000_000L * 1_000_000L;
        return String.format("%02d/%06d", year % 100, n) + UPN_LETTERS.charAt((int) (n % 23));
    }
}

package org.tessera.indexer.synthetic.noise;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.population.IdentifierGenerator;
import org.tessera.indexer.synthetic.population.NameBank;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Turns a true person into what one agency record holds. Stateless apart from the immutable name
 * bank; thread-safe.
 */
public final class IdentityNoise {
    private static final String[][] PHONETIC = {{"ph", "f"}, {"ey", "y"}, {"son", "sen"}, {"Mc", "Mac"}, {"ie", "y"},
        {"ck", "k"}, {"ll", "l"}, {"tt", "t"}, {"ou", "ow"}, {"ai", "ay"}, {"th", "t"}, {"ss", "s"}, {"ar", "er"},
        {"ee", "ea"}, {"ck", "c"}, {"y", "i"}};

    private final NameBank names;

    public IdentityNoise(NameBank names) {
        this.names = names;
    }

    /**
     * @param otherSurnames surnames this person may plausibly appear under (the other parent's,
     *                      a step-parent's): used for hyphenated and changed surnames
     */
    public PresentedIdentity present(Person p, NoiseProfile prof, List<String> otherSurnames, SplittableRandom rng) {
        List<String> applied = new ArrayList<>(2);
        String given = p.givenName();
        List<String> shorts = names.shortFormsOf(given);
        if (!shorts.isEmpty() && rng.nextDouble() < prof.nickname() * 3) {
            given = shorts.get(rng.nextInt(shorts.size()));
            applied.add("nickname");
        } else if (rng.nextDouble() < prof.misspeltGiven()) {
            given = misspell(given, rng);
            applied.add("misspelt_given");
        }
        String family = p.familyName();
        if (!p.birthFamilyName().equals(p.familyName()) && rng.nextDouble() < prof.previousSurname()) {
            family = p.birthFamilyName();
            applied.add("previous_surname");
        } else if (!otherSurnames.isEmpty() && rng.nextDouble() < prof.hyphenated()) {
            String other = otherSurnames.get(rng.nextInt(otherSurnames.size()));
            if (!other.equals(family)) {
                if (rng.nextBoolean()) {
                    family = rng.nextBoolean() ? family + "-" + other : other + "-" + family;
                    applied.add("hyphenated_surname");
                } else {
                    family = other;
                    applied.add("changed_surname");
                }
            }
        }
        if (rng.nextDouble() < prof.misspeltSurname()) {
            String m = misspell(family, rng);
            if (!m.equals(family)) {
                family = m;
                applied.add("misspelt_surname");
            }
        }
        LocalDate dob = p.dateOfBirth();
        PresentedIdentity.DobPrecision precision = PresentedIdentity.DobPrecision.FULL;
        double r = rng.nextDouble();
        if (r < prof.dobMissing()) {
            dob = null;
            precision = PresentedIdentity.DobPrecision.MISSING;
            applied.add("dob_missing");
        } else if ((r -= prof.dobMissing()) < prof.dobSwap() && dob.getDayOfMonth() <= 12
                && dob.getDayOfMonth() != dob.getMonthValue()) {
            dob = LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
            applied.add("dob_day_month_swapped");
        } else if ((r -= prof.dobSwap()) < prof.dobTypo()) {
            dob = rng.nextBoolean() ? dob.plusDays(rng.nextBoolean() ? 1 : -1) : dob.plusYears(rng.nextBoolean() ? 1 : -1);
            applied.add("dob_typo");
        } else if ((r -= prof.dobTypo()) < prof.dobPartial()) {
            precision = PresentedIdentity.DobPrecision.YEAR_MONTH;
            applied.add("dob_partial");
        }
        String nhs = identifier(p.nhsNumber(), "nhs", prof.nhsMissing(), prof.nhsInvalid(), IdentifierGenerator::corruptNhsNumber, rng, applied);
        String upn = identifier(p.upn(), "upn", prof.upnMissing(), prof.upnInvalid(), IdentifierGenerator::corruptUpn, rng, applied);
        return new PresentedIdentity(given, p.middleName(), family, dob, precision, nhs, upn, applied);
    }

    /**
     * An identifier as an agency holds it: dropped with probability {@code missing} (noted as
     * {@code kind_missing} unless every record drops it), else corrupted with probability
     * {@code invalid} ({@code kind_invalid}). One draw when there is an identifier, none otherwise.
     */
    private static String identifier(String value, String kind, double missing, double invalid,
                                     java.util.function.UnaryOperator<String> corrupt, SplittableRandom rng, List<String> applied) {
        if (value == null) {
            return null;
        }
        double draw = rng.nextDouble();
        if (draw < missing) {
            if (missing < 1) {
                applied.add(kind + "_missing");
            }
            return null;
        }
        if (draw < missing + invalid) {
            applied.add(kind + "_invalid");
            return corrupt.apply(value);
        }
        return value;
    }

    /** One realistic keying or phonetic error. */
    public static String misspell(String name, SplittableRandom rng) {
        if (name.length() < 3) {
            return name;
        }
        int tries = PHONETIC.length;
        int start = rng.nextInt(PHONETIC.length);
        if (rng.nextInt(3) > 0) {
            for (int i = 0; i < tries; i++) {
                String[] p = PHONETIC[(start + i) % PHONETIC.length];
                int at = name.indexOf(p[0], 1);
                if (at > 0) {
                    return name.substring(0, at) + p[1] + name.substring(at + p[0].length());
                }
            }
        }
        int k = 1 + rng.nextInt(name.length() - 2);
        return switch (rng.nextInt(3)) {
            case 0 -> name.substring(0, k) + name.charAt(k + 1) + name.charAt(k) + name.substring(k + 2);
            case 1 -> name.substring(0, k) + name.substring(k + 1);
            default -> name.substring(0, k) + name.charAt(k) + name.substring(k);
        };
    }
}

package org.tessera.indexer.synthetic.population;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Creates one household with its whole history over the window [start, end]: parents, partners
 * who arrive, children from unborn to 17 at the end date (twins, a son named after his father),
 * and moves. Stateless apart from the shared, immutable banks; thread-safe.
 */
public record HouseholdFactory(NameBank names, Gazetteer gazetteer, Organisations organisations, LocalDate start, LocalDate end) {
    /** Probabilities (per household) documented in docs/synthetic-data.md. */
    public static final double TWO_PARENT = 0.56;
    public static final double LONE_FATHER = 0.04;
    public static final double KINSHIP = 0.03;
    public static final double NEW_PARTNER = 0.07;
    public static final double MOVE_PER_YEAR = 0.10;
    public static final double TWIN_BIRTH = 0.016;
    public static final double JUNIOR = 0.05;
    public static final double PREGNANT_AT_END = 0.03;

    public Household create(long index, SplittableRandom rng) {
        List<Person> members = new ArrayList<>();
        int[] slot = {0};
        double kind = rng.nextDouble();
        boolean kinship = kind < KINSHIP;
        boolean loneFather = !kinship && kind < KINSHIP + LONE_FATHER;
        boolean twoParent = !kinship && !loneFather && kind < KINSHIP + LONE_FATHER + TWO_PARENT;

        int children = pickChildren(rng);
        // Age of the eldest child at the end date, 0..17; a pregnancy at the end gives an unborn child.
        int eldestAge = rng.nextInt(18);
        int motherAgeAtFirst = motherAgeAtFirstBirth(rng);
        LocalDate eldestDob = end.minusYears(eldestAge).minusDays(rng.nextInt(365));
        LocalDate motherDob = eldestDob.minusYears(motherAgeAtFirst).minusDays(rng.nextInt(365));
        LocalDate fatherDob = motherDob.plusDays(rng.nextInt(9 * 365) - 5L * 365);

        String fatherSurname = names.surname(rng);
        String motherBirthSurname = names.surname(rng);
        boolean married = twoParent && rng.nextDouble() < 0.55;
        String motherSurname = married ? fatherSurname : motherBirthSurname;
        String childSurname = twoParent ? (rng.nextDouble() < 0.85 ? fatherSurname : motherSurname)
                : rng.nextDouble() < 0.5 ? fatherSurname : motherSurname;

        Person mother = null;
        Person father = null;
        if (!loneFather) {
            String given = names.given(Sex.FEMALE, kinship ? motherDob.getYear() - 25 : motherDob.getYear(), rng);
            LocalDate dob = kinship ? motherDob.minusYears(22 + rng.nextInt(8)) : motherDob;
            mother = adult(index, slot, given, motherSurname, motherBirthSurname, Sex.FEMALE, dob,
                    kinship ? HouseholdRole.GRANDPARENT : HouseholdRole.MOTHER, null, rng);
            members.add(mother);
        }
        if (twoParent || loneFather) {
            father = adult(index, slot, names.given(Sex.MALE, fatherDob.getYear(), rng), fatherSurname, fatherSurname,
                    Sex.MALE, fatherDob, HouseholdRole.FATHER, null, rng);
            members.add(father);
        }

        LocalDate dob = eldestDob;
        boolean junior = father != null && rng.nextDouble() < JUNIOR;
        for (int c = 0; c < children; c++) {
            if (dob.isAfter(end.plusMonths(6))) {
                break;
            }
            Sex sex = rng.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            String surname = c > 0 && !twoParent && rng.nextDouble() < 0.3 ? names.surname(rng) : childSurname;
            String given;
            String middle = names.given(sex, dob.getYear(), rng);
            if (junior && sex == Sex.MALE) {
                given = father.givenName();
                middle = father.middleName();
                junior = false;
            } else {
                do {
                    given = names.given(sex, dob.getYear(), rng);
                } while (usedNames(members).contains(given));
            }
            members.add(child(index, slot, given, middle, surname, sex, dob));
            if (rng.nextDouble() < TWIN_BIRTH && c + 1 < 6) {
                Sex s2 = rng.nextBoolean() ? sex : (sex == Sex.MALE ? Sex.FEMALE : Sex.MALE);
                String g2;
                do {
                    g2 = names.given(s2, dob.getYear(), rng);
                } while (g2.equals(given) || usedNames(members).contains(g2));
                members.add(child(index, slot, g2, names.given(s2, dob.getYear(), rng), surname, s2, dob));
            }
            dob = dob.plusDays(365L + rng.nextInt(5 * 365));
        }
        if (rng.nextDouble() < PREGNANT_AT_END && mother != null && mother.role() == HouseholdRole.MOTHER
                && mother.ageOn(end) < 44) {
            LocalDate due = end.plusDays(7 + rng.nextInt(150));
            Sex sex = rng.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            members.add(child(index, slot, names.given(sex, due.getYear(), rng), "", childSurname, sex, due));
        }
        if (members.stream().noneMatch(Person::isChild)) {
            Sex sex = rng.nextBoolean() ? Sex.MALE : Sex.FEMALE;
            members.add(child(index, slot, names.given(sex, eldestDob.getYear(), rng), "", childSurname, sex, eldestDob));
        }

        // A new partner arriving during the window (the 'hidden man' of serious case reviews).
        if (mother != null && father == null && rng.nextDouble() < NEW_PARTNER * 2) {
            LocalDate joined = start.plusDays(rng.nextInt((int) (end.toEpochDay() - start.toEpochDay())));
            LocalDate pDob = mother.dateOfBirth().plusDays(rng.nextInt(12 * 365) - 4L * 365);
            String pSurname = names.surname(rng);
            members.add(adult(index, slot, names.given(Sex.MALE, pDob.getYear(), rng), pSurname, pSurname, Sex.MALE,
                    pDob, HouseholdRole.PARTNER, joined, rng));
        } else if (father != null && mother != null && rng.nextDouble() < NEW_PARTNER / 2) {
            // Separation: father leaves, and later a new partner arrives.
            LocalDate left = start.plusDays(rng.nextInt((int) (end.toEpochDay() - start.toEpochDay()) / 2));
            members.set(members.indexOf(father), father.withLeft(left));
            LocalDate joined = left.plusDays(60 + rng.nextInt(300));
            if (joined.isBefore(end)) {
                LocalDate pDob = mother.dateOfBirth().plusDays(rng.nextInt(12 * 365) - 4L * 365);
                String pSurname = names.surname(rng);
                members.add(adult(index, slot, names.given(Sex.MALE, pDob.getYear(), rng), pSurname, pSurname,
                        Sex.MALE, pDob, HouseholdRole.PARTNER, joined, rng));
            }
        }

        List<AddressSpell> spells = new ArrayList<>();
        Address home = gazetteer.randomAddress(rng);
        Tenure tenure = tenure(rng);
        spells.add(new AddressSpell(start.minusYears(1 + rng.nextInt(8)), home, tenure));
        int years = (int) Math.max(1, (end.toEpochDay() - start.toEpochDay()) / 365);
        for (int y = 0; y < years; y++) {
            if (rng.nextDouble() < (tenure == Tenure.OWNER ? MOVE_PER_YEAR / 2 : MOVE_PER_YEAR * 1.6)) {
                LocalDate when = start.plusDays(365L * y + rng.nextInt(365));
                home = gazetteer.moveFrom(home, rng);
                tenure = rng.nextDouble() < 0.7 ? tenure : tenure(rng);
                spells.add(new AddressSpell(when, home, tenure));
            }
        }
        spells.sort(java.util.Comparator.comparing(AddressSpell::from));
        return new Household("H" + index, index, members, spells, organisations.gpFor(home.district(), rng));
    }

    /** Parents do not give two of their children the same first name. */
    private static java.util.Set<String> usedNames(List<Person> members) {
        java.util.Set<String> out = new java.util.HashSet<>();
        members.stream().filter(Person::isChild).forEach(p -> out.add(p.givenName()));
        return out;
    }

    private static int pickChildren(SplittableRandom rng) {
        double r = rng.nextDouble();
        return r < 0.42 ? 1 : r < 0.78 ? 2 : r < 0.92 ? 3 : r < 0.97 ? 4 : 5;
    }

    private static int motherAgeAtFirstBirth(SplittableRandom rng) {
        double r = rng.nextDouble();
        if (r < 0.03) {
            return 16 + rng.nextInt(2);
        }
        return 18 + (int) Math.round(Math.abs(rng.nextDouble() * 10 + rng.nextDouble() * 10));
    }

    private static Tenure tenure(SplittableRandom rng) {
        double r = rng.nextDouble();
        return r < 0.55 ? Tenure.OWNER : r < 0.78 ? Tenure.PRIVATE_RENT : Tenure.SOCIAL_RENT;
    }

    private Person adult(long index, int[] slot, String given, String surname, String birthSurname, Sex sex,
                         LocalDate dob, HouseholdRole role, LocalDate joined, SplittableRandom rng) {
        long key = index * 32 + slot[0]++;
        String middle = rng.nextDouble() < 0.6 ? names.given(sex, dob.getYear(), rng) : "";
        String pnc = sex == Sex.MALE && rng.nextDouble() < 0.12 ? IdentifierGenerator.pnc(key, dob.getYear() + 18 + rng.nextInt(10))
                : rng.nextDouble() < 0.04 ? IdentifierGenerator.pnc(key, dob.getYear() + 18) : null;
        return new Person("P" + key, key, given, middle, surname, birthSurname, sex, dob, IdentifierGenerator.nhsNumber(key),
                null, pnc, role, joined, null);
    }

    private Person child(long index, int[] slot, String given, String middle, String surname, Sex sex, LocalDate dob) {
        long key = index * 32 + slot[0]++;
        String upn = dob.plusYears(4).isBefore(end) ? IdentifierGenerator.upn(key, dob.getYear() + 4) : null;
        String nhs = dob.isAfter(end) ? null : IdentifierGenerator.nhsNumber(key);
        return new Person("P" + key, key, given, middle, surname, surname, sex, dob, nhs, upn, null,
                HouseholdRole.CHILD, null, null);
    }
}

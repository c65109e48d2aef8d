package org.tessera.indexer.synthetic.population;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * One true person of the synthetic county. {@code familyName} is the name used today,
 * {@code birthFamilyName} the one on older records (marriage, a child's change of name).
 * {@code joined} is when the person arrived in the household (null: from the start).
 */
public record Person(String id, long key, String givenName, String middleName, String familyName,
                     String birthFamilyName, Sex sex, LocalDate dateOfBirth, String nhsNumber, String upn,
                     String pnc, HouseholdRole role, LocalDate joined, LocalDate left) {
    public Person {
        Objects.requireNonNull(id);
        Objects.requireNonNull(givenName);
        Objects.requireNonNull(familyName);
        Objects.requireNonNull(sex);
        Objects.requireNonNull(dateOfBirth);
        middleName = middleName == null ? "" : middleName;
        birthFamilyName = birthFamilyName == null ? familyName : birthFamilyName;
    }

    public boolean isChild() {
        return role == HouseholdRole.CHILD;
    }

    public int ageOn(LocalDate date) {
        return date.isBefore(dateOfBirth) ? -1 : Period.between(dateOfBirth, date).getYears();
    }

    public boolean bornBy(LocalDate date) {
        return !dateOfBirth.isAfter(date);
    }

    public boolean presentOn(LocalDate date) {
        return (joined == null || !date.isBefore(joined)) && (left == null || date.isBefore(left));
    }

    public String fullName() {
        return givenName + " " + familyName;
    }

    public Person withLeft(LocalDate date) {
        return new Person(id, key, givenName, middleName, familyName, birthFamilyName, sex, dateOfBirth, nhsNumber, upn,
                pnc, role, joined, date);
    }
}

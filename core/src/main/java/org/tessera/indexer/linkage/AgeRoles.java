package org.tessera.indexer.linkage;

import org.tessera.indexer.ingest.PartialDate;

import java.util.Arrays;
import java.util.Set;

/**
 * Role and age consistency. A record that names someone as a parent, mother, father, carer or
 * partner says that person is an adult; a date of birth within {@link #CHILD_YEARS} years of the
 * data's latest births says that person is a child now, and so was a child at every event. The
 * two are never one person: a housing lead tenant without a date of birth ("Ms Esme
 * SHEPHERD-LAWRENCE", role tenant or parent) at her son's address is not her son born 2021, however well
 * name, address and postcode agree.
 *
 * <p>The reference year is the data's own (the 99.5th percentile of birth years, so a mistyped
 * year in the future does not move it), not the clock: the same input links the same way on any
 * day. Immutable.
 */
final class AgeRoles {
    /** Roles only an adult holds towards the record's subject; a tenant holds a tenancy, which a child cannot. */
    static final Set<String> ADULT_ROLES = Set.of("parent", "mother", "father", "carer", "partner", "tenant");
    /** Someone born less than this many years before the reference year cannot be a parent or partner. */
    static final int CHILD_YEARS = 13;

    private final int referenceYear;

    private AgeRoles(int referenceYear) {
        this.referenceYear = referenceYear;
    }

    /** With a reference year fixed by an earlier run (an incremental run links with the full run's). */
    static AgeRoles ofYear(int referenceYear) {
        return new AgeRoles(referenceYear);
    }

    int referenceYear() {
        return referenceYear;
    }

    static AgeRoles of(Features[] f) {
        int[] years = Arrays.stream(f).filter(x -> x.dob != null).mapToInt(x -> x.dob.year()).sorted().toArray();
        return new AgeRoles(years.length == 0 ? Integer.MIN_VALUE / 2 : years[(int) Math.floor((years.length - 1) * 0.995)]);
    }

    static boolean isAdultRole(String role) {
        return role != null && ADULT_ROLES.contains(role);
    }

    boolean isChild(PartialDate dob) {
        return dob.year() > referenceYear - CHILD_YEARS;
    }
}

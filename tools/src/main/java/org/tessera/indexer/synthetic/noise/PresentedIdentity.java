package org.tessera.indexer.synthetic.noise;

import java.time.LocalDate;
import java.util.List;

/**
 * A person as one agency record shows them: possibly a nickname, a misspelt or previous surname,
 * a wrong or partial date of birth, missing or invalid identifiers. {@code applied} lists the
 * perturbations, for the ground truth.
 */
public record PresentedIdentity(String given, String middle, String family, LocalDate dob, DobPrecision dobPrecision,
                                String nhsNumber, String upn, List<String> applied) {
    public enum DobPrecision {
        FULL, YEAR_MONTH, MISSING
    }

    public PresentedIdentity {
        applied = List.copyOf(applied);
    }

    public String full() {
        return given + " " + family;
    }

    public boolean noisy() {
        return !applied.isEmpty();
    }
}

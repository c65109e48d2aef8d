package org.tessera.indexer.synthetic.output;

/**
 * Which layouts the county's agencies export.
 *
 * <ul>
 *   <li>{@code CLASSIC}: the layouts the demo county has always had (the default; tests pin them).</li>
 *   <li>{@code ONBOARDING}: four agencies export in the layouts a new county brings, which need
 *       mapping language v2 (docs/source-mappings.md): police occurrences with {@code SURNAME
 *       Forename} nominals and a Risk column that is a DASH grading only on domestic occurrences;
 *       housing tenancy events with the whole household in one column and arrears only in the
 *       officer's note; A&amp;E encounters as JSON Lines with FHIR-like names (given as an array);
 *       school attendance per academic year and term code with session counts and no percentage.
 *       Everything else, and every random draw, is as in {@code CLASSIC}, so the two counties hold
 *       the same people and events.</li>
 * </ul>
 */
public enum LayoutSet {
    CLASSIC,
    ONBOARDING;

    public boolean onboarding() {
        return this == ONBOARDING;
    }
}

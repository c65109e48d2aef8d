package org.tessera.indexer.synthetic.noise;

/**
 * Per-agency rates of identity errors, chosen from the linkage literature (ONS synthetic
 * census perturbation rates; ALSPAC within-person disagreement) and scaled per agency: see
 * docs/synthetic-data.md.
 */
public record NoiseProfile(double nickname, double misspeltSurname, double misspeltGiven, double hyphenated,
                           double previousSurname, double dobSwap, double dobTypo, double dobMissing, double dobPartial,
                           double nhsMissing, double nhsInvalid, double upnMissing, double upnInvalid) {
    public static final NoiseProfile POLICE = new NoiseProfile(0.07, 0.035, 0.02, 0.02, 0.25, 0.015, 0.015, 0.02, 0, 1,
            0, 1, 0);
    public static final NoiseProfile HEALTH = new NoiseProfile(0.02, 0.01, 0.01, 0.01, 0.1, 0.005, 0.005, 0, 0, 0.03,
            0.004, 1, 0);
    public static final NoiseProfile EDUCATION = new NoiseProfile(0.03, 0.01, 0.005, 0.03, 0.1, 0.01, 0.005, 0, 0, 1,
            0, 0.03, 0.005);
    /** Layouts without identifier columns: a missing identifier is not an error there, so not noise. */
    public static final NoiseProfile SOCIAL_CARE = new NoiseProfile(0.03, 0.02, 0.01, 0.02, 0.15, 0.01, 0.01, 0.02, 0,
            1, 0, 1, 0);
    /** Social-care layouts that carry the UPN (referrals, assessments). */
    public static final NoiseProfile SOCIAL_CARE_WITH_UPN = new NoiseProfile(0.03, 0.02, 0.01, 0.02, 0.15, 0.01, 0.01,
            0.02, 0, 1, 0, 0.3, 0.005);
    public static final NoiseProfile HOUSING = new NoiseProfile(0.08, 0.03, 0.02, 0.03, 0.3, 0.02, 0.02, 0.05, 0.03, 1,
            0, 1, 0);
    public static final NoiseProfile PROBATION = new NoiseProfile(0.05, 0.02, 0.01, 0.01, 0.2, 0.01, 0.01, 0, 0.02, 1,
            0, 1, 0);
}

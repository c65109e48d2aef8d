package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The household test of the candidate pairs (ADR 0045): what a county shows and corrupted copies of independent people do
 * not; and where it shows data without households (ADR 0052).
 */
class MatchModelTest {
    private static final int GIVEN_EXACT = 1, GIVEN_ELSE = 9, DOB_EXACT = 1, DOB_ELSE = 7, ID_NULL = 0, ID_ONE_EDIT = 2;

    /** A pattern agreeing on family name, postcode and address, with the given name, date of birth and identifier levels given. */
    private static int sharedHome(int given, int dob, int identifier) {
        return pattern(given, 1, dob, 1, 1, 1, identifier);
    }

    private static int pattern(int... levels) {
        int p = 0;
        for (int c = 0; c < levels.length; c++) p |= levels[c] << (c * Comparisons.BITS);
        return p;
    }

    private static Map<Integer, Long> counts(long both, long givenOnly, long birthOnly, long neither) {
        Map<Integer, Long> out = new HashMap<>();
        out.put(sharedHome(GIVEN_ELSE, DOB_ELSE, ID_NULL), both);
        out.put(sharedHome(GIVEN_ELSE, DOB_EXACT, ID_NULL), givenOnly);
        out.put(sharedHome(GIVEN_EXACT, DOB_ELSE, ID_NULL), birthOnly);
        out.put(sharedHome(GIVEN_EXACT, DOB_EXACT, ID_NULL), neither);
        return out;
    }

    @Test
    void readsSiblingsAtOneAddressAsHouseholds() {
        // A person's records at home, and siblings who differ in first name and birth date at once.
        MatchModel.HouseholdTest test = MatchModel.householdTest(counts(400, 20, 30, 5000));
        assertThat(test.oddsRatio()).isGreaterThan(1000);
        assertThat(test.households()).isTrue();
    }

    @Test
    void readsCorruptedCopiesWhoseNameAndBirthDateWereReplacedApartAsNoHouseholds() {
        // Given name replaced in 6 %, date of birth in 4 %, both in about 6 % x 4 % of the copies.
        MatchModel.HouseholdTest test = MatchModel.householdTest(counts(12, 300, 200, 5000));
        assertThat(test.oddsRatio()).isBetween(0.5, 2.0);
        assertThat(test.households()).isFalse();
    }

    @Test
    void needsSeveralPairsThatDifferInBoth() {
        assertThat(MatchModel.householdTest(counts(MatchModel.DEPENDENCE_MIN_PAIRS - 1, 0, 0, 5000)).households()).isFalse();
        assertThat(MatchModel.householdTest(counts(MatchModel.DEPENDENCE_MIN_PAIRS, 0, 0, 5000)).households()).isTrue();
    }

    /** Random pairs of different people: nothing agrees, so no dependence between family name, address and postcode. */
    private static Map<Integer, Long> unrelatedRandomPairs() {
        return Map.of(pattern(GIVEN_ELSE, 7, DOB_ELSE, 5, 4, 2, 4), 200_000L);
    }

    /**
     * ADR 0052: the auto-match threshold of data without households applies only where the candidate pairs show it,
     * with enough pairs of the household test's kind; a small input that cannot tell, or households, keep 0.995.
     */
    @Test
    void showsDataWithoutHouseholdsOnlyFromEnoughPairsAndStoresTheVerdict() {
        MatchModel copies = MatchModel.fit(counts(12, 300, 200, 5000), unrelatedRandomPairs(), 5e7, 60);
        assertThat(copies.households()).isFalse();
        assertThat(copies.withoutHouseholds()).isTrue();
        MatchModel small = MatchModel.fit(counts(1, 20, 10, MatchModel.WITHOUT_HOUSEHOLDS_MIN_PAIRS - 32), unrelatedRandomPairs(), 5e7, 60);
        assertThat(small.households()).isFalse();
        assertThat(small.withoutHouseholds()).as("fewer than %d pairs read", MatchModel.WITHOUT_HOUSEHOLDS_MIN_PAIRS).isFalse();
        MatchModel families = MatchModel.fit(counts(400, 20, 30, 5000), unrelatedRandomPairs(), 5e7, 60);
        assertThat(families.households()).isTrue();
        assertThat(families.withoutHouseholds()).isFalse();

        LinkageSettings settings = LinkageSettings.defaults();
        assertThat(settings.autoMatchProbability(copies.withoutHouseholds())).isEqualTo(0.9);
        assertThat(settings.autoMatchProbability(small.withoutHouseholds())).isEqualTo(0.995);
        // Stored with the model; a model stored before the verdict existed keeps the auto-match threshold of 0.995.
        assertThat(MatchModel.fromJson(copies.toJson()).withoutHouseholds()).isTrue();
        var older = copies.toJson();
        older.remove("without_households");
        assertThat(MatchModel.fromJson(older).withoutHouseholds()).isFalse();
    }

    /**
     * Session 18: a handful of random pairs agreeing on address and postcode with given names and dates of birth both
     * unrelated is, in data of corrupted copies, copies of one person corrupted in both fields (development splits of
     * the no-household recipe showed 0-2 such pairs, each one person); where hundreds of candidate pairs rule households
     * out, that dependence is not believed, and the data shows no households. Where the candidate pairs cannot rule
     * them out (an odds ratio of 6, as the household heavy-corruption sets read, or households), it still counts.
     */
    @Test
    void doesNotBelieveAFewRandomPairsWhereTheCandidatePairsRuleHouseholdsOut() {
        Map<Integer, Long> random = new HashMap<>(unrelatedRandomPairs());
        random.put(pattern(GIVEN_ELSE, 7, DOB_ELSE, 1, 1, 2, 4), 6L); // address and postcode agree, nothing else
        MatchModel copies = MatchModel.fit(counts(12, 300, 200, 5000), random, 5e7, 60);
        assertThat(MatchModel.householdTest(counts(12, 300, 200, 5000)).rulesOutHouseholds()).isTrue();
        assertThat(copies.households()).isFalse();
        assertThat(copies.withoutHouseholds()).isTrue();
        assertThat(copies.dependence()).containsOnly(0.0);

        MatchModel unclear = MatchModel.fit(counts(30, 100, 100, 2000), random, 5e7, 60);
        assertThat(MatchModel.householdTest(counts(30, 100, 100, 2000)).oddsRatio()).isBetween(5.0, 7.0);
        assertThat(unclear.households()).as("an odds ratio of 6 does not rule households out").isTrue();
        assertThat(unclear.dependence()[6]).isPositive();
        MatchModel few = MatchModel.fit(counts(1, 20, 10, MatchModel.WITHOUT_HOUSEHOLDS_MIN_PAIRS - 32), random, 5e7, 60);
        assertThat(few.households()).as("too few candidate pairs to rule anything out").isTrue();
    }

    @Test
    void countsOnlyPairsThatShareTheHomeAndNoCloseReference() {
        Map<Integer, Long> patterns = new HashMap<>();
        patterns.put(pattern(GIVEN_ELSE, 1, DOB_ELSE, 1, 4, 1, ID_NULL), 400L); // another address
        patterns.put(pattern(GIVEN_ELSE, 7, DOB_ELSE, 1, 1, 1, ID_NULL), 400L); // another family name
        patterns.put(sharedHome(GIVEN_ELSE, DOB_ELSE, ID_ONE_EDIT), 400L); // a reference one keystroke out: maybe one person
        patterns.put(sharedHome(0, DOB_ELSE, ID_NULL), 400L); // no given name on one side
        patterns.put(sharedHome(GIVEN_EXACT, DOB_EXACT, ID_NULL), 5000L);
        MatchModel.HouseholdTest test = MatchModel.householdTest(patterns);
        assertThat(test.both()).isZero();
        assertThat(test.neither()).isEqualTo(5000);
        assertThat(test.households()).isFalse();
    }
}

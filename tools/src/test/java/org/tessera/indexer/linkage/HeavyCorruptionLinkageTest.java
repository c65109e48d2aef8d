package org.tessera.indexer.linkage;

import org.junit.jupiter.api.Test;
import org.tessera.indexer.normalise.Nicknames;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pairwise precision / recall / F1 on heavily corrupted records ({@link CorruptedPopulation}):
 * the tuning split is what the model was tuned on (development figures); the held-out split
 * (other names, other streets, another corruption mix and seed) was generated once, frozen, and
 * only read after tuning. Both are reported in docs/linkage.md.
 *
 * <p>The floors are what the linker reaches now (2026-12-06 night as shipped: the wide rule keys records
 * without a given name, the consistent pairs of ADR 0028 off: tuning P 0.9993 / F1 0.9324, held-out
 * P 0.9994 / F1 0.8997, fresh held-out P 0.9986 / F1 0.8875, third held-out P 0.9988 / F1 0.8955,
 * fourth held-out P 0.9997 / F1 0.8901; with the uncontested consistent pairs of ADR 0036, 2026-12-06 late evening:
 * tuning 0.9998 / 0.9360, held-out 0.9994 / 0.9033, fresh 0.9985 / 0.8921, third 0.9988 / 0.8987, fourth 0.9994 / 0.8924,
 * fifth 0.9994 / 0.8947; with ADR 0042's consistent pairs, 2026-12-07: tuning 0.9998 / 0.9459, held-out 0.9993 / 0.9164, fresh
 * 0.9982 / 0.9055, third 0.9988 / 0.9137, fourth 0.9997 / 0.9083, fifth 0.9994 / 0.9099, sixth 0.9995 / 0.9084), not the target
 * (P 0.999, F1 0.985), which is not met: the misses are mostly records whose date of birth is missing
 * and whose only other evidence is the household's own (name and address), and the wrong merges twins
 * and siblings with corrupted identifiers. The code before issue #18 fails these floors (P 0.9422 / 0.9371).
 */
class HeavyCorruptionLinkageTest {

    @Test
    void linksTheTuningSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.tuning());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.925);
    }

    /**
     * The first held-out split (seed 77003141, read many times: docs/history/2026-12-06-linkage-heldout-runs.md).
     * Its precision floor is the 0.999: the consistent pairs of ADR 0028 (P 0.9984 with them) ship off
     * for that reason.
     */
    @Test
    void linksTheHeldOutSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.heldOut());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.89);
    }

    /**
     * The second held-out split (seed used nowhere before, first read after the changes of
     * 2026-12-06 were final): P 0.9986, F1 0.8751 then, 0.9986 / 0.8862 with wide blocking. Its floor is what it gives,
     * below the precision target, which is not met there.
     */
    @Test
    void linksTheFreshHeldOutSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.freshHeldOut());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.998);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.88);
    }

    /**
     * The third held-out split (seed 61803398, generated and first read after the wide blocking
     * of 2026-12-06 evening was final). Floors fixed before its first read, at the fresh split's
     * then (P 0.998, F1 0.87); it gave P 0.9988 / R 0.8074 / F1 0.8929, below the P 0.999.
     */
    @Test
    void linksTheThirdHeldOutSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.thirdHeldOut());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.998);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.87);
    }

    /**
     * The fourth held-out split (seed 27182818, generated and first read after the consistent-pair
     * threshold of 2026-12-06 night was final, ADR 0028). Floors fixed before its first read, at the
     * issue's precision target and the fresh split's F1 floor (P 0.999, F1 0.88).
     */
    @Test
    void linksTheFourthHeldOutSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.fourthHeldOut());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.88);
    }

    /**
     * The fifth held-out split (seed 57721566, generated and first read after the uncontested consistent pairs of
     * 2026-12-06 late evening were final, ADR 0036). Floors fixed before its first read: the precision target
     * and the fresh split's F1 floor (P 0.999, F1 0.88).
     */
    @Test
    void linksTheFifthHeldOutSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.fifthHeldOut());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.88);
    }

    /**
     * The sixth held-out split (seed 16180339, generated and first read after the consistent pairs of ADR 0042 were
     * final). Floors fixed before its first read: the precision target and the fresh split's F1 floor.
     */
    @Test
    void linksTheSixthHeldOutSplitPrecisely() {
        FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.sixthHeldOut());
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(m.f1()).isGreaterThanOrEqualTo(0.88);
    }

    /**
     * The no-household tuning splits (FEBRL dsgen-like, issue #18's "C" and "F" shapes; development data): ADR 0045's
     * code gives P 1.0000 and F1 0.9511 (dedup) / 0.9481 (two files); the code before it 1.0000 / 0.8926 and 0.8946;
     * ADR 0052 (auto-match from 0.9 where the data shows no households) 1.0000 / 0.9628 and 0.9613, so the F1 floor
     * rose from 0.94 to 0.955 (session 17): a change that loses ADR 0052's gain fails here. ADR 0064 (session 20: loose wide
     * pairs weighed, a review pair's record against the other's whole person, the reference check of a pair that compared
     * none) gives 1.0000 / 0.9691 and 1.0000 / 0.9718 (ADR 0061: 0.9662 and 0.9662), so the floor is 0.965.
     */
    @Test
    void linksTheNoHouseholdTuningSplitsPrecisely() {
        assertEachShape(CorruptedPopulation.Spec::noHouseholdTuning, 0.965);
    }

    /**
     * Development split 5005 of the held-out recipe (session 20, ADR 0064): main's code before ADR 0064 put a record without
     * a given name or the person's reference ({@code qreen 1930-11-07}, reference 6119833, another address) into the person
     * of a namesake born that day whose reference 2232584 is on four records, through a pair that compared no reference at
     * p 0.92 (P 0.9995, 7 wrong pairs); the any-record reference check of such a pair keeps them apart. Development data.
     */
    @Test
    void keepsARecordThatComparedNoReferenceFromAPersonWhoseReferencesAllDiffer() {
        for (CorruptedPopulation.Shape shape : CorruptedPopulation.Shape.values()) {
            FebrlLinkageTest.Metrics m = run(CorruptedPopulation.Spec.noHouseholdDevelopment(shape, 5005, false, true));
            assertThat(m.precision()).as(shape.label).isEqualTo(1.0);
            assertThat(m.f1()).as(shape.label).isGreaterThanOrEqualTo(0.96);
        }
    }

    /**
     * The no-household held-out splits (seeds frozen in {@code linkage/no-household-held-out.properties} before any
     * tuning; first read 2026-12-07 with ADR 0045's final code, logged in docs/history/2026-12-07-linkage-session.md:
     * dedup P 1.0000 / R 0.8848 / F1 0.9389, two files 1.0000 / 0.8944 / 0.9442). Floors fixed before that read: the
     * issue's precision target and an F1 below the tuning splits' (0.92).
     */
    @Test
    void linksTheNoHouseholdHeldOutSplitsPrecisely() {
        assertEachShape(CorruptedPopulation.Spec::noHouseholdHeldOut, 0.92);
    }

    /**
     * The second no-household held-out splits (seeds {@code seed2.*} frozen in {@code linkage/no-household-held-out.properties}
     * on 2026-12-07 before session 17 changed anything; only their figures are read). Floors fixed before their first read
     * were the precision target and the first held-out pair's F1 floor (0.92); the first read (session 17's final
     * code, ADR 0052) gave dedup P 1.0000 / R 0.9101 / F1 0.9529 and two files 1.0000 / 0.8358 / 0.9106 (the code before
     * ADR 0052 the same two files figure, dedup R 0.8858), so the F1 floor is what the two-files split gives: its model
     * reads households from the random-pair dependence (logged at INFO), so neither ADR 0045's u correction nor ADR 0052's
     * threshold acts there (docs/history/2026-12-07-linkage-session.md, Session 17). Session 18 (ADR 0055: the candidate
     * pairs overrule a few random pairs, and the birthday_initials key) gave dedup 1.0000 / 0.9161 / 0.9562 and two files
     * 1.0000 / 0.9160 / 0.9562, so the floor is 0.95: a change that lets a few random pairs read this split as households
     * again fails here.
     */
    @Test
    void linksTheSecondNoHouseholdHeldOutSplitsPrecisely() {
        assertEachShape(CorruptedPopulation.Spec::noHouseholdSecondHeldOut, 0.95);
    }

    /**
     * The third no-household held-out splits (seeds {@code seed3.*} frozen in {@code linkage/no-household-held-out.properties}
     * on 2026-12-07 at about 15:00 UTC, before session 18 built or measured anything; only their figures are read). Floors
     * fixed before their first read: the precision target and an F1 below every held-out figure so far (0.90).
     */
    @Test
    void linksTheThirdNoHouseholdHeldOutSplitsPrecisely() {
        assertEachShape(CorruptedPopulation.Spec::noHouseholdThirdHeldOut, 0.90);
    }

    /**
     * The fourth no-household held-out splits (seeds {@code seed4.*} frozen in {@code linkage/no-household-held-out.properties}
     * on 2026-12-07 at about 18:15 UTC, before session 19 built or measured anything; only their figures are read). Floors
     * fixed before their first read: the precision target and the third pair's F1 floor (0.90).
     */
    @Test
    void linksTheFourthNoHouseholdHeldOutSplitsPrecisely() {
        assertEachShape(CorruptedPopulation.Spec::noHouseholdFourthHeldOut, 0.90);
    }

    /**
     * The fifth no-household held-out splits (seeds {@code seed5.*} frozen in {@code linkage/no-household-held-out.properties}
     * on 2026-12-07 at about 21:05 UTC, before session 20 built or measured anything; only their figures are read). Floors
     * fixed before their first read: the precision target and the third pair's F1 floor (0.90).
     */
    @Test
    void linksTheFifthNoHouseholdHeldOutSplitsPrecisely() {
        assertEachShape(CorruptedPopulation.Spec::noHouseholdFifthHeldOut, 0.90);
    }

    private static void assertEachShape(java.util.function.Function<CorruptedPopulation.Shape, CorruptedPopulation.Spec> spec, double f1) {
        for (CorruptedPopulation.Shape shape : CorruptedPopulation.Shape.values()) {
            FebrlLinkageTest.Metrics m = run(spec.apply(shape));
            assertThat(m.precision()).as(shape.label).isGreaterThanOrEqualTo(0.999);
            assertThat(m.f1()).as(shape.label).isGreaterThanOrEqualTo(f1);
        }
    }

    static FebrlLinkageTest.Metrics run(CorruptedPopulation.Spec spec) {
        CorruptedPopulation.Labelled data = CorruptedPopulation.generate(spec);
        long start = System.currentTimeMillis();
        LinkageResult result = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk()).link(data.occurrences(), Decisions.none());
        FebrlLinkageTest.Metrics m = FebrlLinkageTest.score(result, data.entityByOccurrence(), System.currentTimeMillis() - start);
        System.out.printf("heavy corruption, %s split (%d records): %s%n", spec.name(), data.occurrences().size(), m);
        return m;
    }
}

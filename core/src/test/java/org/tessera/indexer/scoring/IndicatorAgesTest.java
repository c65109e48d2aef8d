package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorCatalogue;

/**
 * Age sense over the whole catalogue (issue 22): a hit about a teenager's own behaviour never
 * reaches the infant of the household, whatever the reach rule, while the teenager keeps it.
 */
class IndicatorAgesTest {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();
    private static final ScoringParameters PARAMETERS = ScoringParameters.defaults();
    private static final RiskScorer SCORER = new RiskScorer(PARAMETERS, IndicatorWeightings.of(CATALOGUE));
    private static final String DAY = "2026-06-01";

    /** Indicators about a child's own behaviour or stage; cuckooing (EXP08) and trafficking (EXP09) concern any child. */
    private static boolean aboutOwnBehaviour(Indicator i) {
        return Set.of("exploitation", "online", "education").contains(i.group()) && !Set.of("EXP08", "EXP09").contains(i.id())
                || Set.of("CJ06", "EMO02", "EMO03", "HLT04", "HLT05", "SEX03", "SEX06", "SEX07", "HOU05", "EXP14", "MIS02", "EDU07", "EDU16").contains(i.id());
    }

    private static RiskEvent.Participant person(String id, boolean child, double age) {
        return new RiskEvent.Participant(id, child ? "subject" : "parent", child, "h", age);
    }

    /** A child of {@code age} seen at home, and a record of its 15-year-old sibling (with their mother) carrying the hit. */
    private static List<Contribution> reaching(String childId, double age, RiskEvent.Hit hit) {
        RiskEvent own = new RiskEvent("own", LocalDate.parse(DAY), "health", "health_visit", List.of(person(childId, true, age)), List.of());
        RiskEvent teen = new RiskEvent("teen", LocalDate.parse(DAY), "police", "record",
                List.of(person("teen", true, 15), person("mother", false, 34)), List.of(hit));
        return SCORER.score(ChildHistory.of(childId, List.of(own, teen), PARAMETERS), LocalDate.parse(DAY)).contributions();
    }

    private static RiskEvent.Hit hit(Indicator i, List<String> about) {
        return new RiskEvent.Hit(i.id(), i.version(), i.severity().label(), i.weight(), true, "asserted", "evidence", "text", about, "percolate");
    }

    @Test
    void everyIndicatorAboutAChildsOwnBehaviourCarriesAnAgeRangeThatLeavesOutInfants() {
        List<Indicator> behaviour = CATALOGUE.all().stream().filter(IndicatorAgesTest::aboutOwnBehaviour).toList();
        assertThat(behaviour).hasSizeGreaterThan(30);
        assertThat(behaviour).allSatisfy(i -> {
            assertThat(i.ages()).as(i.id() + " " + i.title()).isNotNull();
            assertThat(i.ages().from()).as(i.id()).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void noIndicatorReachesAnInfantOutsideItsAgeRangeByAnyRouteAcrossTheWholeCatalogue() {
        for (Indicator i : CATALOGUE.all()) {
            for (List<String> about : List.of(List.<String>of(), List.of("teen"), List.of("mother"))) {
                List<Contribution> infant = reaching("infant", 1.0, hit(i, about));
                if (i.ages() != null && !i.ages().includes(1.0)) {
                    assertThat(infant).as(i.id() + " about " + about).noneMatch(c -> c.indicatorId().equals(i.id()));
                }
            }
        }
    }

    @Test
    void theTeenagerKeepsItsOwnHitsAndAnOlderSiblingInRangeIsStillReached() {
        Indicator youthJustice = CATALOGUE.get("EXP11");
        assertThat(youthJustice.title()).isEqualTo("Youth justice involvement");
        RiskEvent record = new RiskEvent("teen", LocalDate.parse(DAY), "police", "record",
                List.of(person("teen", true, 15), person("mother", false, 34)), List.of(hit(youthJustice, List.of())));

        List<Contribution> teen = SCORER.score(ChildHistory.of("teen", List.of(record), PARAMETERS), LocalDate.parse(DAY)).contributions();
        assertThat(teen).anySatisfy(c -> {
            assertThat(c.indicatorId()).isEqualTo("EXP11");
            assertThat(c.reach()).isEqualTo(Reach.DIRECT);
            assertThat(c.contribution()).isPositive();
        });
        assertThat(reaching("infant", 1.0, hit(youthJustice, List.of()))).noneMatch(c -> c.indicatorId().equals("EXP11"));
        assertThat(reaching("twelve", 12.0, hit(youthJustice, List.of()))).anySatisfy(c -> {
            assertThat(c.indicatorId()).isEqualTo("EXP11");
            assertThat(c.reach()).isEqualTo(Reach.HOUSEHOLD);
        });
    }

    @Test
    void aChildWithNoRecordedAgeKeepsEveryHitNothingIsWithdrawnOnIncompleteEvidence() {
        Indicator youthJustice = CATALOGUE.get("EXP11");
        RiskEvent own = new RiskEvent("own", LocalDate.parse(DAY), "health", "health_visit",
                List.of(new RiskEvent.Participant("unknown", "subject", true, "h", null)), List.of());
        RiskEvent teen = new RiskEvent("teen", LocalDate.parse(DAY), "police", "record",
                List.of(person("teen", true, 15), person("mother", false, 34)), List.of(hit(youthJustice, List.of())));
        assertThat(SCORER.score(ChildHistory.of("unknown", List.of(own, teen), PARAMETERS), LocalDate.parse(DAY)).contributions())
                .anyMatch(c -> c.indicatorId().equals("EXP11"));
    }
}

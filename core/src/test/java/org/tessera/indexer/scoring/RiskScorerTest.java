package org.tessera.indexer.scoring;

import org.tessera.indexer.indicators.Severity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.tessera.indexer.scoring.Events.adult;
import static org.tessera.indexer.scoring.Events.child;
import static org.tessera.indexer.scoring.Events.event;
import static org.tessera.indexer.scoring.Events.hit;
import static org.tessera.indexer.scoring.Events.hitAbout;
import static org.tessera.indexer.scoring.Events.notCounting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    private final ScoringParameters parameters = ScoringParameters.defaults();
    private final RiskScorer scorer = new RiskScorer(parameters, Map.of("NEG09", new IndicatorWeighting("was-not-brought", 30.0)));

    private static final LocalDate AS_OF = LocalDate.parse("2025-06-30");

    private double score(String childId, LocalDate asOf, RiskEvent... events) {
        return scorer.score(ChildHistory.of(childId, List.of(events), parameters), asOf).score();
    }

    @Test
    void aHitCountsHalfAtItsSeverityHalfLifeAndAQuarterAtTwice() {
        var fresh = event("e1", "2025-06-30", "police", List.of(child("c", "h")), hit("PAR01", "medium"));
        var halfLife = event("e1", "2024-12-30", "police", List.of(child("c", "h")), hit("PAR01", "medium")); // 182 days
        double freshScore = score("c", AS_OF, fresh);
        assertThat(freshScore).isEqualTo(parameters.weight(Severity.MEDIUM));
        LocalDate atHalfLife = LocalDate.parse("2025-06-30").plusDays(180);
        assertThat(score("c", atHalfLife, fresh)).isCloseTo(freshScore / 2, within(1e-9));
        assertThat(score("c", atHalfLife.plusDays(180), fresh)).isCloseTo(freshScore / 4, within(1e-9));
        assertThat(score("c", AS_OF, halfLife)).isLessThan(freshScore / 2);
    }

    @Test
    void aWeightZeroSignalIndicatorIsShownButScoresNothingAndAddsNoAgency() {
        var signal = new RiskEvent.Hit("HLT13", 1, "low", 0.0, true, "affirmed", "record_type=a_and_e_attendance",
                "record_type", List.of(), "query");
        var ae = event("e1", "2025-06-30", "health", List.of(child("c", "h")), signal);
        var da = event("e2", "2025-06-30", "police", List.of(child("c", "h")), hit("PAR01", "medium"));
        RiskScore score = scorer.score(ChildHistory.of("c", List.of(ae, da), parameters), AS_OF);

        assertThat(score.score()).isEqualTo(parameters.weight(Severity.MEDIUM));
        assertThat(score.agencies()).containsExactly("police");
        assertThat(score.contributions()).filteredOn(c -> c.indicatorId().equals("HLT13")).singleElement()
                .satisfies(c -> {
                    assertThat(c.counts()).isFalse();
                    assertThat(c.contribution()).isZero();
                });
    }

    @Test
    void anIndicatorsOwnHalfLifeOverridesTheSeverityDefault() {
        var wnb = event("e1", "2025-05-31", "health", List.of(child("c", "h")), hit("NEG09", "low"));
        double fresh = score("c", LocalDate.parse("2025-05-31"), wnb);
        assertThat(score("c", LocalDate.parse("2025-06-30"), wnb)).isCloseTo(fresh / 2, within(1e-9));
    }

    @Test
    void repeatsOfTheSameIndicatorDiminishGeometrically() {
        var people = List.of(child("c", "h"));
        double one = score("c", AS_OF, event("e1", "2025-06-30", "education", people, hit("EDU06", "low")));
        double threeSame = score("c", AS_OF,
                event("e1", "2025-06-30", "education", people, hit("EDU06", "low")),
                event("e2", "2025-06-30", "education", people, hit("EDU06", "low")),
                event("e3", "2025-06-30", "education", people, hit("EDU06", "low")));
        double threeDifferent = score("c", AS_OF,
                event("e1", "2025-06-30", "education", people, hit("EDU06", "low")),
                event("e2", "2025-06-30", "education", people, hit("EDU01", "low")),
                event("e3", "2025-06-30", "education", people, hit("NEG03", "low")));
        double r = parameters.repeatFactor();
        assertThat(threeSame).isCloseTo(one * (1 + r + r * r), within(1e-9));
        assertThat(threeDifferent).isCloseTo(3 * one, within(1e-9));
    }

    @Test
    void indicatorsOfOneConcernShareTheirDiminishingReturns() {
        RiskScorer grouped = new RiskScorer(parameters, Map.of(
                "EDU01", new IndicatorWeighting("persistent absence", null, "attendance", false),
                "EDU02", new IndicatorWeighting("severe absence", null, "attendance", false)));
        var people = List.of(child("c", "h"));
        RiskScore score = grouped.score(ChildHistory.of("c", List.of(
                event("e1", "2025-06-30", "education", people, hit("EDU01", "low"), hit("EDU02", "medium"))), parameters), AS_OF);
        // The severe absence counts fully, the persistent absence it implies at the repeat factor.
        assertThat(score.contributions()).extracting(Contribution::indicatorId, Contribution::concern, Contribution::repeatFactor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EDU02", "attendance", 1.0),
                        org.assertj.core.groups.Tuple.tuple("EDU01", "attendance", parameters.repeatFactor()));
        assertThat(score.concernPoints()).containsOnlyKeys("attendance");
        assertThat(score.liveConcerns(0.75)).isEqualTo(1);
    }

    @Test
    void aCareConcernAboutASiblingReachesTheChildWhileTheyLiveTogetherAndAChildsOwnConcernDoesNot() {
        RiskScorer withSiblings = new RiskScorer(parameters, Map.of(
                "NEG04", new IndicatorWeighting("hungry", null, null, true),
                "EXP07", new IndicatorWeighting("unexplained gifts", null, null, false)));
        List<RiskEvent> events = List.of(
                event("own", "2025-01-10", "education", List.of(child("c", "hh-1"))),
                // The baby's hunger, in the same household: a concern about the care both children get.
                event("s1", "2025-05-01", "health", List.of(child("baby", "hh-1")), hitAbout("NEG04", "medium", "baby")),
                // The sibling's own exploitation signal does not reach the child.
                event("s2", "2025-05-02", "education", List.of(child("teen", "hh-1")), hitAbout("EXP07", "medium", "teen")),
                // A child of another household.
                event("s3", "2025-05-03", "health", List.of(child("other", "hh-9")), hitAbout("NEG04", "medium", "other")));
        RiskScore score = withSiblings.score(ChildHistory.of("c", events, parameters), AS_OF);
        assertThat(score.contributions()).singleElement().satisfies(c -> {
            assertThat(c.eventId()).isEqualTo("s1");
            assertThat(c.reach()).isEqualTo(Reach.SIBLING);
            assertThat(c.householdFactor()).isEqualTo(parameters.householdFactor());
        });
    }

    @Test
    void theStrongestRepeatCountsFullyAndOlderOnesAreDiminished() {
        var people = List.of(child("c", "h"));
        RiskScore score = scorer.score(ChildHistory.of("c", List.of(
                event("old", "2025-01-01", "education", people, hit("EDU06", "low")),
                event("new", "2025-06-29", "education", people, hit("EDU06", "low"))), parameters), AS_OF);
        assertThat(score.contributions()).extracting(Contribution::eventId, Contribution::repeatFactor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new", 1.0), org.assertj.core.groups.Tuple.tuple("old", 0.5));
    }

    @Test
    void householdAdultHitsReachTheChildOnlyWhileTheyLiveTogether() {
        List<RiskEvent> events = List.of(
                // The child's own records: in hh-1 from January, in hh-2 from September.
                event("c1", "2024-01-10", "education", List.of(child("c", "hh-1"))),
                event("c2", "2024-09-01", "education", List.of(child("c", "hh-2"))),
                // Mum's drug misuse while the child lived with her, and after it had moved.
                event("m1", "2024-03-15", "police", List.of(adult("mum", "hh-1")), hit("PAR15", "medium")),
                event("m2", "2024-11-15", "police", List.of(adult("mum", "hh-1")), hit("PAR14", "medium")),
                // The new household's adult, after the move.
                event("d1", "2024-10-01", "probation", List.of(adult("dad", "hh-2")), hit("CJ03", "medium")));
        RiskScore score = scorer.score(ChildHistory.of("c", events, parameters), LocalDate.parse("2024-12-31"));
        assertThat(score.contributions()).extracting(Contribution::eventId).containsExactlyInAnyOrder("m1", "d1");
        assertThat(score.contributions()).allSatisfy(c -> {
            assertThat(c.reach()).isEqualTo(Reach.HOUSEHOLD);
            assertThat(c.householdFactor()).isEqualTo(parameters.householdFactor());
        });
    }

    @Test
    void aChildIsTakenToHaveLivedInItsFirstHouseholdForTheBackfillPeriodBeforeItsFirstRecord() {
        int backfill = parameters.householdBackfillDays();
        LocalDate firstRecord = LocalDate.parse("2025-01-01");
        List<RiskEvent> events = List.of(
                event("c1", firstRecord.toString(), "education", List.of(child("c", "hh-1"))),
                event("inside", firstRecord.minusDays(backfill - 10).toString(), "police", List.of(adult("mum", "hh-1")), hit("PAR14", "medium")),
                event("before", firstRecord.minusDays(backfill + 10).toString(), "police", List.of(adult("mum", "hh-1")), hit("PAR15", "medium")));
        RiskScore score = scorer.score(ChildHistory.of("c", events, parameters), AS_OF);
        assertThat(score.contributions()).extracting(Contribution::eventId).containsExactly("inside");
    }

    @Test
    void aPersonNotMarkedAsAChildCountsAsAnAdultOfTheHousehold() {
        List<RiskEvent> events = List.of(
                event("c1", "2025-01-10", "education", List.of(child("c", "hh-1"))),
                event("u1", "2025-03-15", "police", List.of(new RiskEvent.Participant("unknown-age", "partner", false, "hh-1", null)),
                        hit("PAR19", "medium")),
                event("s1", "2025-03-16", "health", List.of(child("sibling", "hh-1")), hit("EMO02", "high")));
        RiskScore score = scorer.score(ChildHistory.of("c", events, parameters), AS_OF);
        assertThat(score.contributions()).extracting(Contribution::eventId).containsExactly("u1");
    }

    @Test
    void aHouseholdHitAboutSomeoneOutsideTheHouseholdDoesNotReachTheChild() {
        List<RiskEvent> events = List.of(
                event("c1", "2025-01-10", "education", List.of(child("c", "hh-1"))),
                event("m1", "2025-03-15", "police", List.of(adult("mum", "hh-1"), adult("stranger", "hh-9")),
                        hitAbout("CJ03", "medium", "stranger"), hitAbout("PAR14", "medium", "mum")));
        RiskScore score = scorer.score(ChildHistory.of("c", events, parameters), AS_OF);
        assertThat(score.contributions()).extracting(Contribution::indicatorId).containsExactly("PAR14");
    }

    @Test
    void aChildOnAnEventIsReachedFullyByHitsAboutItAndPartlyByHitsAboutOthersThere() {
        var e = event("e", "2025-06-30", "police", List.of(child("c", "h"), adult("mum", "h")),
                hitAbout("EMO05", "high", "c"), hitAbout("PAR14", "medium", "mum"));
        RiskScore score = scorer.score(ChildHistory.of("c", List.of(e), parameters), AS_OF);
        assertThat(score.contributions()).extracting(Contribution::indicatorId, Contribution::reach, Contribution::householdFactor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EMO05", Reach.DIRECT, 1.0),
                        org.assertj.core.groups.Tuple.tuple("PAR14", Reach.PRESENT, parameters.householdFactor()));
    }

    @Test
    void hitsThatDoNotCountAreExplainedButScoreNothing() {
        var people = List.of(child("c", "h"));
        RiskScore score = scorer.score(ChildHistory.of("c", List.of(
                event("e1", "2025-06-01", "education", people, hit("NEG03", "low"), notCounting("NEG02", "medium"))), parameters), AS_OF);
        double withoutNegated = score("c", AS_OF, event("e1", "2025-06-01", "education", people, hit("NEG03", "low")));
        assertThat(score.score()).isEqualTo(withoutNegated);
        assertThat(score.contributions()).hasSize(2);
        Contribution negated = score.contributions().get(1);
        assertThat(negated.indicatorId()).isEqualTo("NEG02");
        assertThat(negated.counts()).isFalse();
        assertThat(negated.contribution()).isZero();
        assertThat(negated.context()).isEqualTo("negated");
    }

    @Test
    void eventsAfterTheAsOfDateDoNotExistForTheScore() {
        var people = List.of(child("c", "h"));
        var past = event("e1", "2025-06-01", "police", people, hit("PAR01", "medium"));
        var future = event("e2", "2025-07-01", "police", people, hit("PHY09", "high"));
        RiskScore score = scorer.score(ChildHistory.of("c", List.of(past, future), parameters), AS_OF);
        assertThat(score.contributions()).extracting(Contribution::eventId).containsExactly("e1");
        assertThat(score.score()).isEqualTo(score("c", AS_OF, past));
        assertThat(score("c", LocalDate.parse("2025-07-01"), past, future)).isGreaterThan(score.score());
    }

    @Test
    void manyLowAndMediumConcernsAcrossThreeAgenciesOutrankOneHighConcernMonthsAgo() {
        List<RiskEvent> events = Events.fixture("many-low-concerns-vs-one-old-high.jsonl");
        RiskScore many = scorer.score(ChildHistory.of("c-many", events, parameters), AS_OF);
        RiskScore single = scorer.score(ChildHistory.of("c-single", events, parameters), AS_OF);

        assertThat(many.contributions()).filteredOn(Contribution::counts).extracting(Contribution::severity)
                .doesNotContain(Severity.HIGH);
        assertThat(many.agencies()).containsExactlyInAnyOrder("police", "health", "education");
        assertThat(many.score()).isGreaterThan(single.score());
        assertThat(many.band()).isEqualTo(Band.RED);
        assertThat(single.band()).isEqualTo(Band.AMBER);
    }

    @Test
    void everyExplanationSumsToItsScoreAndEachLineIsTheProductOfItsFactors() {
        List<RiskEvent> events = Events.fixture("many-low-concerns-vs-one-old-high.jsonl");
        for (String child : List.of("c-many", "c-single")) {
            RiskScore score = scorer.score(ChildHistory.of(child, events, parameters), AS_OF);
            assertThat(score.contributions()).isNotEmpty();
            assertThat(score.contributions().stream().mapToDouble(Contribution::contribution).sum())
                    .isCloseTo(score.score(), within(1e-9));
            for (Contribution c : score.contributions().stream().filter(Contribution::counts).toList()) {
                assertThat(c.contribution()).isCloseTo(
                        c.rawWeight() * c.decay() * c.repeatFactor() * c.householdFactor() * c.breadthFactor(), within(1e-12));
                assertThat(c.decay()).isCloseTo(Math.pow(0.5, c.ageDays() / c.halfLifeDays()), within(1e-12));
            }
        }
    }

    @Test
    void eachFurtherAgencyRaisesTheBreadthMultiplierUpToItsCap() {
        var people = List.of(child("c", "h"));
        RiskScore one = scorer.score(ChildHistory.of("c", List.of(
                event("e1", "2025-06-30", "police", people, hit("A", "low"))), parameters), AS_OF);
        RiskScore three = scorer.score(ChildHistory.of("c", List.of(
                event("e1", "2025-06-30", "police", people, hit("A", "low")),
                event("e2", "2025-06-30", "health", people, hit("B", "low")),
                event("e3", "2025-06-30", "education", people, hit("C", "low"))), parameters), AS_OF);
        RiskScore six = scorer.score(ChildHistory.of("c", List.of(
                event("e1", "2025-06-30", "police", people, hit("A", "low")),
                event("e2", "2025-06-30", "health", people, hit("B", "low")),
                event("e3", "2025-06-30", "education", people, hit("C", "low")),
                event("e4", "2025-06-30", "housing", people, hit("D", "low")),
                event("e5", "2025-06-30", "social_care", people, hit("E", "low")),
                event("e6", "2025-06-30", "probation", people, hit("F", "low"))), parameters), AS_OF);
        assertThat(one.breadthMultiplier()).isEqualTo(1.0);
        assertThat(three.breadthMultiplier()).isEqualTo(1.5);
        assertThat(six.breadthMultiplier()).isEqualTo(parameters.breadth().maxMultiplier());
        assertThat(three.score()).isCloseTo(3 * one.score() * 1.5, within(1e-9));
    }

    @Test
    void velocityIsTheRiseOverTheWindowPerThirtyDays() {
        var people = List.of(child("c", "h"));
        var history = ChildHistory.of("c", List.of(
                event("e1", "2025-03-01", "police", people, hit("PAR01", "medium")),
                event("e2", "2025-06-20", "police", people, hit("PAR07", "medium"))), parameters);
        RiskAssessment assessment = scorer.assess(history, AS_OF);
        double earlier = scorer.score(history, AS_OF.minusDays(parameters.velocityWindowDays())).score();
        assertThat(assessment.earlier()).isEqualTo(earlier);
        assertThat(assessment.velocity()).isGreaterThan(0)
                .isCloseTo((assessment.score() - earlier) * 30.0 / parameters.velocityWindowDays(), within(1e-9));
        RiskAssessment quiet = scorer.assess(history, LocalDate.parse("2026-06-30"));
        assertThat(quiet.velocity()).isNegative();
    }

    @Test
    void bandsFollowTheConfiguredThresholds() {
        var bands = parameters.bands();
        assertThat(Band.of(bands.amber() - 0.01, bands)).isEqualTo(Band.GREEN);
        assertThat(Band.of(bands.amber(), bands)).isEqualTo(Band.AMBER);
        assertThat(Band.of(bands.red(), bands)).isEqualTo(Band.RED);
    }

    @Test
    void aMonthlyTimelineRisesAsConcernsAccumulate() {
        List<RiskEvent> events = Events.fixture("many-low-concerns-vs-one-old-high.jsonl");
        RiskTimeline timeline = RiskTimeline.monthly(scorer, ChildHistory.of("c-many", events, parameters), AS_OF, 6);
        assertThat(timeline.points()).extracting(RiskTimeline.Point::date).containsExactly(
                LocalDate.parse("2025-01-31"), LocalDate.parse("2025-02-28"), LocalDate.parse("2025-03-31"),
                LocalDate.parse("2025-04-30"), LocalDate.parse("2025-05-31"), AS_OF);
        assertThat(timeline.points().get(0).score()).isZero();
        assertThat(timeline.points().get(5).score()).isGreaterThan(timeline.points().get(4).score());
        assertThat(timeline.firstAtOrAbove(Band.AMBER).date()).isEqualTo(LocalDate.parse("2025-05-31"));
    }
}

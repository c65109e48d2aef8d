package org.tessera.indexer.households;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.households.HouseholdTimeline.Sighting;
import org.tessera.indexer.households.HouseholdTimeline.Stay;

/**
 * The one "where a person lived" timeline: what the ingest's address timeline did (stays with the
 * address first recorded, the first household for dates before any record) and what the scorer's
 * household timeline did (a back-fill allowance, nothing outside the stays).
 */
class HouseholdTimelineTest {

    private static final LocalDate JAN = LocalDate.of(2025, 1, 10);
    private static final LocalDate MAR = LocalDate.of(2025, 3, 5);
    private static final LocalDate JUN = LocalDate.of(2025, 6, 20);

    private final List<Sighting> moves = List.of(
            new Sighting(MAR, "h2", "2 High St", "TC2 2BB"),
            new Sighting(JAN, "h1", "1 Low Rd", "TC1 1AA"),
            new Sighting(JAN.plusDays(20), "h1", "1 Low Road", "TC1 1AA"),
            new Sighting(JUN, "h1", "1 Low Rd", "TC1 1AA"));

    @Test
    void aStayRunsFromTheFirstRecordInAHouseholdToTheFirstRecordElsewhereWithItsFirstAddress() {
        HouseholdTimeline timeline = HouseholdTimeline.fromSightings(moves, 0);

        assertThat(timeline.stays()).containsExactly(
                new Stay("h1", "1 Low Rd", "TC1 1AA", JAN, MAR),
                new Stay("h2", "2 High St", "TC2 2BB", MAR, JUN),
                new Stay("h1", "1 Low Rd", "TC1 1AA", JUN, null));
    }

    @Test
    void theScorersBackfillAllowanceMovesOnlyTheFirstStayEarlier() {
        HouseholdTimeline timeline = HouseholdTimeline.fromSightings(moves, 30);

        assertThat(timeline.stays().getFirst().from()).isEqualTo(JAN.minusDays(30));
        assertThat(timeline.stays().get(1).from()).isEqualTo(MAR);
        assertThat(timeline.at(JAN.minusDays(10))).contains("h1");
        assertThat(timeline.at(JAN.minusDays(31))).isEmpty();
    }

    @Test
    void atIsTheCoveringStayAndUntilIsExclusive() {
        HouseholdTimeline timeline = HouseholdTimeline.fromSightings(moves, 0);

        assertThat(timeline.at(MAR.minusDays(1))).contains("h1");
        assertThat(timeline.at(MAR)).contains("h2");
        assertThat(timeline.at(JUN.plusYears(2))).contains("h1");
        assertThat(timeline.at(JAN.minusDays(1))).isEmpty();
    }

    @Test
    void beforeAnyRecordTheIngestPlacesAPersonAtTheirFirstKnownHousehold() {
        HouseholdTimeline timeline = HouseholdTimeline.fromSightings(moves, 0);

        assertThat(timeline.atOrFirstAfter(JAN.minusYears(1))).contains("h1");
        assertThat(timeline.atOrFirstAfter(MAR.plusDays(1))).contains("h2");
        assertThat(HouseholdTimeline.none().atOrFirstAfter(JAN)).isEmpty();
    }

    @Test
    void sightingsOnOneDayInTwoHouseholdsAreOrderedByHouseholdId() {
        HouseholdTimeline timeline = HouseholdTimeline.fromSightings(
                List.of(new Sighting(JAN, "hb"), new Sighting(JAN, "ha")), 0);

        assertThat(timeline.stays()).extracting(Stay::householdId).containsExactly("ha", "hb");
    }
}

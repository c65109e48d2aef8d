package org.tessera.portal.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.portal.common.AddressPeriods.Period;
import org.tessera.portal.common.AddressPeriods.Record;

class AddressPeriodsTest {

    @Test
    void postcodeOnlyRecordsConfirmTheKnownAddressInsteadOfShowingMoves() {
        List<Period> periods = AddressPeriods.of(List.of(
                new Record("TC10 2HF", "TC10 2HF", "2022-01-10", null),
                new Record("137 Hazel Terrace, Ashcombe TC10 2HF", "TC10 2HF", "2021-06-01", null),
                new Record(null, "TC10 2HF", "2023-03-01", null),
                new Record("137 Hazel Terrace, Ashcombe", "TC10 2HF", "2021-09-01", null),
                new Record("TC10 2HF", "TC10 2HF", "2024-05-01", null)));

        assertThat(periods).singleElement().satisfies(p -> {
            assertThat(p.address()).isEqualTo("137 Hazel Terrace, Ashcombe TC10 2HF");
            assertThat(p.from()).isEqualTo("2021-06-01");
            assertThat(p.to()).isNull();
            assertThat(p.records()).isEqualTo(2);
            assertThat(p.confirmations()).isEqualTo(3);
            assertThat(p.describe()).isEqualTo("137 Hazel Terrace, Ashcombe TC10 2HF, 2021-06-01 to now (confirmed by 3 postcode-only records)");
        });
    }

    @Test
    void realMovesStayAsPeriodsNewestFirst() {
        List<Period> periods = AddressPeriods.of(List.of(
                new Record("4 Station Street, Tessford", "TC2 7XY", "2018-05-01", "2020-12-31"),
                new Record("12 Mill Road, Tessford", "TC1 4AB", "2021-01-01", null)));

        assertThat(periods).extracting(Period::address).containsExactly("12 Mill Road, Tessford", "4 Station Street, Tessford");
        assertThat(periods.get(1).describe()).isEqualTo("4 Station Street, Tessford TC2 7XY, 2018-05-01 to 2020-12-31");
    }

    @Test
    void aPostcodeWithNoKnownStreetAddressIsItsOwnPeriodAndSaysSo() {
        List<Period> periods = AddressPeriods.of(List.of(new Record(null, "TC9 1AA", "2025-02-01", "2025-02-01")));

        assertThat(periods).singleElement().satisfies(p ->
                assertThat(p.describe()).isEqualTo("postcode TC9 1AA (no street address recorded), 2025-02-01 to 2025-02-01"));
    }

    @Test
    void aSightingAfterAnEndedPeriodWidensItButNeverMakesItCurrent() {
        List<Period> periods = AddressPeriods.of(List.of(
                new Record("4 Station Street, Tessford", "TC2 7XY", "2018-05-01", "2020-12-31"),
                new Record(null, "TC2 7XY", "2021-02-01", null)));

        assertThat(periods).singleElement().satisfies(p -> assertThat(p.to()).isEqualTo("2021-02-01"));
    }
}

package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one severity: strict for the catalogue (as the indicators' enum was), lenient for the scorer (as the scoring one was). */
class SeverityTest {

    @Test
    void theCatalogueSpellingIsLowMediumOrHighInAnyCase() {
        assertThat(Severity.parse("low")).isEqualTo(Severity.LOW);
        assertThat(Severity.parse(" Medium ")).isEqualTo(Severity.MEDIUM);
        assertThat(Severity.parse("HIGH")).isEqualTo(Severity.HIGH);
    }

    @Test
    void theCatalogueRejectsAbbreviationsAndUnknownWords() {
        for (String value : new String[] {"l", "med", "m", "h", "critical", "severe", "", null}) {
            assertThat(Severity.parse(value)).as(String.valueOf(value)).isNull();
        }
    }

    @Test
    void theScorerReadsAbbreviationsAndCriticalAsHigh() {
        assertThat(Severity.read("l")).contains(Severity.LOW);
        assertThat(Severity.read("Med")).contains(Severity.MEDIUM);
        assertThat(Severity.read("m")).contains(Severity.MEDIUM);
        assertThat(Severity.read("h")).contains(Severity.HIGH);
        assertThat(Severity.read("critical")).contains(Severity.HIGH);
        assertThat(Severity.read(" high ")).contains(Severity.HIGH);
        assertThat(Severity.read("severe")).isEmpty();
        assertThat(Severity.read(null)).isEmpty();
    }

    @Test
    void everySeverityReadsBackFromItsLabel() {
        for (Severity severity : Severity.values()) {
            assertThat(Severity.parse(severity.label())).isEqualTo(severity);
            assertThat(Severity.read(severity.label())).contains(severity);
        }
    }
}

package org.tessera.portal.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SearchTextTest {

    @Test
    void aNameAndAPartialPostcodeAreTakenApart() {
        SearchText text = SearchText.parse("Jaydon TC1");
        assertThat(text.words()).containsExactly("Jaydon");
        assertThat(text.postcodes()).containsExactly("TC1");
    }

    @Test
    void aWholePostcodeWithItsSpaceStaysOnePostcode() {
        SearchText text = SearchText.parse("smith tc1 4ab");
        assertThat(text.postcodes()).containsExactly("TC1 4AB");
        assertThat(text.words()).containsExactly("smith");
    }

    @Test
    void ukAndIsoDatesOfBirthAndBareYearsAreRecognised() {
        SearchText text = SearchText.parse("Jayden 14/03/2015 2015-03-14 born 2015");
        assertThat(text.dates()).containsExactly(LocalDate.of(2015, 3, 14), LocalDate.of(2015, 3, 14));
        assertThat(text.years()).containsExactly(2015);
        assertThat(text.words()).containsExactly("Jayden", "born");
    }

    @Test
    void anImpossibleDateIsLeftOutRatherThanFailingTheSearch() {
        assertThat(SearchText.parse("31/02/2015").dates()).isEmpty();
    }

    @Test
    void wordsFromNotesKeepTheirOrderWithoutPunctuation() {
        assertThat(SearchText.parse("\"shouting at home\", hungry.").words()).containsExactly("shouting", "at", "home", "hungry");
    }
}

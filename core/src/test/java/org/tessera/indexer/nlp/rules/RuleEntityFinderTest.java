package org.tessera.indexer.nlp.rules;

import org.tessera.indexer.normalise.NhsNumber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

class RuleEntityFinderTest {

    private final RuleEntityFinder finder = new RuleEntityFinder();

    private List<String> found(String text, EntityType type) {
        return finder.find(text).stream().filter(e -> e.type() == type).map(EntityMention::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12/03/2024", "12/3/24", "12.3.24", "03.12.2024", "3rd March", "3 March 2024",
        "3rd of March", "March 2024", "Mon 4th Nov 2024", "Tuesday 5th November", "2024-03-12",
        "March 3, 2024", "Mar 3rd", "May 2024", "21st May"})
    void findsDatesInPractitionerForms(String date) {
        assertThat(found("Visit on " + date + ". Seen alone.", EntityType.DATE)).containsExactly(date);
    }

    @Test
    void doesNotTakeTheVerbMayOrImpossibleDatesForDates() {
        String text = "Mum may attend. Score 35/13/2024 recorded. Ratio 3.5 and version 1.2.3.4 noted.";
        assertThat(found(text, EntityType.DATE)).isEmpty();
    }

    @Test
    void sentenceFullStopIsNotPartOfTheDate() {
        assertThat(found("Next review is on 13th November.", EntityType.DATE)).containsExactly("13th November");
        assertThat(found("Seen on 27/09/2021.", EntityType.DATE)).containsExactly("27/09/2021");
    }

    @Test
    void findsUkPostcodesWithOrWithoutTheSpace() {
        assertThat(found("Moved to 14 Elm Road, Stroud GL5 3AB and later GL14HJ.", EntityType.POSTCODE))
                .containsExactly("GL5 3AB", "GL14HJ");
    }

    @Test
    void postcodeNeedsAValidInwardCode() {
        assertThat(found("Room GL5 3CI and code AB12", EntityType.POSTCODE)).isEmpty();
    }

    @Test
    void findsUkPhoneNumbersInCommonLayouts() {
        String text = "Mobile 07700 900123, home (01632) 960456, office 0117 496 0789 or +44 7700 900321.";
        assertThat(found(text, EntityType.PHONE))
                .containsExactly("07700 900123", "(01632) 960456", "0117 496 0789", "+44 7700 900321");
    }

    @Test
    void nhsNumbersMustPassTheModulus11Check() {
        assertThat(NhsNumber.isValid("943 476 5919")).isTrue();
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("943 476 5918")).isFalse();
        assertThat(NhsNumber.isValid("0000000000")).isFalse();
        assertThat(found("NHS no 943 476 5919, old ref 943 476 5918.", EntityType.NHS_NUMBER))
                .containsExactly("943 476 5919");
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "Seen 1/2/24 at GL1 2AB";
        for (EntityMention m : finder.find(text)) {
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
        }
        assertThat(finder.find(text)).hasSize(2);
    }
}

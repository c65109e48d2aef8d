package org.tessera.indexer.nlp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.rules.PractitionerDates.Precision;

class PractitionerDatesTest {

    private static final LocalDate NOTE_DATE = LocalDate.of(2024, 1, 15);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12/03/2023|2023-03-12", "12/3/23|2023-03-12", "12.3.23|2023-03-12", "2023-03-12|2023-03-12",
        "3rd March 2023|2023-03-03", "3 March 2023|2023-03-03", "3rd of March '23|2023-03-03",
        "March 3rd, 2023|2023-03-03", "Mon 4th Dec 2023|2023-12-04", "12/03/98|1998-03-12",
        "3rd January|2024-01-03", "3rd December|2023-12-03", "Dec 3rd|2023-12-03"})
    void normalisesDayPrecisionForms(String text, String expected) {
        assertThat(PractitionerDates.parse(text, NOTE_DATE))
                .contains(new PractitionerDates.NormalisedDate(LocalDate.parse(expected), Precision.DAY));
    }

    @Test
    void monthFormsHaveMonthPrecision() {
        assertThat(PractitionerDates.parse("March 2023", NOTE_DATE))
                .contains(new PractitionerDates.NormalisedDate(LocalDate.of(2023, 3, 1), Precision.MONTH));
        assertThat(PractitionerDates.parse("November", NOTE_DATE))
                .contains(new PractitionerDates.NormalisedDate(LocalDate.of(2023, 11, 1), Precision.MONTH));
    }

    @Test
    void impossibleDatesAndNonDatesAreEmpty() {
        assertThat(PractitionerDates.parse("31/02/2024", NOTE_DATE)).isEmpty();
        assertThat(PractitionerDates.parse("the third of never", NOTE_DATE)).isEmpty();
    }

    @Test
    void everyDateTheFinderFindsInGeneratedNotesNormalises() {
        RuleEntityFinder finder = new RuleEntityFinder();
        var notes = new org.tessera.indexer.nlp.training.CaseNoteTemplateGenerator(
                org.tessera.indexer.nlp.training.TemplateFamily.HELD_OUT, 11).notes(200);
        int dates = 0;
        for (var n : notes) {
            for (EntityMention m : finder.find(n.text())) {
                if (m.type() == EntityType.DATE) {
                    dates++;
                    assertThat(PractitionerDates.parse(m.text(), NOTE_DATE)).as(m.text()).isPresent();
                }
            }
        }
        assertThat(dates).isGreaterThan(200);
    }
}

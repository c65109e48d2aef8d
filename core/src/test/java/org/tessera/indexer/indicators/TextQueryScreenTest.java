package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextQueryScreenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();
    private final StructuredQueryEvaluator evaluator = new StructuredQueryEvaluator(EventFields.loadDefault());

    private TextQueryScreen screenOf(List<Indicator> indicators) {
        return new TextQueryScreen(indicators.stream().filter(Indicator::readsText).toList(), evaluator);
    }

    @Test
    void letsThroughEveryPositiveExampleOfEveryShippedTextQuery() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            if (!indicator.readsText()) {
                continue;
            }
            TextQueryScreen alone = screenOf(List.of(indicator));
            for (ObjectNode example : indicator.examples().positive()) {
                checked++;
                if (!alone.mayMatch(example)) {
                    failures.add(indicator.id() + " screened out " + example);
                }
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(failures).isEmpty();
    }

    @Test
    void screensOutTextThatNoQueryCouldMatchAndEventsWithoutText() {
        TextQueryScreen screen = screenOf(CATALOGUE.enabledQueries());
        assertThat(screen.mayMatch(event("{\"text\":\"Xylophone quartz.\",\"subject_age\":0.2}"))).isFalse();
        assertThat(screen.mayMatch(event("{\"record_type\":\"attendance\",\"subject_age\":9}"))).isFalse();
        assertThat(screen.mayMatch(event("{\"text\":\"Small bruise noted on the baby's left cheek.\",\"subject_age\":0.2}"))).isTrue();
    }

    @Test
    void inflectionsAccentsAndPossessivesKeepTheirKeys() throws Exception {
        Indicator bruise = CATALOGUE.find("PHY01").orElseThrow();
        TextQueryScreen screen = screenOf(List.of(bruise));
        // the light stemmer keeps a word's first three letters; the screen compares those
        assertThat(screen.mayMatch(event("{\"text\":\"BRUISES on her arm\",\"subject_age\":0.3}"))).isTrue();
        assertThat(screen.mayMatch(event("{\"text\":\"Pétéchiae seen\",\"subject_age\":0.3}"))).isTrue();
        assertThat(screen.mayMatch(event("{\"text\":\"a mark on his back\",\"subject_age\":0.3}"))).isTrue();
        // the age filter is a structured leaf, evaluated exactly
        assertThat(screen.mayMatch(event("{\"text\":\"BRUISES on her arm\",\"subject_age\":9}"))).isFalse();
        assertThat(TextQueryScreen.keys("The baby's bruising, x-ray")).containsExactlyInAnyOrder("the", "bab", "s", "bru", "x", "ray");
    }

    @Test
    void unknownTextLeavesAndMustNotOnlyWiden() throws Exception {
        Indicator prefix = indicator("{\"prefix\":{\"text\":\"zzz\"}}");
        assertThat(screenOf(List.of(prefix)).mayMatch(event("{\"text\":\"anything\"}"))).isTrue();
        Indicator negated = indicator("{\"bool\":{\"must\":[{\"match_phrase\":{\"text\":\"bruise\"}}],\"must_not\":[{\"match_phrase\":{\"text\":\"no bruise\"}}]}}");
        assertThat(screenOf(List.of(negated)).mayMatch(event("{\"text\":\"no bruise seen\"}"))).isTrue();
        Indicator either = indicator("{\"bool\":{\"should\":[{\"match_phrase\":{\"text\":\"bruise\"}},{\"term\":{\"record_type\":\"ae_attendance\"}}]}}");
        assertThat(screenOf(List.of(either)).mayMatch(event("{\"record_type\":\"ae_attendance\"}"))).isTrue();
        assertThat(screenOf(List.of(either)).mayMatch(event("{\"record_type\":\"school\",\"text\":\"fine\"}"))).isFalse();
    }

    private static ObjectNode event(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Indicator indicator(String query) throws Exception {
        Indicator t = CATALOGUE.find("PHY01").orElseThrow();
        return new Indicator("TST01", t.title(), t.description(), t.group(), t.agencies(), t.severity(), t.weight(), t.halfLifeDays(),
                t.appliesTo(), 1, true, null, null, false, null, (ObjectNode) JSON.readTree(query), null, t.examples(), null);
    }
}

package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructuredQueryEvaluatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();
    private final StructuredQueryEvaluator evaluator = new StructuredQueryEvaluator(EventFields.loadDefault());

    @Test
    void everyShippedQueryThatReadsNoTextIsSupportedAndAgreesWithItsExamples() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Indicator indicator : CATALOGUE.enabledQueries()) {
            if (indicator.readsText()) {
                continue;
            }
            assertThat(evaluator.compile(indicator.query())).as(indicator.id()).isNotNull();
            for (ObjectNode example : indicator.examples().positive()) {
                checked++;
                if (!evaluator.compile(indicator.query()).test(example)) {
                    failures.add(indicator.id() + " misses " + example);
                }
            }
            for (ObjectNode example : indicator.examples().negative()) {
                checked++;
                if (evaluator.compile(indicator.query()).test(example)) {
                    failures.add(indicator.id() + " matches " + example);
                }
            }
        }
        assertThat(checked).isGreaterThan(15);
        assertThat(failures).isEmpty();
    }

    @Test
    void queriesOutsideTheSubsetOrOnUnknownFieldsAreNotPredicted() throws Exception {
        assertThat(evaluator.compile(json("{\"match_phrase\":{\"text\":\"bruise\"}}"))).isNull();
        assertThat(evaluator.compile(json("{\"prefix\":{\"record_type\":\"a_and\"}}"))).isNull();
        assertThat(evaluator.compile(json("{\"term\":{\"codes.not_mapped\":\"x\"}}"))).isNull();
        assertThat(evaluator.compile(json("{\"range\":{\"record_type\":{\"gte\":\"a\"}}}"))).isNull();
        assertThat(evaluator.compile(json("{\"bool\":{\"should\":[{\"term\":{\"record_type\":\"x\"}}],\"minimum_should_match\":\"50%\"}}"))).isNull();
        assertThat(evaluator.compile(json("{\"bool\":{\"must\":[{\"term\":{\"record_type\":\"x\"}},{\"match\":{\"text\":\"y\"}}]}}"))).isNull();
        assertThat(evaluator.compile(json("{\"bool\":{\"filter\":{\"term\":{\"record_type\":\"x\"}},\"must_not\":[{\"exists\":{\"field\":\"codes.outcome\"}}]}}"))).isNotNull();
    }

    @Test
    void keywordsCompareAsTheirMappingIndexesThem() throws Exception {
        // record_type: a plain keyword, exact; codes.outcome: the folded normalizer (lowercase, accents off)
        assertThat(match("{\"term\":{\"record_type\":\"cp_plan\"}}", "{\"record_type\":\"cp_plan\"}")).isTrue();
        assertThat(match("{\"term\":{\"record_type\":\"cp_plan\"}}", "{\"record_type\":\"CP_PLAN\"}")).isFalse();
        assertThat(match("{\"terms\":{\"codes.outcome\":[\"closed\"]}}", "{\"codes\":{\"outcome\":\"Clôsed\"}}")).isTrue();
        assertThat(match("{\"terms\":{\"codes.outcome\":[\"CLOSED\"]}}", "{\"codes\":{\"outcome\":\"closed\"}}")).isTrue();
        assertThat(match("{\"terms\":{\"codes.outcome\":[\"closed\"]}}", "{\"codes.outcome\":\"closed\"}")).as("a dotted key").isTrue();
        assertThat(match("{\"terms\":{\"codes.outcome\":[\"closed\"]}}", "{\"codes\":{\"outcome\":[\"open\",\"closed\"]}}")).as("any value of an array").isTrue();
        assertThat(match("{\"term\":{\"codes.outcome\":{\"value\":\"ended\"}}}", "{\"codes\":{\"outcome\":\"ended\"}}")).isTrue();
        assertThat(match("{\"terms\":{\"codes.outcome\":[\"closed\"]}}", "{\"codes\":{\"outcome\":null}}")).isFalse();
    }

    @Test
    void numbersCompareInTheFieldsOwnPrecision() throws Exception {
        // codes.attendance_pct is a float: 89.99999999 is 90.0f, not below 90
        assertThat(match("{\"range\":{\"codes.attendance_pct\":{\"lt\":90}}}", "{\"codes\":{\"attendance_pct\":89.99999999}}")).isFalse();
        assertThat(match("{\"range\":{\"codes.attendance_pct\":{\"lt\":90}}}", "{\"codes\":{\"attendance_pct\":89.9}}")).isTrue();
        assertThat(match("{\"range\":{\"codes.attendance_pct\":{\"lt\":90}}}", "{\"codes\":{\"attendance_pct\":\"85\"}}")).as("a numeric string").isTrue();
        assertThat(match("{\"range\":{\"codes.attendance_pct\":{\"lt\":90}}}", "{\"codes\":{\"attendance_pct\":\"n/a\"}}")).isFalse();
        assertThat(match("{\"range\":{\"codes.attendance_pct\":{\"lte\":50}}}", "{\"codes\":{\"attendance_pct\":50}}")).isTrue();
        // codes.unauthorised_sessions is an integer: 9.9 is indexed as 9
        assertThat(match("{\"range\":{\"codes.unauthorised_sessions\":{\"gte\":10}}}", "{\"codes\":{\"unauthorised_sessions\":9.9}}")).isFalse();
        assertThat(match("{\"range\":{\"codes.unauthorised_sessions\":{\"gte\":10}}}", "{\"codes\":{\"unauthorised_sessions\":10}}")).isTrue();
        assertThat(match("{\"range\":{\"codes.unauthorised_sessions\":{\"gt\":9.5}}}", "{\"codes\":{\"unauthorised_sessions\":10}}")).isTrue();
        assertThat(match("{\"term\":{\"codes.unauthorised_sessions\":10}}", "{\"codes\":{\"unauthorised_sessions\":\"10\"}}")).isTrue();
    }

    @Test
    void boolFollowsTheEnginesShouldDefaults() throws Exception {
        String onlyShould = "{\"bool\":{\"should\":[{\"term\":{\"record_type\":\"a\"}},{\"term\":{\"record_type\":\"b\"}}]}}";
        assertThat(match(onlyShould, "{\"record_type\":\"b\"}")).isTrue();
        assertThat(match(onlyShould, "{\"record_type\":\"c\"}")).as("no must or filter: one should clause is required").isFalse();
        String shouldBesideFilter = "{\"bool\":{\"filter\":[{\"term\":{\"agency\":\"health\"}}],\"should\":[{\"term\":{\"record_type\":\"a\"}}]}}";
        assertThat(match(shouldBesideFilter, "{\"agency\":\"health\",\"record_type\":\"c\"}")).as("beside a filter: optional").isTrue();
        String two = "{\"bool\":{\"should\":[{\"term\":{\"record_type\":\"a\"}},{\"term\":{\"agency\":\"health\"}},{\"exists\":{\"field\":\"codes.outcome\"}}],\"minimum_should_match\":2}}";
        assertThat(match(two, "{\"record_type\":\"a\",\"agency\":\"police\"}")).isFalse();
        assertThat(match(two, "{\"record_type\":\"a\",\"codes\":{\"outcome\":\"\"}}")).as("an empty keyword exists").isTrue();
        String not = "{\"bool\":{\"filter\":[{\"term\":{\"agency\":\"health\"}}],\"must_not\":[{\"exists\":{\"field\":\"codes.outcome\"}}]}}";
        assertThat(match(not, "{\"agency\":\"health\"}")).isTrue();
        assertThat(match(not, "{\"agency\":\"health\",\"codes\":{\"outcome\":\"x\"}}")).isFalse();
        assertThat(match("{\"constant_score\":{\"filter\":{\"match_all\":{}}}}", "{}")).isTrue();
    }

    private boolean match(String query, String event) throws Exception {
        JsonNode q = json(query);
        assertThat(evaluator.compile(q)).as(query).isNotNull();
        return evaluator.compile(q).test(json(event));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}

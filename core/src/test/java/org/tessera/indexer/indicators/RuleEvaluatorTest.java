package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {

    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.loadDefault();
    private static final LocalDate DAY0 = LocalDate.of(2024, 1, 1);

    private static List<TimelineEntry> timeline(ObjectNode example) {
        List<TimelineEntry> out = new ArrayList<>();
        int n = 0;
        for (JsonNode entry : example.path("timeline")) {
            Set<String> ids = new TreeSet<>();
            entry.path("indicators").forEach(i -> ids.add(i.asText()));
            Map<String, String> values = new TreeMap<>();
            entry.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            out.add(new TimelineEntry("ev" + (n++), DAY0.plusDays(entry.path("day").asInt()), ids, values));
        }
        return out;
    }

    private static TimelineEntry at(int day, String... indicators) {
        return new TimelineEntry("d" + day, DAY0.plusDays(day), Set.of(indicators), Map.of());
    }

    @Test
    void everyCatalogueRuleFiresOnItsPositiveExamplesAndNotOnItsNegatives() {
        List<String> failures = new ArrayList<>();
        for (Indicator rule : CATALOGUE.enabledRules()) {
            RuleEvaluator evaluator = new RuleEvaluator(List.of(rule));
            for (ObjectNode example : rule.examples().positive()) {
                if (evaluator.evaluate("child-1", timeline(example)).isEmpty()) failures.add(rule.id() + " positive " + example);
            }
            for (ObjectNode example : rule.examples().negative()) {
                if (!evaluator.evaluate("child-1", timeline(example)).isEmpty()) failures.add(rule.id() + " negative " + example);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(CATALOGUE.enabledRules()).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void countFiresOncePerEpisodeWithTheTriggeringHitsAsEvidence() {
        RuleEvaluator evaluator = new RuleEvaluator(List.of(CATALOGUE.get("PAR04")));

        List<DerivedHit> hits = evaluator.evaluate("child-1",
                List.of(at(0, "PAR01"), at(10, "PAR01"), at(20, "PAR03", "PAR01"), at(30, "PAR01"), at(40, "PAR01"), at(50, "PAR01")));

        assertThat(hits).hasSize(2);
        assertThat(hits.get(0).evidence()).containsExactly("d0#PAR01", "d10#PAR01", "d20#PAR01");
        assertThat(hits.get(0).date()).isEqualTo(DAY0.plusDays(20));
        assertThat(hits.get(0).eventId()).isEqualTo("d20");
        assertThat(hits.get(1).evidence()).containsExactly("d30#PAR01", "d40#PAR01", "d50#PAR01");
        assertThat(hits.get(0).severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void countIgnoresHitsOutsideTheWindow() {
        RuleEvaluator evaluator = new RuleEvaluator(List.of(CATALOGUE.get("MIS02")));

        assertThat(evaluator.evaluate("c", List.of(at(0, "MIS01"), at(60, "MIS01"), at(120, "MIS01")))).isEmpty();
        assertThat(evaluator.evaluate("c", List.of(at(0, "MIS01"), at(60, "MIS01"), at(120, "MIS01"), at(125, "MIS03"))))
                .singleElement().satisfies(h -> assertThat(h.evidence()).containsExactly("d60#MIS01", "d120#MIS01", "d125#MIS03"));
    }

    @Test
    void toxicTrioNeedsAllThreeGroupsWithinAYearInAnyOrder() {
        RuleEvaluator evaluator = new RuleEvaluator(List.of(CATALOGUE.get("PAR17")));

        List<DerivedHit> hits = evaluator.evaluate("c", List.of(at(0, "PAR14"), at(100, "PAR11"), at(300, "PAR02")));

        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.evidence()).containsExactly("d0#PAR14", "d100#PAR11", "d300#PAR02");
            assertThat(h.eventId()).isEqualTo("d300");
        });
        assertThat(evaluator.evaluate("c", List.of(at(0, "PAR14"), at(100, "PAR11"), at(400, "PAR02")))).isEmpty();
    }

    @Test
    void distinctPostcodesIgnoreSpacingAndCase() {
        RuleEvaluator evaluator = new RuleEvaluator(List.of(CATALOGUE.get("HOU02")));
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry("a", DAY0, Set.of(), Map.of("location.postcode", "TC1 4AB")),
                new TimelineEntry("b", DAY0.plusDays(30), Set.of(), Map.of("location.postcode", "tc14ab")),
                new TimelineEntry("c", DAY0.plusDays(60), Set.of(), Map.of("location.postcode", "TC2 1AA")));
        assertThat(evaluator.evaluate("c", timeline)).isEmpty();

        List<TimelineEntry> moved = new ArrayList<>(timeline);
        moved.add(new TimelineEntry("d", DAY0.plusDays(90), Set.of(), Map.of("location.postcode", "TC3 9ZZ")));
        assertThat(evaluator.evaluate("c", moved)).singleElement()
                .satisfies(h -> assertThat(h.evidence()).containsExactly("b#location.postcode=tc14ab", "c#location.postcode=TC2 1AA", "d#location.postcode=TC3 9ZZ"));
    }

    @Test
    void timelineEntryFromAnIndexedEventKeepsOnlyCountingHits() throws Exception {
        JsonNode event = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"event_id":"e1","event_date":"2025-03-02T21:15:00","location":{"postcode":"TC1 4AB"},
                 "hits":[{"indicator_id":"PAR01","counts":true},{"indicator_id":"PAR14","counts":false}]}""");

        TimelineEntry entry = TimelineEntry.fromEvent(org.tessera.indexer.events.Event.fromDocument(event), Set.of("location.postcode"));

        assertThat(entry.indicatorIds()).containsExactly("PAR01");
        assertThat(entry.date()).isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(entry.values()).containsEntry("location.postcode", "TC1 4AB");
    }
}

package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.tessera.indexer.events.Event;
import org.junit.jupiter.api.Test;

class HitFactoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String P = HitFactory.PRE;
    private static final String Q = HitFactory.POST;
    private final HitFactory factory = new HitFactory(new NegexLiteContextResolver());
    private final IndicatorMeta meta = new IndicatorMeta("NEG02", 3, Severity.MEDIUM, 2.5, AppliesTo.CHILD);

    @Test
    void highlightedWordsGiveOffsetsInTheOriginalText() {
        String text = "Home visit.  Dog faeces on the floor.";
        List<int[]> spans = HitFactory.spans("Home visit.  " + P + "Dog" + Q + " " + P + "faeces" + Q + " on the floor.", text);

        assertThat(spans).hasSize(2);
        assertThat(text.substring(spans.get(0)[0], spans.get(1)[1])).isEqualTo("Dog faeces");
    }

    @Test
    void aCountingMentionLaterInTheNoteWinsOverAnEarlierNegatedOne() throws Exception {
        String text = "At the first visit there was no dog faeces. Today: dog faeces in the kitchen.";
        String highlighted = text.replace("dog faeces", P + "dog" + Q + " " + P + "faeces" + Q);
        JsonNode event = JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + ",\"child_ids\":[\"c1\"],\"person_ids\":[\"c1\",\"m1\"]}");

        IndicatorHit hit = factory.hit(meta, null, Event.fromDocument(event), List.of(highlighted));

        assertThat(hit.counts()).isTrue();
        assertThat(hit.evidence()).isEqualTo("Today: dog faeces in the kitchen.");
        assertThat(text.substring(hit.evidenceStart(), hit.evidenceEnd())).isEqualTo("dog faeces");
        assertThat(hit.evidenceStart()).isGreaterThan(text.indexOf("Today"));
        assertThat(hit.personIds()).containsExactly("c1");
        assertThat(hit.indicatorVersion()).isEqualTo(3);
    }

    @Test
    void onlyNegatedMentionsGiveAHitThatDoesNotCount() throws Exception {
        String text = "There was no dog faeces.";
        JsonNode event = JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + "}");

        IndicatorHit hit = factory.hit(meta, null, Event.fromDocument(event), List.of(text.replace("dog faeces", P + "dog" + Q + " " + P + "faeces" + Q)));

        assertThat(hit.counts()).isFalse();
        assertThat(hit.context().negated()).isTrue();
    }

    /** A head that reads "stable" as a resolved (negated) statement and "2012" as history (ADR 0027). */
    private static org.tessera.indexer.nlp.semantic.ContextHead stableHead() {
        return new org.tessera.indexer.nlp.semantic.ContextHead(new org.tessera.indexer.nlp.semantic.ConcernClassifier.Provenance(
                "test", "2026-12-06", List.of("nlp-models/eval/concerns-dev.jsonl sha256:" + "a".repeat(64) + " (1 items)"), ""),
                0.6, new double[] {-2, -2, -2, -2, -2}, java.util.Map.of(
                "stable", new float[] {20, 20, 0, 0, 0},
                "<year>", new float[] {20, 0, 0, 20, 0}));
    }

    @Test
    void theContextHeadDiscountsALexicalHitTheRulesCountAndTheEvidenceSaysWhy() throws Exception {
        String text = "Home visit today. Dog faeces on the floor but mum says things are stable now.";
        String highlighted = text.replace("Dog faeces", P + "Dog" + Q + " " + P + "faeces" + Q);
        Event event = Event.fromDocument(JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + "}"));

        IndicatorHit rulesAlone = factory.hit(meta, null, event, List.of(highlighted));
        IndicatorHit headed = new HitFactory(new NegexLiteContextResolver().withContextHead(stableHead()))
                .hit(meta, null, event, List.of(highlighted));

        assertThat(rulesAlone.counts()).isTrue();
        assertThat(rulesAlone.context().negated()).isFalse();
        assertThat(headed.counts()).isFalse();
        assertThat(headed.context().negated()).isTrue();
        assertThat(headed.method()).isEqualTo("query");
        assertThat(headed.evidence()).startsWith("Dog faeces on the floor but mum says things are stable now.")
                .contains("[discounted by context head: negated p=");
        assertThat(text.substring(headed.evidenceStart(), headed.evidenceEnd())).isEqualTo("Dog faeces");
    }

    @Test
    void theContextHeadReadsEachSentenceSoAnAffirmedOneStillCounts() throws Exception {
        String text = "In 2012 there were dog faeces on the floor. Today: dog faeces in the kitchen.";
        String highlighted = text.replace("dog faeces", P + "dog" + Q + " " + P + "faeces" + Q);
        Event event = Event.fromDocument(JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + "}"));

        IndicatorHit hit = new HitFactory(new NegexLiteContextResolver().withContextHead(stableHead())).hit(meta, null, event, List.of(highlighted));

        assertThat(hit.counts()).isTrue();
        assertThat(hit.context().historical()).isFalse();
        assertThat(hit.evidence()).isEqualTo("Today: dog faeces in the kitchen.");
    }

    @Test
    void aLexicalHitsOwnWordsNeverArgueForDiscountingIt() throws Exception {
        // a head for which "stable" alone would discount: the indicator's own matched word is not a reason (ADR 0039)
        String text = "Placement stable today.";
        String highlighted = text.replace("stable", P + "stable" + Q);
        Event event = Event.fromDocument(JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + "}"));

        IndicatorHit hit = new HitFactory(new NegexLiteContextResolver().withContextHead(stableHead())).hit(meta, null, event, List.of(highlighted));

        assertThat(stableHead().judge(text).qualified()).as("the whole sentence alone").isTrue();
        assertThat(hit.evidence()).doesNotContain("context head");
    }

    @Test
    void theContextHeadNeverRaisesWhatTheRulesLowered() throws Exception {
        String text = "There was no dog faeces.";
        String highlighted = text.replace("dog faeces", P + "dog" + Q + " " + P + "faeces" + Q);
        Event event = Event.fromDocument(JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + "}"));

        IndicatorHit hit = new HitFactory(new NegexLiteContextResolver().withContextHead(stableHead())).hit(meta, null, event, List.of(highlighted));

        assertThat(hit.counts()).isFalse();
        assertThat(hit.evidence()).doesNotContain("context head");
    }

    @Test
    void structuredMatchNamesTheFieldAndValueThatFired() throws Exception {
        JsonNode query = JSON.readTree("{\"bool\":{\"should\":[{\"term\":{\"codes.dash_level\":\"high\"}},{\"range\":{\"codes.dash_score\":{\"gte\":14}}}]}}");
        JsonNode event = JSON.readTree("{\"agency\":\"police\",\"codes\":{\"dash_level\":\"standard\",\"dash_score\":16},\"person_ids\":[\"m1\"],\"child_ids\":[]}");

        IndicatorHit hit = factory.hit(new IndicatorMeta("PAR02", 1, Severity.HIGH, 5, AppliesTo.HOUSEHOLD_ADULT), query, Event.fromDocument(event), List.of());

        assertThat(hit.field()).isEqualTo("codes.dash_score");
        assertThat(hit.evidence()).isEqualTo("codes.dash_score=16");
        assertThat(hit.evidenceStart()).isEqualTo(-1);
        assertThat(hit.counts()).isTrue();
        assertThat(hit.personIds()).containsExactly("m1");
    }

    @Test
    void aStoredHitReadsBackAsTheSameRecord() throws Exception {
        String text = "Previous concerns about alcohol (2019), none now. Mum was drunk today.";
        JsonNode event = JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + ",\"person_ids\":[\"m1\"]}");
        IndicatorHit hit = factory.hit(new IndicatorMeta("PAR14", 2, Severity.MEDIUM, 2.5, AppliesTo.HOUSEHOLD_ADULT), null, Event.fromDocument(event),
                List.of(text.replace("alcohol", P + "alcohol" + Q)));

        assertThat(hit.context().negated()).isTrue();
        assertThat(IndicatorHit.fromJson(hit.toJson())).isEqualTo(hit);
    }

    @Test
    void aContextHeadDiscountsASemanticMatchTheRulesWouldCountAndSaysWhy() throws Exception {
        String text = "Mum's mental health is stable at present.";
        int at = text.indexOf("mental health");
        int to = at + "mental health".length();
        var head = new org.tessera.indexer.nlp.semantic.ContextHead.Judgement("negated", 0.83, List.of("is stable", "stable"));
        var match = new org.tessera.indexer.nlp.semantic.ConceptMatch("parental_mental_health", "PAR14", 0, text.length(), at, to,
                "Mum is very low", 0.6, List.of(at, to), 0.9, head);
        JsonNode event = JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + ",\"person_ids\":[\"m1\"],\"concepts\":[\"parental_mental_health\"],"
                + "\"concept_matches\":[" + match.toJson() + "]}");
        IndicatorMeta par14 = new IndicatorMeta("PAR14", 2, Severity.MEDIUM, 2.5, AppliesTo.HOUSEHOLD_ADULT);

        IndicatorHit hit = factory.hit(par14, null, Event.fromDocument(event), List.of());

        assertThat(hit.method()).isEqualTo("semantic");
        assertThat(hit.counts()).isFalse();
        assertThat(hit.context().negated()).isTrue();
        assertThat(hit.evidence()).contains("discounted by context head: negated p=0.83 (\"is stable\", \"stable\")");

        // without the head's reading the rules alone judge it (they see nothing here), so it counts at full weight
        var plain = new org.tessera.indexer.nlp.semantic.ConceptMatch("parental_mental_health", "PAR14", 0, text.length(), at, to,
                "Mum is very low", 0.6, List.of(at, to), 0.9, null);
        JsonNode without = JSON.readTree("{\"text\":" + JSON.writeValueAsString(text) + ",\"person_ids\":[\"m1\"],\"concepts\":[\"parental_mental_health\"],"
                + "\"concept_matches\":[" + plain.toJson() + "]}");
        IndicatorHit counted = factory.hit(par14, null, Event.fromDocument(without), List.of());
        assertThat(counted.counts()).isTrue();
        assertThat(counted.context().negated()).isFalse();
        assertThat(counted.evidence()).doesNotContain("context head");
    }

    @Test
    void aContextHeadsHistoricalReadingCountsAtTheReducedWeight() {
        EvidenceContext context = HitFactory.qualified(EvidenceContext.AFFIRMED, "historical");
        assertThat(context.counts()).isTrue();
        assertThat(context.historical()).isTrue();
        assertThat(HitFactory.qualified(EvidenceContext.AFFIRMED, "hypothetical").counts()).isFalse();
    }
}

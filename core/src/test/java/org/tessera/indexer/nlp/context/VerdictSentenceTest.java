package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;

/** A short verdict sentence after a finding, naming no concept of its own, qualifies the finding (ADR 0060). */
class VerdictSentenceTest {

    private static final ContextAnalyzer ANALYZER = new ContextAnalyzer(
            new OpenNlpSentenceSplitter(new OpenNlpModels()), TriggerCatalogue.standard(), 2026);

    private static MentionContext of(String text, String target) {
        int at = text.indexOf(target);
        assertThat(at).isGreaterThanOrEqualTo(0);
        return ANALYZER.contextOf(text, at, at + target.length());
    }

    @Test
    void aVerdictWithoutAConceptOfItsOwnQualifiesTheFindingBeforeIt() {
        MentionContext nil = of("Bruise to cheek noted at drop-off. Nil concerns.", "Bruise");
        assertThat(nil.negated()).isTrue();
        assertThat(nil.triggers()).contains("next sentence: verdict: Nil");
        assertThat(of("Low mood queried by school. No disorder identified.", "Low mood").negated()).isTrue();
        assertThat(of("She has an older friend who buys her things. Could be innocent.", "older friend").uncertain()).isTrue();
        assertThat(of("Dad says she has been excluded, school say reduced timetable. Not clear which.", "excluded").uncertain())
                .isTrue();
        assertThat(of("Mum very drowsy on two visits. Unclear; monitoring.", "drowsy").uncertain()).isTrue();
        assertThat(of("Referral said the home was dirty. Not substantiated.", "dirty").negated()).isTrue();
    }

    @Test
    void aVerdictMayNameTheConcernBeforeAHeadOrAfterALink() {
        assertThat(of("Seen with an older man, confirmed as her uncle. No CSE concerns.", "older man").negated()).isTrue();
        assertThat(of("Drinks 2-3 units at weekends only. No concerns re alcohol.", "Drinks").negated()).isTrue();
        assertThat(of("M. said daddy hurts mummy, he trapped her finger in the door. Nothing to suggest DA.", "hurts mummy")
                .negated()).isTrue();
        assertThat(of("Lighter and rolling papers in her coat. Unclear whether she's using.", "rolling papers").uncertain())
                .isTrue();
    }

    @Test
    void aShortNegativeWithAConceptOfItsOwnIsAFindingNotAVerdict() {
        assertThat(of("Dad hit mum in the kitchen. No injuries.", "hit mum").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Bruising to both arms. Not reported to police.", "Bruising").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Mum drinking daily. No food in the house.", "drinking").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Mum drinking daily. Not missing.", "drinking").label()).isEqualTo(ContextLabel.AFFIRMED);
        // an account missing, or a family unknown to services, is a finding too
        assertThat(of("Healing rib fractures of differing ages. No history of trauma provided.", "rib fractures").label())
                .isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Hears her late mother's voice through the radio. Not known to any MH team.", "voice").label())
                .isEqualTo(ContextLabel.AFFIRMED);
    }

    @Test
    void aVerdictOnSomethingElseOrSomeoneElseOrWithAContrastQualifiesNothing() {
        assertThat(of("Dad hit mum. No other concerns.", "hit mum").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Dad hit mum. Nothing else of note.", "hit mum").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Dad hit mum. No concerns re the children.", "hit mum").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Mum drinking daily. No concerns, but she has lost weight.", "drinking").label())
                .isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Dad hit mum.\n\nNo concerns.", "hit mum").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Dad hit mum. Dad drinks. No concerns.", "hit mum").label()).isEqualTo(ContextLabel.AFFIRMED);
    }

    private static MentionContext withHitWords(String text, String target, String... hitWords) {
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        for (String w : hitWords) {
            for (int at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
                spans.add(new int[] {at, at + w.length()});
            }
        }
        int at = text.indexOf(target);
        return ANALYZER.contextOf(text, at, at + target.length(), spans);
    }

    @Test
    void aVerdictNamingTheHitsOwnWordsReachesBackOverItsParagraph() {
        String missing = "Reported missing by mother at 23:00. Found at her grandmother's by prior arrangement. Not missing.";
        MentionContext c = withHitWords(missing, "missing", "missing");
        assertThat(c.negated()).isTrue();
        assertThat(c.triggers()).contains("verdict naming the finding: Not");
        String dental = "Referred by school over dental neglect. Examined: two small fillings. No evidence of dental neglect.";
        assertThat(withHitWords(dental, "dental neglect", "dental neglect").negated()).isTrue();
        // without the hit's words the bare verdict two sentences on is not read
        assertThat(of(missing, "missing").negated()).isFalse();
    }

    @Test
    void aVerdictNamingTheHitsWordsAndSomethingElseOrNegatedByTheHitsOwnPhraseJudgesNothing() {
        assertThat(withHitWords("Bruising to left arm. No bruising to her face.", "Bruising", "Bruising", "bruising").label())
                .isEqualTo(ContextLabel.AFFIRMED);
        assertThat(withHitWords("No food in the house at all. No food.", "No food in the house", "No food").label())
                .isEqualTo(ContextLabel.AFFIRMED); // "no food" is the finding itself: its negator is the hit's own phrase
        assertThat(withHitWords("Reported missing at 23:00.\n\nNot missing.", "missing", "missing").label())
                .isEqualTo(ContextLabel.AFFIRMED);
        assertThat(withHitWords("Reported missing at 23:00. Police informed. Missing again today. Not missing.", "missing", "missing",
                "Missing").label()).isEqualTo(ContextLabel.AFFIRMED);
    }

    @Test
    void verdictRowsAreCheckedAtLoad() {
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "no concerns\tword\tbackward\tverdict\n"))
                .hasMessageContaining("custom.tsv line 1").hasMessageContaining("one word");
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "concerns\thead\tbackward\tclause\n"))
                .hasMessageContaining("custom.tsv line 1").hasMessageContaining("reach verdict");
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "nil\tnegated\tforward\tverdict\n"))
                .hasMessageContaining("custom.tsv line 1").hasMessageContaining("backward");
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "should\thypothetical\tbackward\tverdict\n"))
                .hasMessageContaining("custom.tsv line 1").hasMessageContaining("hypothetical");
    }
}

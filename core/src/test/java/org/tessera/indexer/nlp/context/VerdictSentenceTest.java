package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A short verdict sentence after a finding, naming no concept of its own, qualifies the finding (ADR 0060). */
class VerdictSentenceTest {

    private static MentionContext of(String text, String target) {
        return ContextAnalyzerTest.of(text, target);
    }

    private static void assertAffirmed(String text, String target) {
        assertThat(of(text, target).label()).as(text).isEqualTo(ContextLabel.AFFIRMED);
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
        assertAffirmed("Dad hit mum in the kitchen. No injuries.", "hit mum");
        assertAffirmed("Bruising to both arms. Not reported to police.", "Bruising");
        assertAffirmed("Mum drinking daily. No food in the house.", "drinking");
        assertAffirmed("Mum drinking daily. Not missing.", "drinking");
        // an account missing, or a family unknown to services, is a finding too
        assertAffirmed("Healing rib fractures of differing ages. No history of trauma provided.", "rib fractures");
        assertAffirmed("Hears her late mother's voice through the radio. Not known to any MH team.", "voice");
    }

    @Test
    void aVerdictOnSomethingElseOrSomeoneElseOrWithAContrastQualifiesNothing() {
        assertAffirmed("Dad hit mum. No other concerns.", "hit mum");
        assertAffirmed("Dad hit mum. Nothing else of note.", "hit mum");
        assertAffirmed("Dad hit mum. No concerns re the children.", "hit mum");
        assertAffirmed("Mum drinking daily. No concerns, but she has lost weight.", "drinking");
        assertAffirmed("Dad hit mum.\n\nNo concerns.", "hit mum");
        assertAffirmed("Dad hit mum. Dad drinks. No concerns.", "hit mum");
    }

    private static MentionContext withHitWords(String text, String target, String... hitWords) {
        java.util.List<int[]> spans = new java.util.ArrayList<>();
        for (String w : hitWords) {
            for (int at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
                spans.add(new int[] {at, at + w.length()});
            }
        }
        int at = text.indexOf(target);
        return ContextAnalyzerTest.ANALYZER.contextOf(text, at, at + target.length(), spans);
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
        String[][] rejected = {
            {"no concerns\tword\tbackward\tverdict", "one word"},
            {"concerns\thead\tbackward\tclause", "reach verdict"},
            {"nil\tnegated\tforward\tverdict", "backward"},
            {"should\thypothetical\tbackward\tverdict", "hypothetical"},
            {"other\tpseudo\tbackward\tverdict\nother\tword\tbackward\tverdict", "different kinds"},
        };
        for (String[] row : rejected) {
            assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", row[0] + "\n")).as(row[0]).hasMessageContaining(row[1]);
        }
    }
}

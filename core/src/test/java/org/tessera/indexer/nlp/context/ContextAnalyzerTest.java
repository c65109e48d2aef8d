package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;

class ContextAnalyzerTest {

    /** The standard analyser judging history against 2026 (shared by the tests of this package). */
    static final ContextAnalyzer ANALYZER = new ContextAnalyzer(
            new OpenNlpSentenceSplitter(new OpenNlpModels()), TriggerCatalogue.standard(), 2026);

    /** The context of the first occurrence of {@code target} in {@code text}. */
    static MentionContext of(String text, String target) {
        int at = text.indexOf(target);
        assertThat(at).isGreaterThanOrEqualTo(0);
        return ANALYZER.contextOf(text, at, at + target.length());
    }

    @Test
    void negationCoversEveryItemOfAList() {
        String text = "No bruising, burns or marks were seen.";
        assertThat(of(text, "bruising").negated()).isTrue();
        assertThat(of(text, "burns").negated()).isTrue();
        assertThat(of(text, "marks").negated()).isTrue();
    }

    @Test
    void butEndsTheScopeOfADenial() {
        String text = "Dad denies drinking but admits using cannabis.";
        assertThat(of(text, "drinking").label()).isEqualTo(ContextLabel.NEGATED);
        assertThat(of(text, "cannabis").label()).isEqualTo(ContextLabel.AFFIRMED);
    }

    @Test
    void aCommaFollowedByANewClauseEndsTheScope() {
        String text = "Mum denies any domestic abuse, she says dad drinks every night.";
        assertThat(of(text, "domestic abuse").negated()).isTrue();
        assertThat(of(text, "drinks").negated()).isFalse();
    }

    @Test
    void pseudoTriggersAndDoubleNegativesDoNotNegate() {
        assertThat(of("Not only was the flat dirty, it had no heating.", "dirty").negated()).isFalse();
        assertThat(of("There has been no increase in bruising.", "bruising").negated()).isFalse();
        assertThat(of("Dad did not deny hitting mum.", "hitting").negated()).isFalse();
        MentionContext rule = of("We cannot rule out non-accidental injury.", "non-accidental injury");
        assertThat(rule.negated()).isFalse();
        assertThat(rule.uncertain()).isTrue();
    }

    @Test
    void noLongerIsNegatedAndHistorical() {
        MentionContext c = of("Mum no longer uses heroin.", "heroin");
        assertThat(c.negated()).isTrue();
        assertThat(c.historical()).isTrue();
        assertThat(c.countsByDefault()).isFalse();
    }

    @Test
    void conditionalsAndQuestionsAreHypothetical() {
        assertThat(of("If the father returns, mum will call police.", "father returns").label())
                .isEqualTo(ContextLabel.HYPOTHETICAL);
        assertThat(of("Should dad breach his bail, police will attend.", "breach").label())
                .isEqualTo(ContextLabel.HYPOTHETICAL);
        assertThat(of("Did the children witness the argument?", "argument").label())
                .isEqualTo(ContextLabel.HYPOTHETICAL);
        assertThat(of("Mum should attend the parenting course.", "parenting course").label())
                .isEqualTo(ContextLabel.AFFIRMED);
    }

    @Test
    void uncertaintyMarkersIncludingAQuestionMarkBeforeAWord() {
        assertThat(of("Bruise to cheek, ?NAI.", "NAI").label()).isEqualTo(ContextLabel.UNCERTAIN);
        assertThat(of("It is alleged that dad slapped her.", "slapped").label()).isEqualTo(ContextLabel.UNCERTAIN);
        assertThat(of("Possible cigarette burn to hand.", "cigarette burn").countsByDefault()).isTrue();
    }

    @Test
    void pastYearsMarkHistoryOnlyBeforeTheReferenceYear() {
        assertThat(of("Dad was arrested in 2012 for burglary.", "arrested").label()).isEqualTo(ContextLabel.HISTORICAL);
        assertThat(of("Dad was arrested in 2026 for burglary.", "arrested").label()).isEqualTo(ContextLabel.AFFIRMED);
        assertThat(of("Previous concerns about alcohol (2019), none now.", "alcohol").negated()).isTrue();
    }

    @Test
    void theReferenceYearCanFollowTheNote() {
        String text = "Dad was arrested in 2019 for assault.";
        int at = text.indexOf("arrested");
        assertThat(ANALYZER.contextOf(text, at, at + 8).historical()).isTrue();
        assertThat(ANALYZER.withReferenceYear(2019).contextOf(text, at, at + 8).historical()).isFalse();
    }

    @Test
    void aTriggerInsideTheTargetPhraseDoesNotNegateIt() {
        assertThat(of("Officers found no food in the house.", "no food in the house").countsByDefault()).isTrue();
        assertThat(of("Olivia was not brought to clinic.", "not brought").countsByDefault()).isTrue();
    }

    @Test
    void experiencerComesFromTheNearestPersonWordInTheClause() {
        assertThat(of("Mum's partner has a history of violence.", "violence").experiencer()).isEqualTo(Experiencer.OTHER);
        assertThat(of("Mum reports low mood.", "low mood").experiencer()).isEqualTo(Experiencer.PARENT);
        assertThat(of("The child has a bruise.", "bruise").experiencer()).isEqualTo(Experiencer.CHILD);
        assertThat(of("Bruise seen on arm.", "Bruise").experiencer()).isEqualTo(Experiencer.UNSTATED);
    }

    @Test
    void analyzeReturnsTheModifiedRangesWithOffsetsIntoTheText() {
        String text = "Home visit completed. No signs of neglect. Dad was drunk.";
        List<ContextSpan> spans = ANALYZER.analyze(text);
        assertThat(spans).hasSize(1);
        ContextSpan s = spans.getFirst();
        assertThat(text.substring(s.start(), s.end())).isEqualTo("neglect");
        assertThat(s.negated()).isTrue();
        assertThat(s.hypothetical()).isFalse();
    }

    @Test
    void contextOfUsesTheSentenceThatHoldsTheRange() {
        String text = "Dad was drunk. Mum was not drunk.";
        int second = text.lastIndexOf("drunk");
        assertThat(ANALYZER.contextOf(text, text.indexOf("drunk"), text.indexOf("drunk") + 5).negated()).isFalse();
        assertThat(ANALYZER.contextOf(text, second, second + 5).negated()).isTrue();
        assertThatThrownBy(() -> ANALYZER.contextOf(text, 5, 500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedTriggerLineFailsWithItsLineNumber() {
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "# header\nno\tnegated\tforward\n"))
                .hasMessageContaining("custom.tsv line 2");
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "no\tsideways\tforward\tclause\n"))
                .hasMessageContaining("custom.tsv line 1");
    }

    @Test
    void triggersReadAcrossSentencesAreCheckedAtLoad() {
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "unfounded\tnegated\tforward\tprevious\n"))
                .hasMessageContaining("custom.tsv line 1").hasMessageContaining("backward");
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "# h\nhistoric\thistorical\tbackward\theading\n"))
                .hasMessageContaining("custom.tsv line 2").hasMessageContaining("forward");
        assertThatThrownBy(() -> TriggerCatalogue.parse("custom.tsv", "but\tterminate\tforward\theading\n"))
                .hasMessageContaining("custom.tsv line 1").hasMessageContaining("terminator");
    }

    @Test
    void aPreviousTriggerQualifiesOnlyTheSentenceBeforeIt() {
        ContextAnalyzer analyzer = new ContextAnalyzer(new OpenNlpSentenceSplitter(new OpenNlpModels()),
                TriggerCatalogue.parse("custom.tsv", "unfounded\tnegated\tbackward\tprevious\n"), 2026);
        String inside = "Report of neglect, unfounded.";
        String after = "Report of neglect. Unfounded.";
        String twoOn = "Report of neglect. Dad drinks. Unfounded.";
        assertThat(analyzer.contextOf(inside, inside.indexOf("neglect"), inside.indexOf("neglect") + 7).negated()).isFalse();
        MentionContext context = analyzer.contextOf(after, after.indexOf("neglect"), after.indexOf("neglect") + 7);
        assertThat(context.negated()).isTrue();
        assertThat(context.triggers()).containsExactly("next sentence: Unfounded");
        assertThat(analyzer.contextOf(twoOn, twoOn.indexOf("neglect"), twoOn.indexOf("neglect") + 7).negated()).isFalse();
        assertThat(analyzer.contextOf(twoOn, twoOn.indexOf("drinks"), twoOn.indexOf("drinks") + 6).negated()).isTrue();
    }
}

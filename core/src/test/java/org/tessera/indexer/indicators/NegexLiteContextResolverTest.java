package org.tessera.indexer.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NegexLiteContextResolverTest {

    private final NegexLiteContextResolver resolver = new NegexLiteContextResolver();

    private EvidenceContext contextOf(String text, String term) {
        int start = text.indexOf(term);
        return resolver.resolve(text, start, start + term.length());
    }

    @Test
    void negationCueBeforeTheTermInTheSameSentenceNegatesAndDoesNotCount() {
        EvidenceContext context = contextOf("Visited today. There were no signs of neglect in the home.", "neglect");

        assertThat(context.negated()).isTrue();
        assertThat(context.counts()).isFalse();
        assertThat(context.labels()).contains("negated");
    }

    @Test
    void negationInAnEarlierSentenceDoesNotReachTheTerm() {
        assertThat(contextOf("No concerns at school. Mum was drunk at collection.", "drunk").negated()).isFalse();
    }

    @Test
    void butEndsTheNegationScope() {
        assertThat(contextOf("Dad denies drinking but smelt of alcohol.", "smelt of alcohol").negated()).isFalse();
    }

    @Test
    void negationFarBeforeTheTermIsOutOfTheWindow() {
        assertThat(contextOf("No one answered the door when we called round and the children were home alone.", "home alone").negated()).isFalse();
    }

    @Test
    void conditionalMentionIsHypotheticalAndDoesNotCount() {
        EvidenceContext context = contextOf("If the father should return to the home, the children would be at risk.", "father should return");

        assertThat(context.hypothetical()).isTrue();
        assertThat(context.counts()).isFalse();
    }

    @Test
    void historicalAndUncertainMentionsStillCount() {
        EvidenceContext historical = contextOf("Previous concerns about alcohol in 2019.", "alcohol");
        EvidenceContext uncertain = contextOf("Possible bruise on the cheek.", "bruise");

        assertThat(historical.historical()).isTrue();
        assertThat(historical.counts()).isTrue();
        assertThat(uncertain.uncertain()).isTrue();
        assertThat(uncertain.counts()).isTrue();
    }

    @Test
    void plainStatementIsAffirmed() {
        EvidenceContext context = contextOf("Mum was drunk when officers arrived.", "drunk");

        assertThat(context).isEqualTo(EvidenceContext.AFFIRMED);
        assertThat(context.labels()).containsExactly("affirmed");
    }

    @Test
    void aNegationCueShortlyAfterTheTermNegatesIt() {
        EvidenceContext context = contextOf("Previous concerns about alcohol (2019), none now.", "alcohol");

        assertThat(context.negated()).isTrue();
        assertThat(context.historical()).isTrue();
        assertThat(context.counts()).isFalse();
        assertThat(contextOf("Allegation of hitting the child was unfounded after the strategy discussion.", "hitting the child").negated()).isTrue();
        assertThat(contextOf("Mum was drunk. Dad said the bruise was seen by the GP.", "drunk").negated()).isFalse();
    }
}

package org.tessera.indexer.nlp.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;

/**
 * The qualifiers added for the semantic stage (issue #20): a record that ends by saying the concern is
 * unconfirmed, resolved or only advice must not count at full weight, and the same words in an
 * affirmed record must still count. Sentences written for this test, not taken from the corpus.
 */
class OutcomeAndResolutionTriggersTest {

    private static final ContextAnalyzer ANALYZER = new ContextAnalyzer(
            new OpenNlpSentenceSplitter(new OpenNlpModels()), TriggerCatalogue.standard(), 2026);

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "Neighbour says the boy is left alone at night; unconfirmed.|left alone|UNCERTAIN",
            "Smell of cannabis in the hallway; staff not certain it came from the flat.|cannabis|UNCERTAIN",
            "DBS checks on the new partner are still outstanding, so any convictions are not yet known.|convictions|UNCERTAIN",
            "Dad was depressed after the redundancy; he has been well since.|depressed|NEGATED",
            "Mum used amphetamine as a teenager but stopped years ago.|amphetamine|HISTORICAL",
            "Mum was in a refuge when the girls were small; when they were small it was hard.|refuge|HISTORICAL",
            "Low mood during lockdown, which has lifted.|Low mood|HISTORICAL",
            "Attended the anger management course to successful completion.|anger|NEGATED",
            "Young carer assessment done: no caring role identified.|Young carer|NEGATED",
            "Reminded mum that the booster immunisations are due next month.|immunisations|HYPOTHETICAL",
            "Advised about safe sleeping and the risk of co-sleeping after drinking.|co-sleeping|HYPOTHETICAL",
            "Told the family what to do if the ex-partner comes to the house.|ex-partner|HYPOTHETICAL",
            "Mum smelt of alcohol at the 9am visit and was slurring.|alcohol|AFFIRMED",
            "He has been cutting his arms again this week.|cutting|AFFIRMED",
    })
    void labels(String text, String target, ContextLabel expected) {
        int at = text.indexOf(target);
        assertThat(at).isGreaterThanOrEqualTo(0);
        assertThat(ANALYZER.contextOf(text, at, at + target.length()).label()).isEqualTo(expected);
    }
}

package org.tessera.indexer.nlp;

import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.analysis.TextAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;

/**
 * Long unbroken words and long texts are analysed within the limits, each limit reached a
 * warning. (How long it takes is measured by the benchmark in docs/performance.md, not asserted.)
 */
class TextLimitsTest {

    private static final OpenNlpModels MODELS = new OpenNlpModels();

    @Test
    void aWordLongerThanTheTokenLimitIsOneTokenAndSaidSo() {
        CaseNotePipeline pipeline = new CaseNotePipeline(MODELS, TextLimits.defaults());
        String blob = "a.".repeat(100_000);
        TextAnalysis analysis = pipeline.analyze("Mum denies any domestic abuse. " + blob + " Kayleigh was seen at school.");

        assertThat(analysis.sentences()).anySatisfy(s -> assertThat(s.text()).isEqualTo(blob));
        assertThat(analysis.sentences()).anySatisfy(s -> assertThat(s.text()).isEqualTo("Kayleigh was seen at school."));
        assertThat(analysis.warnings()).singleElement().asString()
                .isEqualTo("1 word(s) longer than 100 characters (tessera.text.max-token-chars; the longest 200,000) kept whole, one token each");
    }

    @Test
    void onlyTheFirstCharactersUpToTheLimitAreAnalysedAndSaid() {
        CaseNotePipeline pipeline = new CaseNotePipeline(MODELS, new TextLimits(100, 40, Duration.ofSeconds(30)));
        TextAnalysis analysis = pipeline.analyze("Mum denies any domestic abuse today. Kayleigh was seen at school by Mrs Patel.");

        assertThat(analysis.sentences()).allSatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(40));
        assertThat(analysis.warnings()).singleElement().asString().startsWith("text analysis covered the first 40 of 78 characters");
    }

    @Test
    void analysisStopsWhenItsTimeIsUpAndSaysWhere() {
        CaseNotePipeline pipeline = new CaseNotePipeline(MODELS, new TextLimits(100, 1_000_000, Duration.ofNanos(1)));
        TextAnalysis analysis = pipeline.analyze("Mum denies any domestic abuse. Kayleigh was seen at school.");

        assertThat(analysis.sentences()).isEmpty();
        assertThat(analysis.warnings()).singleElement().asString().startsWith("text analysis stopped after 0 s");
    }

    @Test
    void ordinaryNotesCarryNoWarnings() {
        CaseNotePipeline pipeline = new CaseNotePipeline(MODELS, TextLimits.defaults());
        assertThat(pipeline.analyze("Mum denies any domestic abuse. Kayleigh was seen at school.").warnings()).isEmpty();
    }
}

package org.tessera.indexer.nlp;

import org.tessera.indexer.nlp.analysis.CaseNotePipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.HighlightLocator.Span;
import org.tessera.indexer.nlp.context.ContextLabel;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;

class HighlightLocatorTest {

    private final HighlightLocator locator = new HighlightLocator();

    @Test
    void mapsHighlightedWordsBackToTheTextAndMergesAdjacentOnes() {
        String text = "Home visit.  Mum denies any Domestic\nAbuse in the home. Dad was drunk.";
        List<Span> spans = locator.locate(text, "Mum denies any <em>domestic</em> <em>abuse</em> in the home.");
        assertThat(spans).hasSize(1);
        assertThat(text.substring(spans.getFirst().start(), spans.getFirst().end())).isEqualTo("Domestic\nAbuse");
    }

    @Test
    void keepsSeparateHighlightsApart() {
        String text = "Dad was drunk and shouting; mum was drunk too.";
        List<Span> spans = locator.locate(text, "Dad was <em>drunk</em> and shouting; mum was <em>drunk</em> too.");
        assertThat(spans).extracting(s -> text.substring(s.start(), s.end())).containsExactly("drunk", "drunk");
        assertThat(spans.get(1).start()).isEqualTo(text.lastIndexOf("drunk"));
    }

    @Test
    void aFragmentNotInTheTextLocatesNothing() {
        assertThat(locator.locate("Mum was seen.", "Dad was <em>drunk</em>.")).isEmpty();
    }

    @Test
    void aLocatedHighlightGivesTheContextOfTheHit() {
        CaseNotePipeline pipeline = new CaseNotePipeline(new OpenNlpModels(), 2026);
        String text = "Referral received. Mum denies any domestic abuse, but dad admits drinking.";
        Span s = locator.locate(text, "Mum denies any <em>domestic abuse</em>, but").getFirst();
        assertThat(pipeline.contextOf(text, s.start(), s.end()).label()).isEqualTo(ContextLabel.NEGATED);
        Span d = locator.locate(text, "dad admits <em>drinking</em>.").getFirst();
        assertThat(pipeline.contextOf(text, d.start(), d.end()).label()).isEqualTo(ContextLabel.AFFIRMED);
    }
}

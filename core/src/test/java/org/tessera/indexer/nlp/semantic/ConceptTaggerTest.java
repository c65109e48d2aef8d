package org.tessera.indexer.nlp.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With the real quantised model: what the stage tags, where it anchors, and how it is stored. */
class ConceptTaggerTest {

    private static final ConceptTagger TAGGER = ConceptTagger.loadDefault();

    @Test
    void aParaphraseNoPhraseListHoldsIsTaggedAndAnchoredOnItsCueWord() {
        String text = "Visit at 9.15am. Strong smell of drink on mum and she was unsteady on her feet while holding the baby.";
        List<ConceptMatch> matches = TAGGER.tag(text);
        assertThat(matches).extracting(ConceptMatch::concept).contains("parental_alcohol");
        ConceptMatch match = matches.stream().filter(m -> m.concept().equals("parental_alcohol")).findFirst().orElseThrow();
        assertThat(text.substring(match.start(), match.end())).startsWith("Strong smell");
        assertThat(text.substring(match.anchorStart(), match.anchorEnd())).isEqualTo("smell");
        assertThat(match.explanation()).startsWith("semantic: nearest exemplar");
    }

    @Test
    void ordinaryNotesAreNotTagged() {
        assertThat(TAGGER.tag("Home visit completed. The children were well presented and the house was warm and tidy.")).isEmpty();
        assertThat(TAGGER.tag("Mum phoned to change the date of the review meeting.")).isEmpty();
    }

    @Test
    void sentencesWithoutACueAreNeverEmbedded() {
        assertThat(TAGGER.candidates("Lovely sunny weather in the garden.")).isEmpty();
    }

    @Test
    void matchesRoundTripThroughTheEvent() {
        String text = "She has been cutting her arms with a blade and hiding it under long sleeves.";
        List<ConceptMatch> matches = TAGGER.tag(text);
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        ConceptTagger.attach(event, matches);
        assertThat(event.path("concepts").toString()).contains("self_harm");
        assertThat(ConceptTagger.matchesFor(event, "EMO02")).hasSize(1);
        assertThat(ConceptTagger.matchesFor(event, "EMO02").getFirst().exemplar())
                .isEqualTo(matches.stream().filter(m -> m.indicator().equals("EMO02")).findFirst().orElseThrow().exemplar());
    }
}

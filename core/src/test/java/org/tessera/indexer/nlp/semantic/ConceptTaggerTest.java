package org.tessera.indexer.nlp.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With the real quantised model and the shipped classifier: what the stage tags, where it anchors, and how it is stored. */
class ConceptTaggerTest {

    private static final ConceptTagger TAGGER = ConceptTagger.loadDefault();
    /** ADR 0014's rule, used when no classifier file is shipped. */
    private static final ConceptTagger EXEMPLARS = new ConceptTagger(TAGGER.catalogue(),
            new MiniLmSentenceEncoder(TAGGER.catalogue().variant()));

    @Test
    void theShippedStageIsDecidedByTheTrainedClassifier() {
        assertThat(TAGGER.classifier()).isNotNull();
        assertThat(EXEMPLARS.classifier()).isNull();
    }

    @Test
    void aParaphraseNoPhraseListHoldsIsTaggedAndAnchoredOnItsCueWord() {
        String text = "Visit at 9.15am. Strong smell of drink on mum and she was unsteady on her feet while holding the baby.";
        List<ConceptMatch> matches = TAGGER.tag(text);
        assertThat(matches).extracting(ConceptMatch::concept).contains("parental_alcohol");
        ConceptMatch match = matches.stream().filter(m -> m.concept().equals("parental_alcohol")).findFirst().orElseThrow();
        assertThat(text.substring(match.start(), match.end())).startsWith("Strong smell");
        assertThat(text.substring(match.anchorStart(), match.anchorEnd())).isEqualTo("smell");
        assertThat(match.explanation()).startsWith("semantic: classifier p=").contains("nearest exemplar (cosine");
        assertThat(match.probability()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void theExemplarRuleStillTagsWithoutAClassifier() {
        String text = "Visit at 9.15am. Strong smell of drink on mum and she was unsteady on her feet while holding the baby.";
        assertThat(EXEMPLARS.tag(text)).extracting(ConceptMatch::concept).contains("parental_alcohol");
        assertThat(EXEMPLARS.tag(text).getFirst().explanation()).startsWith("semantic: nearest exemplar");
    }

    @Test
    void aMatchWithoutACueWordIsJudgedAtTheSentencesWords() {
        Concept alcohol = TAGGER.catalogue().concepts().stream().filter(c -> c.id().equals("parental_alcohol")).findFirst().orElseThrow();
        String text = "Nothing to suggest mum was under the influence at any point.";
        List<Integer> anchors = ConceptTagger.contextAnchors(text, 0, text.length(), alcohol);
        assertThat(anchors).hasSizeGreaterThan(4);
        assertThat(text.substring(anchors.get(0), anchors.get(1))).isEqualTo("Nothing");
        String cued = "Mum denies drinking.";
        List<Integer> cue = ConceptTagger.contextAnchors(cued, 0, cued.length(), alcohol);
        assertThat(cued.substring(cue.get(0), cue.get(1))).isEqualTo("drinking");
    }

    @Test
    void ordinaryNotesAreNotTagged() {
        assertThat(TAGGER.tag("Home visit completed. The children were well presented and the house was warm and tidy.")).isEmpty();
        assertThat(TAGGER.tag("Mum phoned to change the date of the review meeting.")).isEmpty();
    }

    @Test
    void withTheExemplarRuleSentencesWithoutACueAreNeverEmbedded() {
        assertThat(EXEMPLARS.candidates("Lovely sunny weather in the garden.")).isEmpty();
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

    @Test
    void withTheGateAnchorsASentenceWithoutAnAnchorIsNeverEmbeddedAndAHeadJudgesOnlyItsOwn() {
        ConceptCatalogue catalogue = TAGGER.catalogue();
        float[] weights = new float[ConcernClassifier.DIMENSIONS];
        // both heads say yes to every vector (bias 5): only the anchors decide
        ConcernClassifier anchored = new ConcernClassifier(catalogue.model(), "anchors", TAGGER.classifier().provenance(), List.of(
                new ConcernClassifier.Head("neglect", 5, weights, 0.5, java.util.Set.of("mould")),
                new ConcernClassifier.Head("self_harm", 5, weights, 0.5, java.util.Set.of("cutti"))));
        ConceptTagger tagger = new ConceptTagger(catalogue, new MiniLmSentenceEncoder(catalogue.variant()), anchored);

        List<ConceptMatch> matches = tagger.tag("Lovely sunny weather in the garden. The bedroom walls were black with mould.");

        assertThat(matches).extracting(ConceptMatch::concept).containsExactly("neglect");
        assertThat(tagger.embeddedSentences()).isEqualTo(1);
    }

    @Test
    void wordHeadsTagWithoutEmbeddingAndNameTheWordsThatDecided() {
        ConceptCatalogue catalogue = TAGGER.catalogue();
        ConcernClassifier words = new ConcernClassifier(WordFeatures.MODEL, "all", TAGGER.classifier().provenance(), List.of(
                ConcernClassifier.Head.ofWords("self_harm", -2, java.util.Map.of("cutti", 3f, "self-", 2.5f, "from fall", -4f), 0.5,
                        java.util.Set.of())), ConcernClassifier.WORDS);
        ConceptTagger tagger = new ConceptTagger(catalogue, new MiniLmSentenceEncoder(catalogue.variant()), words);

        String text = "Seen in A&E. Cut to forehead from fall, cutting the skin. She has been cutting her arms and hiding it.";
        List<ConceptMatch> matches = tagger.tag(text);

        assertThat(matches).extracting(ConceptMatch::concept).containsExactly("self_harm");
        ConceptMatch match = matches.getFirst();
        assertThat(text.substring(match.start(), match.end())).startsWith("She has been cutting");
        assertThat(match.words()).containsExactly("cutting");
        assertThat(match.explanation()).isEqualTo("semantic: word classifier p=0.73 (\"cutting\")");
        assertThat(tagger.embeddedSentences()).isZero();
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        ConceptTagger.attach(event, matches);
        ConceptMatch back = ConceptTagger.matchesFor(event, "EMO02").getFirst();
        assertThat(back.words()).containsExactly("cutting");
        assertThat(back.explanation()).isEqualTo(match.explanation());
        assertThat(event.path("concept_matches").get(0).has("similarity")).isFalse();
    }
}

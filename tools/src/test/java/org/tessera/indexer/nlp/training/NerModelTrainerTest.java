package org.tessera.indexer.nlp.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import opennlp.tools.namefind.NameSample;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;
import org.tessera.indexer.nlp.opennlp.OpenNlpTokenizer;

class NerModelTrainerTest {

    private static final OpenNlpModels MODELS = new OpenNlpModels();
    private final NerModelTrainer trainer =
            new NerModelTrainer(new OpenNlpSentenceSplitter(MODELS), new OpenNlpTokenizer(MODELS));

    @Test
    void goldSpansBecomeTokenSpansOfTheModelTypesOnly() {
        String text = "Dad, Wayne Smith, lives at 4 Elm Road, Stroud GL5 3AB. Visit on 12/03/2024.";
        AnnotatedNote note = new AnnotatedNote(text, List.of(
                EntityMention.of(EntityType.PERSON, text, 5, 16),
                EntityMention.of(EntityType.LOCATION, text, 27, 45),
                EntityMention.of(EntityType.POSTCODE, text, 46, 53),
                EntityMention.of(EntityType.DATE, text, 64, 74)));
        List<NameSample> samples = trainer.samples(note);
        assertThat(samples).hasSize(2);
        NameSample first = samples.getFirst();
        assertThat(first.isClearAdaptiveDataSet()).isTrue();
        assertThat(first.getNames()).extracting(s -> s.getType()).containsExactly("person", "location");
        String[] words = first.getSentence();
        assertThat(String.join(" ", java.util.Arrays.copyOfRange(words,
                first.getNames()[0].getStart(), first.getNames()[0].getEnd()))).isEqualTo("Wayne Smith");
        assertThat(samples.get(1).getNames()).isEmpty();
    }

    @Test
    void aSmallTrainingRunLearnsToFindPeopleInHeldOutNotes() throws Exception {
        NerModelTrainer.Result r = trainer.train(new NerModelTrainer.Settings(400, 100, 3, 40, 1));
        EntityScore person = r.heldOut().score(EntityType.PERSON);
        System.out.println("small run, held-out PERSON: " + person);
        assertThat(person.support()).isGreaterThan(200);
        assertThat(person.f1()).isGreaterThan(0.6);
        assertThat(r.inFamily().score(EntityType.PERSON).f1()).isGreaterThan(person.f1());
    }
}

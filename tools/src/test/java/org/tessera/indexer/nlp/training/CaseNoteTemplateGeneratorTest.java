package org.tessera.indexer.nlp.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

class CaseNoteTemplateGeneratorTest {

    @Test
    void theSameSeedGivesTheSameNotes() {
        assertThat(new CaseNoteTemplateGenerator(TemplateFamily.TRAINING, 5).notes(20))
                .isEqualTo(new CaseNoteTemplateGenerator(TemplateFamily.TRAINING, 5).notes(20));
    }

    @Test
    void goldSpansCutExactlyTheirTextAndCoverEveryType() {
        Set<EntityType> seen = new HashSet<>();
        for (AnnotatedNote n : new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, 9).notes(300)) {
            for (EntityMention e : n.entities()) {
                assertThat(n.text().substring(e.start(), e.end())).isEqualTo(e.text());
                seen.add(e.type());
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(EntityType.values());
    }

    @Test
    void theTwoTemplateFamiliesShareNoTemplate() {
        Set<String> training = new HashSet<>(NoteTemplates.TRAINING);
        training.retainAll(NoteTemplates.HELD_OUT);
        assertThat(training).isEmpty();
        Set<String> fillers = new HashSet<>(NoteTemplates.TRAINING_FILLERS);
        fillers.retainAll(NoteTemplates.HELD_OUT_FILLERS);
        assertThat(fillers).isEmpty();
    }

    @Test
    void aQuarterOfTheFirstNamesAppearOnlyInHeldOutNotes() {
        Set<String> trainingWords = new HashSet<>();
        for (AnnotatedNote n : new CaseNoteTemplateGenerator(TemplateFamily.TRAINING, 1).notes(3000)) {
            n.entities().stream().filter(e -> e.type() == EntityType.PERSON)
                    .forEach(e -> trainingWords.addAll(List.of(e.text().split(" "))));
        }
        List<String> first = NoteVocabulary.FIRST_NAMES;
        List<String> heldOutOnly = java.util.stream.IntStream.range(0, first.size())
                .filter(i -> i % 4 == 3).mapToObj(first::get)
                .filter(name -> !NoteVocabulary.SURNAMES.contains(name)).toList();
        assertThat(heldOutOnly).hasSizeGreaterThan(25);
        assertThat(trainingWords).doesNotContainAnyElementsOf(heldOutOnly);
        Set<String> heldOutWords = new HashSet<>();
        for (AnnotatedNote n : new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, 1).notes(3000)) {
            n.entities().stream().filter(e -> e.type() == EntityType.PERSON)
                    .forEach(e -> heldOutWords.addAll(List.of(e.text().split(" "))));
        }
        assertThat(heldOutWords).containsAnyElementsOf(heldOutOnly);
    }
}

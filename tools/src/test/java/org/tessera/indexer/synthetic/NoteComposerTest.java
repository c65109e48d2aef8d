package org.tessera.indexer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.notes.Cue;
import org.tessera.indexer.synthetic.notes.CueMention;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.synthetic.notes.FragmentBank;
import org.tessera.indexer.synthetic.notes.NoteCorpus;
import org.tessera.indexer.synthetic.notes.NoteWithAnnotations;
import org.tessera.indexer.synthetic.notes.Span;
import org.tessera.indexer.synthetic.notes.TemplateSet;

class NoteComposerTest {
    private static final List<String> SECTIONS = List.of("opener.police", "body.police", "close.police",
            "opener.health_ae", "body.health_ae", "opener.hv", "body.hv", "opener.school", "body.school",
            "opener.csc", "body.csc", "close.csc", "opener.housing", "body.housing", "opener.probation",
            "body.probation", "history");

    @Test
    void trainingAndHeldOutFamiliesShareNoFragment() {
        FragmentBank bank = new FragmentBank();
        for (String section : SECTIONS) {
            Set<String> training = new HashSet<>(bank.fragments(section, TemplateSet.TRAINING));
            List<String> heldOut = bank.fragments(section, TemplateSet.HELD_OUT);
            assertThat(heldOut).as(section).isNotEmpty().noneMatch(training::contains);
        }
        assertThat(bank.fragmentCount()).as("fragments and phrases to combine").isGreaterThan(300);
    }

    @Test
    void everySpanCoversANonBlankMentionOfItsType() {
        new NoteCorpus(7, TemplateSet.TRAINING).notes(2_000).forEach(n -> {
            for (Span s : n.spans()) {
                String covered = s.coveredText(n.text());
                assertThat(covered).isNotBlank().isEqualTo(covered.strip());
                if (s.type() == EntityType.PERSON || s.type() == EntityType.ORGANISATION) {
                    assertThat(Character.isUpperCase(covered.charAt(0))).as(covered).isTrue();
                }
                if (s.type() == EntityType.DATE) {
                    assertThat(covered).containsPattern("\\d");
                }
            }
        });
    }

    @Test
    void notesMentionPeopleOrganisationsAndPlacesAcrossTheCorpus() {
        Set<EntityType> seen = new HashSet<>();
        new NoteCorpus(11, TemplateSet.HELD_OUT).notes(500)
                .forEach(n -> n.spans().forEach(s -> seen.add(s.type())));
        assertThat(seen).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANISATION, EntityType.DATE);
    }

    @Test
    void cuePhrasesSitAtTheirOffsetsAndDistractorsAreNotAffirmed() {
        List<ComposedNote> notes = new NoteCorpus(3, TemplateSet.ALL).composed(3_000).toList();
        long distractors = 0;
        for (ComposedNote n : notes) {
            for (CueMention c : n.cues()) {
                assertThat(n.text().substring(c.start(), c.end())).isEqualTo(c.phrase());
                if (c.cue() != Cue.AFFIRMED) {
                    distractors++;
                }
            }
        }
        assertThat(distractors).isGreaterThan(300);
    }

    @Test
    void sameSeedGivesSameNotes() {
        List<NoteWithAnnotations> a = new NoteCorpus(5, TemplateSet.TRAINING).notes(50).toList();
        List<NoteWithAnnotations> b = new NoteCorpus(5, TemplateSet.TRAINING).notes(50).toList();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void notesContainSpellingSlipsAndPractitionerAbbreviations() {
        String all = String.join("\n", new NoteCorpus(9, TemplateSet.ALL).notes(3_000).map(NoteWithAnnotations::text)
                .toList());
        assertThat(all).containsAnyOf("recieved", "wiht", "untill", "seperately", "presant", "appointmnet");
        assertThat(all).contains("DV", "DA", "NFA", "HV", "SW", "GP", "A&E", "S47", "CP plan", "mum", "dad", "CSC");
    }
}

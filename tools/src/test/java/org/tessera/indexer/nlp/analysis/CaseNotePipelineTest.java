package org.tessera.indexer.nlp.analysis;

import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.EntityType;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.context.ContextLabel;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.training.CaseNoteTemplateGenerator;
import org.tessera.indexer.nlp.training.EntityEvaluation;
import org.tessera.indexer.nlp.training.TemplateFamily;

/** The packaged pipeline, with the entity model loaded from the classpath resource nlp-models/. */
class CaseNotePipelineTest {

    private static final CaseNotePipeline PIPELINE = new CaseNotePipeline(new OpenNlpModels(), 2026);

    @Test
    void findsPeoplePlacesOrganisationsAndRuleEntitiesInANote() {
        String text = "Home visit on 12/03/2024 to 14 Barton Street, Gloucester GL1 4PQ. "
                + "Mum (Sarah Jones) said that Kai has been registered with Park Lane Surgery. "
                + "Dad denies any domestic abuse. NHS number 943 476 5919, mobile 07700 900123.";
        TextAnalysis a = PIPELINE.analyze(text);
        assertThat(a.sentences()).hasSize(4);
        assertThat(a.entities(EntityType.PERSON)).extracting(EntityMention::text).contains("Sarah Jones", "Kai");
        assertThat(a.entities(EntityType.ORGANISATION)).extracting(EntityMention::text).contains("Park Lane Surgery");
        assertThat(a.entities(EntityType.LOCATION)).extracting(EntityMention::text).contains("14 Barton Street, Gloucester");
        assertThat(a.entities(EntityType.DATE)).extracting(EntityMention::text).containsExactly("12/03/2024");
        assertThat(a.entities(EntityType.POSTCODE)).extracting(EntityMention::text).containsExactly("GL1 4PQ");
        assertThat(a.entities(EntityType.NHS_NUMBER)).extracting(EntityMention::text).containsExactly("943 476 5919");
        assertThat(a.entities(EntityType.PHONE)).extracting(EntityMention::text).containsExactly("07700 900123");
        int da = text.indexOf("domestic abuse");
        assertThat(PIPELINE.contextOf(text, a, da, da + 14).label()).isEqualTo(ContextLabel.NEGATED);
        assertThat(a.contexts()).anySatisfy(c -> assertThat(c.negated()).isTrue());
    }

    @Test
    void thePackagedModelKeepsPersonF1AtLeast090OnHeldOutNotes() {
        EntityEvaluation e = EntityEvaluation.of(
                new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, 424242).notes(300),
                text -> PIPELINE.analyze(text).entities());
        System.out.println("packaged model, 300 held-out notes:\n" + e.markdownTable());
        assertThat(e.score(EntityType.PERSON).f1()).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void analysesTheSameFromManyThreads() {
        List<String> notes = new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, 5).notes(60).stream()
                .map(n -> n.text()).toList();
        List<TextAnalysis> sequential = notes.stream().map(PIPELINE::analyze).toList();
        List<TextAnalysis> parallel = IntStream.range(0, notes.size()).parallel()
                .mapToObj(i -> PIPELINE.analyze(notes.get(i))).toList();
        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void aLongDocumentIsAnalysedWithOffsetsIntoTheWholeText() {
        StringBuilder sb = new StringBuilder();
        for (var n : new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, 77).notes(600)) {
            sb.append(n.text()).append("\n\n");
        }
        String text = sb.toString();
        assertThat(text.length()).isGreaterThan(150_000);
        TextAnalysis a = PIPELINE.analyze(text);
        assertThat(a.sentences().size()).isGreaterThan(2000);
        for (EntityMention e : a.entities()) {
            assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
        }
        assertThat(a.contexts()).allSatisfy(c -> assertThat(c.end()).isLessThanOrEqualTo(text.length()));
    }

    @Test
    void aMissingModelResourceFailsWithItsName() {
        CaseNotePipeline broken = new CaseNotePipeline(new OpenNlpModels(OpenNlpModels.SENTENCE_MODEL,
                OpenNlpModels.TOKEN_MODEL, "nlp-models/missing.bin"), 2026);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> broken.analyze("Mum was seen."))
                .hasMessageContaining("nlp-models/missing.bin");
    }

    @Test
    void peopleNamedInANoteLinkToTheHousehold() {
        String text = "Visited the family. Liz Cooper said that Kai had been sent home from school. "
                + "Darren was not present.";
        var household = List.of(
                new org.tessera.indexer.nlp.linking.KnownPerson("mum", "Elizabeth", "Cooper"),
                new org.tessera.indexer.nlp.linking.KnownPerson("dad", "Darren", "Cooper"),
                new org.tessera.indexer.nlp.linking.KnownPerson("kai", "Kai", "Cooper"));
        var links = new org.tessera.indexer.nlp.linking.MentionLinker().link(PIPELINE.analyze(text), household);
        assertThat(links).extracting(l -> l.mention().text() + "=" + l.personId())
                .containsExactly("Liz Cooper=mum", "Kai=kai", "Darren=dad");
    }

    @Test
    void emptyTextGivesAnEmptyAnalysis() {
        TextAnalysis a = PIPELINE.analyze("   ");
        assertThat(a.sentences()).isEmpty();
        assertThat(a.entities()).isEmpty();
        assertThat(a.contexts()).isEmpty();
    }
}

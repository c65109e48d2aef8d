package org.tessera.indexer.indicators.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.ContextHead;

/**
 * The context head's trainer on sentences composed for the test: it learns qualifiers the rules are
 * told nothing about (every item's rule factor is 1), labels them, keeps plain statements affirmed on
 * sentences it never saw, and is deterministic.
 */
class ContextHeadTrainerTest {

    private static final String[] WHO = {"Mum", "Dad", "Her partner", "The stepfather", "Gran", "The mother", "Mr Jones", "Ms Patel"};
    private static final String[] WHAT = {"drinking", "cannabis use", "hitting the children", "low mood", "shouting at the baby",
            "leaving the children alone", "missing appointments", "using cocaine"};
    private static final ConcernClassifier.Provenance PROVENANCE =
            new ConcernClassifier.Provenance("test", "2026-12-06", List.of("x sha256:" + "0".repeat(64)), "");
    private static final List<String> CONCEPTS = List.of("neglect");

    private static ConcernClassifierTrainer.Example example(String id, String text, String context) {
        return new ConcernClassifierTrainer.Example(new ConcernItem(id, text, "neglect", context, null, null, null), new float[0], true,
                new double[] {1.0});
    }

    /** Two writers (id prefixes A and B), each saying every pair plainly, denied and in the past. */
    private static List<ConcernClassifierTrainer.Example> examples() {
        List<ConcernClassifierTrainer.Example> out = new ArrayList<>();
        int n = 0;
        for (int w = 0; w < WHO.length; w++) {
            for (int c = 0; c < WHAT.length; c++) {
                String writer = (w + c) % 2 == 0 ? "A" : "B";
                out.add(example(writer + "-" + n++, WHO[w] + " was seen " + WHAT[c] + " today.", "affirmed"));
                out.add(example(writer + "-" + n++, WHO[w] + " denies " + WHAT[c] + ".", "negated"));
                out.add(example(writer + "-" + n++, WHO[w] + " had problems with " + WHAT[c] + " in " + (2005 + c) + ", none since.",
                        "historical"));
            }
        }
        return out;
    }

    @Test
    void itLearnsQualifiersTheRulesMissAndNamesThem() {
        ContextHead head = ContextHeadTrainer.train(examples(), PROVENANCE, CONCEPTS);

        ContextHead.Judgement denied = head.judge("Uncle denies smoking in the house.");
        assertThat(denied.label()).isEqualTo("negated");
        assertThat(denied.cues()).contains("denies");
        ContextHead.Judgement past = head.judge("Aunt had problems with gambling in 2001, none since.");
        assertThat(past.label()).isEqualTo("historical");
        assertThat(head.judge("Uncle was seen smoking in the house today.").qualified()).isFalse();
        assertThat(head.threshold()).isBetween(0.30, 0.90);
    }

    @Test
    void theReportHoldsEachWriterOutAndTrainingIsDeterministic() {
        String report = ContextHeadTrainer.report(examples(), CONCEPTS);
        assertThat(report).contains("writer A ").contains("writer B ");
        ContextHead one = ContextHeadTrainer.train(examples(), PROVENANCE, CONCEPTS);
        ContextHead two = ContextHeadTrainer.train(examples(), PROVENANCE, CONCEPTS);
        assertThat(two.vocabulary().keySet()).isEqualTo(one.vocabulary().keySet());
        one.vocabulary().forEach((k, v) -> assertThat(two.vocabulary().get(k)).containsExactly(v));
        assertThat(two.threshold()).isEqualTo(one.threshold());

        // one pass of out-of-group heads gives the same report and the same head as the two calls
        List<String> given = new ArrayList<>();
        ContextHeadTrainer.Reported reported = ContextHeadTrainer.trainReported(examples(), r -> {
            given.add(r);
            return PROVENANCE;
        }, CONCEPTS);
        assertThat(reported.report()).isEqualTo(report);
        assertThat(given).containsExactly(report);
        assertThat(reported.head().threshold()).isEqualTo(one.threshold());
        assertThat(reported.head().vocabulary().keySet()).isEqualTo(one.vocabulary().keySet());
        one.vocabulary().forEach((k, v) -> assertThat(reported.head().vocabulary().get(k)).containsExactly(v));
    }

    @Test
    void theCataloguesExamplesAreAffirmedItemsOfTheirOwnGroup() {
        List<String> texts = List.of("Mum denies nothing: drinking seen at the visit.", "Dad denies nothing: cannabis use seen today.",
                "Gran denies nothing: low mood seen today.");
        List<ConcernClassifierTrainer.Example> catalogue = ContextHeadTrainer.catalogueExamples(texts);
        assertThat(catalogue).allSatisfy(e -> {
            assertThat(e.item().affirmed()).isTrue();
            assertThat(ContextHeadTrainer.writer(e.item())).isEqualTo(ContextHeadTrainer.CATALOGUE_WRITER);
            assertThat(ContextHeadTrainer.ownFactor(e, CONCEPTS)).isEqualTo(1.0);
        });
        List<ConcernClassifierTrainer.Example> all = new ArrayList<>(examples());
        all.addAll(catalogue);
        assertThat(ContextHeadTrainer.report(all, CONCEPTS)).contains("writer CATALOGUE").contains("affirmed items the head would discount");
        ContextHead without = ContextHeadTrainer.train(examples(), PROVENANCE, CONCEPTS);
        ContextHead with = ContextHeadTrainer.train(all, PROVENANCE, CONCEPTS);
        for (String text : texts) {
            assertThat(with.probability(text)).as(text).isLessThan(without.probability(text));
        }
    }
}

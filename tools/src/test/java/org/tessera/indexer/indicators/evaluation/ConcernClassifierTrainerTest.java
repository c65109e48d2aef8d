package org.tessera.indexer.indicators.evaluation;

import org.tessera.indexer.nlp.semantic.Concept;
import org.tessera.indexer.nlp.semantic.ConceptCatalogue;
import org.tessera.indexer.nlp.semantic.ConcernClassifier;
import org.tessera.indexer.nlp.semantic.SentenceEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trainer on vectors made for the test (no model): it learns a direction per concept, keeps a
 * concept's negated items below the threshold it chooses, is deterministic, and never trains on a
 * frozen held-out file.
 */
class ConcernClassifierTrainerTest {

    private static final ConceptCatalogue CONCEPTS = ConceptCatalogue.loadDefault();
    private static final int D = ConcernClassifier.DIMENSIONS;

    /** Exemplars and background sentences get vectors from their text's hash: noise the heads must not depend on. */
    private static final SentenceEncoder HASHED = new SentenceEncoder() {
        @Override
        public List<float[]> encode(List<String> sentences) {
            return sentences.stream().map(s -> unit(new Random(s.hashCode()), null, 0)).toList();
        }

        @Override
        public int dimensions() {
            return D;
        }

        @Override
        public String name() {
            return "hashed";
        }
    };

    private static float[] unit(Random random, float[] toward, double weight) {
        float[] v = new float[D];
        double norm = 0;
        for (int i = 0; i < D; i++) {
            v[i] = (float) (random.nextGaussian() * 0.05 + (toward == null ? 0 : weight * toward[i]));
            norm += v[i] * v[i];
        }
        for (int i = 0; i < D; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static float[] axis(int a) {
        float[] v = new float[D];
        v[a] = 1;
        return v;
    }

    /** Concept 0's affirmed items lie along axis 0, its negated ones along axis 1 (and judged negated), distractors along axis 2. */
    private static List<ConcernClassifierTrainer.Example> examples() {
        Random random = new Random(7);
        String concern = CONCEPTS.concepts().getFirst().id();
        List<ConcernClassifierTrainer.Example> out = new ArrayList<>();
        double[] counts = new double[CONCEPTS.concepts().size()];
        java.util.Arrays.fill(counts, 1.0);
        double[] negated = new double[CONCEPTS.concepts().size()];
        for (int i = 0; i < 60; i++) {
            out.add(new ConcernClassifierTrainer.Example(new ConcernItem("a" + i, "t", concern, "affirmed", null, null, null),
                    unit(random, axis(0), 1.0), true, counts));
            out.add(new ConcernClassifierTrainer.Example(new ConcernItem("n" + i, "t", concern, "negated", null, null, null),
                    unit(random, axis(1), 1.0), true, i % 2 == 0 ? negated : counts));
            out.add(new ConcernClassifierTrainer.Example(new ConcernItem("d" + i, "t", ConcernItem.NONE, "affirmed", null, null, null),
                    unit(random, axis(2), 1.0), true, counts));
        }
        return out;
    }

    private static final ConcernClassifierTrainer.Options FAST =
            new ConcernClassifierTrainer.Options("all", "affirmed", 3, 11L, 15, 0.05, 1e-4, 4.0);
    private static final ConcernClassifier.Provenance PROVENANCE =
            new ConcernClassifier.Provenance("test", "2026-12-06", List.of("x sha256:" + "0".repeat(64)), "");

    @Test
    void aHeadLearnsItsConceptAndItsThresholdKeepsTheNonAffirmedOut() {
        ConcernClassifier classifier = ConcernClassifierTrainer.train(examples(), CONCEPTS, HASHED, FAST, PROVENANCE);
        ConcernClassifier.Head head = classifier.heads().getFirst();
        Random random = new Random(99);
        int affirmed = 0, negated = 0, distractors = 0;
        for (int i = 0; i < 50; i++) {
            affirmed += head.probability(unit(random, axis(0), 1.0)) >= head.threshold() ? 1 : 0;
            negated += head.probability(unit(random, axis(1), 1.0)) >= head.threshold() ? 1 : 0;
            distractors += head.probability(unit(random, axis(2), 1.0)) >= head.threshold() ? 1 : 0;
        }
        assertThat(affirmed).isGreaterThanOrEqualTo(45);
        assertThat(negated).isLessThanOrEqualTo(2);
        assertThat(distractors).isLessThanOrEqualTo(2);
        assertThat(classifier.heads()).hasSize(CONCEPTS.concepts().size());
    }

    @Test
    void trainingIsDeterministic() {
        ConcernClassifier one = ConcernClassifierTrainer.train(examples(), CONCEPTS, HASHED, FAST, PROVENANCE);
        ConcernClassifier two = ConcernClassifierTrainer.train(examples(), CONCEPTS, HASHED, FAST, PROVENANCE);
        for (int c = 0; c < one.heads().size(); c++) {
            assertThat(two.heads().get(c).weights()).containsExactly(one.heads().get(c).weights());
            assertThat(two.heads().get(c).threshold()).isEqualTo(one.heads().get(c).threshold());
        }
    }

    @Test
    void thresholdsAreChosenOnWritersTheHeadsNeverSawWhenThereAreThreeOrMore() {
        List<ConcernClassifierTrainer.Example> unprefixed = examples();
        List<ConcernClassifierTrainer.Example> prefixed = threeWriters();

        int[] byWriter = ConcernClassifierTrainer.innerFolds(prefixed, FAST);
        int[] stratified = ConcernClassifierTrainer.innerFolds(unprefixed, FAST);
        int[] twoWriters = ConcernClassifierTrainer.innerFolds(prefixed.stream().filter(e -> !e.item().id().startsWith("C")).toList(), FAST);

        for (int i = 0; i < prefixed.size(); i++) {
            assertThat(byWriter[i]).isEqualTo(i % 3);
        }
        assertThat(stratified).isEqualTo(ConcernClassifierTrainer.folds(unprefixed, FAST.folds(), FAST.seed()));
        assertThat(twoWriters).isEqualTo(ConcernClassifierTrainer.folds(
                prefixed.stream().filter(e -> !e.item().id().startsWith("C")).toList(), FAST.folds(), FAST.seed()));
    }

    @Test
    void aFrozenHeldOutFileIsNeverTrainedOn() {
        assertThatThrownBy(() -> ConcernClassifierTraining.run(List.of(Path.of("..", "nlp-models", "eval", "concerns-heldout14.jsonl")),
                null, CONCEPTS, HASHED, null, FAST, "test", System.out)).hasMessageContaining("held-out");
    }

    /** The examples, writer-prefixed (A, B, C by turn). */
    private static List<ConcernClassifierTrainer.Example> threeWriters() {
        List<ConcernClassifierTrainer.Example> unprefixed = examples();
        List<ConcernClassifierTrainer.Example> prefixed = new ArrayList<>();
        for (int i = 0; i < unprefixed.size(); i++) {
            var e = unprefixed.get(i);
            var item = e.item();
            prefixed.add(new ConcernClassifierTrainer.Example(new ConcernItem("ABC".charAt(i % 3) + "-" + item.id(), item.text(),
                    item.concern(), item.context(), null, null, null), e.vector(), e.gated(), e.factor()));
        }
        return prefixed;
    }

    /** {@code count} negatives-only items along the distractors' axis. */
    private static List<ConcernClassifierTrainer.Example> negatives(int count) {
        Random random = new Random(5);
        double[] counts = new double[CONCEPTS.concepts().size()];
        java.util.Arrays.fill(counts, 1.0);
        List<ConcernClassifierTrainer.Example> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new ConcernClassifierTrainer.Example(new ConcernItem(ConcernClassifierTrainer.NEGATIVES_WRITER + "-N-" + i, "t",
                    ConcernItem.NONE, "affirmed", null, null, null), unit(random, axis(2), 1.0), true, counts));
        }
        return out;
    }

    @Test
    void negativesOnlyItemsAreNoWriterTheyAreDealtOverTheWritersInnerFoldsInContiguousRuns() {
        List<ConcernClassifierTrainer.Example> train = new ArrayList<>(threeWriters());
        int writers = train.size();
        train.addAll(negatives(7));

        int[] fold = ConcernClassifierTrainer.innerFolds(train, FAST);

        assertThat(java.util.Arrays.stream(fold).max().orElseThrow()).isEqualTo(2);
        // in contiguous runs (a routine file's templates stay together), every inner fold gets some
        assertThat(java.util.Arrays.copyOfRange(fold, writers, writers + 7)).containsExactly(0, 0, 0, 1, 1, 2, 2);
    }

    @Test
    void everyWriterFoldTrainsOnTheNegativesAndNoFoldIsScoredOnThem() {
        List<ConcernClassifierTrainer.Example> examples = threeWriters();
        var options = FAST.with(true, false);

        var cv = ConcernClassifierTrainer.crossValidate(examples, CONCEPTS, HASHED, options, true, List.of(), negatives(30));

        assertThat(cv.names()).hasSize(3).noneMatch(n -> n.contains(ConcernClassifierTrainer.NEGATIVES_WRITER));
        assertThat(cv.fold()).hasSize(examples.size());
        assertThat(cv.models()).hasSize(3).doesNotContainNull();
    }

    @Test
    void aNegativesOnlyFileWithAConcernIsRefusedNamingTheItem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("routine.jsonl");
        java.nio.file.Files.writeString(file, """
                {"id":"N-1","text":"Gas safety check completed.","concern":"none","context":"affirmed"}
                {"id":"N-2","text":"Mum was drunk at the visit.","concern":"parental_alcohol","context":"affirmed"}
                """);

        assertThatThrownBy(() -> ConcernClassifierTraining.negatives(List.of(file), new ArrayList<>()))
                .hasMessageContaining("routine.jsonl item 2 (N-2)").hasMessageContaining("concern none only");
    }

    @Test
    void aNegativesOnlyFileIsReadAsNoWriterWithItsHashInTheProvenance(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("routine.jsonl");
        java.nio.file.Files.writeString(file, """
                {"id":"N-1","text":"Gas safety check completed.","concern":"none","context":"affirmed"}
                """);
        List<String> provenance = new ArrayList<>();

        List<ConcernItem> items = ConcernClassifierTraining.negatives(List.of(file), provenance);

        assertThat(items).extracting(ConcernItem::id).containsExactly(ConcernClassifierTrainer.NEGATIVES_WRITER + "-N-1");
        assertThat(ContextHeadTrainer.writer(items.getFirst())).isEqualTo(ConcernClassifierTrainer.NEGATIVES_WRITER);
        assertThat(provenance).singleElement().asString().matches(".+ sha256:[0-9a-f]{64} \\(1 items, negatives only\\)");
    }

    /** The three writers' items with words: concept 0's items say "cutting", the distractors are routine; all are "at home". */
    private static List<ConcernClassifierTrainer.Example> threeWritersWithWords() {
        List<ConcernClassifierTrainer.Example> out = new ArrayList<>();
        List<ConcernClassifierTrainer.Example> unprefixed = examples();
        for (int i = 0; i < unprefixed.size(); i++) {
            var e = unprefixed.get(i);
            var item = e.item();
            String text = item.distractor() ? "Routine visit at home." : item.affirmed() ? "She was cutting her arms at home." : "No cutting at home.";
            // each affirmed, negated, distractor triple to one writer in turn, so that every writer has every kind
            out.add(new ConcernClassifierTrainer.Example(new ConcernItem("ABC".charAt(i / 3 % 3) + "-" + item.id(), text, item.concern(),
                    item.context(), null, null, null), e.vector(), e.gated(), e.factor()));
        }
        return out;
    }

    @Test
    void withTheGateAnchorsEachHeadLearnsTheWordsOfItsConceptAndThePlainVariantHasNone() {
        var options = FAST.with("anchors", "affirmed", 3).withAnchorPrecision(0.6);

        var variants = ConcernClassifierTrainer.trainVariants(threeWritersWithWords(), CONCEPTS, HASHED, options, PROVENANCE);

        assertThat(variants.chosen().gatedByAnchors()).isTrue();
        ConcernClassifier.Head head = variants.chosen().heads().getFirst();
        assertThat(head.anchors()).contains("cutti").doesNotContain("home", "routi", "at");
        assertThat(head.anchoredBy(ConcernClassifier.stems("Cutting again.", 0, 14))).isTrue();
        assertThat(head.anchoredBy(ConcernClassifier.stems("Routine visit at home.", 0, 22))).isFalse();
        assertThat(variants.plain().gate()).isEqualTo("all");
        assertThat(variants.plain().heads()).allMatch(h -> h.anchors().isEmpty());
        assertThat(variants.plain().heads().getFirst().weights()).containsExactly(head.weights());
    }

    @Test
    void anAnchoredHeadNeverCountsAnItemWithoutItsAnchorsAndTheFoldsKeepThePlainRecipeBeside() {
        List<ConcernClassifierTrainer.Example> examples = new ArrayList<>(threeWritersWithWords());
        // affirmed items of concept 0 said without any of its words: along its axis, but no anchor
        Random random = new Random(3);
        double[] counts = new double[CONCEPTS.concepts().size()];
        java.util.Arrays.fill(counts, 1.0);
        String concern = CONCEPTS.concepts().getFirst().id();
        for (int i = 0; i < 6; i++) {
            examples.add(new ConcernClassifierTrainer.Example(new ConcernItem("ABC".charAt(i % 3) + "-q" + i, "Quiet day.", concern,
                    "affirmed", null, null, null), unit(random, axis(0), 1.0), true, counts));
        }
        // ... and the same words in more routine items, so that they are no anchor of the concept
        for (int i = 0; i < 9; i++) {
            examples.add(new ConcernClassifierTrainer.Example(new ConcernItem("ABC".charAt(i % 3) + "-r" + i, "Quiet day.", ConcernItem.NONE,
                    "affirmed", null, null, null), unit(random, axis(2), 1.0), true, counts));
        }
        var options = FAST.with("anchors", "affirmed", 3).withAnchorPrecision(0.6).with(true, false);
        ConcernMap map = new ConcernMap(java.util.Map.of(concern, java.util.Set.of(CONCEPTS.concepts().getFirst().indicator())));

        var cv = ConcernClassifierTrainer.crossValidate(examples, CONCEPTS, HASHED, options, true);
        ConcernEvaluation anchored = ConcernClassifierTrainer.semanticOnly(examples, cv, CONCEPTS, map);
        ConcernEvaluation plain = ConcernClassifierTrainer.semanticOnly(examples, cv.plain(), CONCEPTS, map);

        assertThat(cv.plainModels()).hasSize(3).doesNotContainNull();
        assertThat(anchored.misses()).filteredOn(m -> m.kind().equals("affirmed missed") && m.item().text().equals("Quiet day.")).hasSize(6);
        assertThat(plain.misses()).filteredOn(m -> m.kind().equals("affirmed missed") && m.item().text().equals("Quiet day.")).hasSizeLessThan(6);
    }

    /**
     * Three writers on self-harm and accidents: affirmed "Cut to her arms with a razor.", distractors "Cut to chin from fall at
     * school.", negated "No cuts seen today." (the rules discount them), routine "Routine visit at home.".
     */
    private static List<ConcernClassifierTrainer.Example> selfHarmAndFalls() {
        int k = CONCEPTS.concepts().size();
        double[] full = new double[k];
        java.util.Arrays.fill(full, 1.0);
        double[] none = new double[k];
        String[] parts = {"arms", "legs", "thighs", "stomach"};
        String[] tools = {"razor", "blade", "knife"};
        String[] places = {"forehead", "chin", "knee", "elbow"};
        String[] where = {"at school", "at home", "in the park"};
        List<ConcernClassifierTrainer.Example> out = new ArrayList<>();
        for (String writer : List.of("A", "B", "C")) {
            for (int i = 0; i < 12; i++) {
                out.add(example(writer + "-a" + i, "Cut to her " + parts[i % 4] + " with a " + tools[i % 3] + ".", "self_harm", "affirmed", full));
                out.add(example(writer + "-d" + i, "Cut to " + places[i % 4] + " from fall " + where[i % 3] + ".", ConcernItem.NONE, "affirmed",
                        full));
                out.add(example(writer + "-n" + i, "No cuts seen today.", "self_harm", "negated", none));
                out.add(example(writer + "-r" + i, "Routine visit at home.", ConcernItem.NONE, "affirmed", full));
            }
        }
        return out;
    }

    private static ConcernClassifierTrainer.Example example(String id, String text, String concern, String context, double[] factor) {
        return new ConcernClassifierTrainer.Example(new ConcernItem(id, text, concern, context, null, null, null), new float[0], true, factor);
    }

    @Test
    void wordHeadsLearnThatFromFallArguesAgainstSelfHarmWithoutEmbeddingASentence() {
        var options = FAST.withFeatures(ConcernClassifier.WORDS);

        ConcernClassifier classifier = ConcernClassifierTrainer.train(selfHarmAndFalls(), CONCEPTS, ConcernClassifierTraining.NO_VECTORS,
                options, PROVENANCE);

        assertThat(classifier.readsWords()).isTrue();
        assertThat(classifier.model()).isEqualTo(org.tessera.indexer.nlp.semantic.WordFeatures.MODEL);
        ConcernClassifier.Head head = classifier.heads().stream().filter(h -> h.concept().equals("self_harm")).findFirst().orElseThrow();
        assertThat(head.weights()).isEmpty();
        // words never seen with either ("wrist", "bottle") are decided by the words around them
        assertThat(head.probability(org.tessera.indexer.nlp.semantic.WordFeatures.of("Cut to her wrist with a razor.")))
                .isGreaterThanOrEqualTo(head.threshold());
        assertThat(head.probability(org.tessera.indexer.nlp.semantic.WordFeatures.of("Cut to wrist from fall at home.")))
                .isLessThan(head.threshold());
        assertThat(head.probability(org.tessera.indexer.nlp.semantic.WordFeatures.of("Routine visit at school."))).isLessThan(head.threshold());
        assertThat(head.words().getOrDefault("fall", 0f) + head.words().getOrDefault("from fall", 0f)).isNegative();
        // deterministic: the same file twice
        ConcernClassifier again = ConcernClassifierTrainer.train(selfHarmAndFalls(), CONCEPTS, ConcernClassifierTraining.NO_VECTORS,
                options, PROVENANCE);
        for (int c = 0; c < classifier.heads().size(); c++) {
            assertThat(again.heads().get(c).words()).isEqualTo(classifier.heads().get(c).words());
            assertThat(again.heads().get(c).bias()).isEqualTo(classifier.heads().get(c).bias());
            assertThat(again.heads().get(c).threshold()).isEqualTo(classifier.heads().get(c).threshold());
        }
    }

    @Test
    void wordHeadsAreScoredOutOfWriterLikeTheTaggerReadsThem() {
        List<ConcernClassifierTrainer.Example> examples = selfHarmAndFalls();
        var options = FAST.withFeatures(ConcernClassifier.WORDS).with(true, false);
        ConcernMap map = new ConcernMap(java.util.Map.of("self_harm", java.util.Set.of("EMO02")));

        var cv = ConcernClassifierTrainer.crossValidate(examples, CONCEPTS, ConcernClassifierTraining.NO_VECTORS, options, true);
        ConcernEvaluation figures = ConcernClassifierTrainer.semanticOnly(examples, cv, CONCEPTS, map);

        assertThat(cv.names()).hasSize(3);
        assertThat(cv.models()).allMatch(ConcernClassifier::readsWords);
        assertThat(figures.misses()).filteredOn(m -> m.kind().equals("affirmed missed")).isEmpty();
        assertThat(figures.distractors().hits()).isZero();
    }

    @Test
    void aRoutineCeilingKeepsAThresholdOffRoutineTextThatRecallAloneWouldBuy() {
        // 10 affirmed items at p 0.6 and 10 at 0.9 (out of fold); 20 routine negatives-only items at 0.7
        String concern = CONCEPTS.concepts().getFirst().id();
        int k = CONCEPTS.concepts().size();
        double[] full = new double[k];
        java.util.Arrays.fill(full, 1.0);
        List<ConcernClassifierTrainer.Example> train = new ArrayList<>();
        List<double[]> oof = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            train.add(example("A-a" + i, "t", concern, "affirmed", full));
            oof.add(filled(k, i < 10 ? 0.6 : 0.9));
            train.add(example(ConcernClassifierTrainer.NEGATIVES_WRITER + "-R-" + i, "t", ConcernItem.NONE, "affirmed", full));
            oof.add(filled(k, 0.7));
        }
        double[][] p = oof.toArray(double[][]::new);
        var cheap = FAST.withDistractorCost(0.25);

        double without = ConcernClassifierTrainer.choose(train, p, null, 0, concern, cheap);
        double ceiled = ConcernClassifierTrainer.choose(train, p, null, 0, concern, cheap.withRoutineCeiling(0.1));
        // a ceiling no threshold below the routine items' probability can meet: the highest searched
        for (double[] row : p) {
            java.util.Arrays.fill(row, 0.995);
        }
        double unmet = ConcernClassifierTrainer.choose(train, p, null, 0, concern, cheap.withRoutineCeiling(0.1));

        assertThat(without).isEqualTo(0.60); // 20 affirmed for 20 routine items at cost 0.25 each
        assertThat(ceiled).isEqualTo(0.90); // over the routine items: 10 affirmed, none of them
        assertThat(unmet).isEqualTo(0.99);
        assertThat(cheap.withRoutineCeiling(0.1).previous().ceiled()).isFalse();
        assertThatThrownBy(() -> FAST.withRoutineCeiling(1.5)).hasMessageContaining("between 0 and 1");
    }

    private static double[] filled(int k, double value) {
        double[] row = new double[k];
        java.util.Arrays.fill(row, value);
        return row;
    }

    @Test
    void anL1TermLeavesFewerWordWeightsAndTheHeadStillReadsItsConcept() {
        var plain = FAST.withFeatures(ConcernClassifier.WORDS);

        ConcernClassifier dense = ConcernClassifierTrainer.train(selfHarmAndFalls(), CONCEPTS, ConcernClassifierTraining.NO_VECTORS, plain,
                PROVENANCE);
        ConcernClassifier sparse = ConcernClassifierTrainer.train(selfHarmAndFalls(), CONCEPTS, ConcernClassifierTraining.NO_VECTORS,
                plain.withL1(0.002), PROVENANCE);

        int denseWeights = dense.heads().stream().mapToInt(h -> h.words().size()).sum();
        int sparseWeights = sparse.heads().stream().mapToInt(h -> h.words().size()).sum();
        // (at 0.001 the first run of this test kept 9,811 of 17,875: most weights here come from the catalogue's exemplars and
        // background sentences, which every head reads)
        assertThat(sparseWeights).isLessThan(denseWeights * 2 / 3);
        ConcernClassifier.Head head = sparse.heads().stream().filter(h -> h.concept().equals("self_harm")).findFirst().orElseThrow();
        assertThat(head.probability(org.tessera.indexer.nlp.semantic.WordFeatures.of("Cut to her legs with a blade.")))
                .isGreaterThan(head.probability(org.tessera.indexer.nlp.semantic.WordFeatures.of("Cut to knee from fall at home.")));
        assertThatThrownBy(() -> FAST.withL1(-1)).hasMessageContaining("--l1");
    }

    @Test
    void routineFiringCountsTheSentencesSomeHeadMatchesAtAnyWeight() {
        ConcernClassifier classifier = ConcernClassifierTrainer.train(selfHarmAndFalls(), CONCEPTS, ConcernClassifierTraining.NO_VECTORS,
                FAST.withFeatures(ConcernClassifier.WORDS), PROVENANCE);
        int k = CONCEPTS.concepts().size();
        double[] full = new double[k];
        java.util.Arrays.fill(full, 1.0);
        double[] discounted = new double[k];
        java.util.Arrays.fill(discounted, 0.5);
        List<ConcernClassifierTrainer.Example> routine = List.of(
                example("R-1", "Routine visit at home.", ConcernItem.NONE, "affirmed", full),
                example("R-2", "Cut to her arms with a razor.", ConcernItem.NONE, "affirmed", discounted),
                example("R-3", "Cut to her legs with a blade.", ConcernItem.NONE, "affirmed", new double[k]));

        RoutineFiring firing = RoutineFiring.of(classifier, routine);

        assertThat(firing.sentences()).isEqualTo(3);
        assertThat(firing.fired()).isEqualTo(1); // the discounted match counts, the one its context voids does not
        assertThat(firing.matches()).containsEntry("self_harm", 1);
        assertThat(firing.render()).startsWith("fired on 1 of 3 sentences (33.3 %); ").contains("self_harm 1");
    }

    @Test
    void heldOutRoutineTextIsNeverTrainedOn() {
        Path heldOut = Path.of("..", "nlp-models", "eval", "routine-heldout.jsonl");

        assertThatThrownBy(() -> ConcernClassifierTraining.negatives(List.of(heldOut), new ArrayList<>())).hasMessageContaining("held-out");
        assertThatThrownBy(() -> ConcernClassifierTraining.run(List.of(heldOut), null, CONCEPTS, HASHED, null, FAST, "test", System.out))
                .hasMessageContaining("held-out");
        assertThat(ConcernCorpus.isRoutineHeldOut(Path.of("x", "routine-heldout-generator.jsonl"))).isTrue();
        assertThat(ConcernCorpus.isRoutineHeldOut(Path.of("x", "routine-writer14-heldout.jsonl"))).isTrue();
        assertThat(ConcernCorpus.isRoutineHeldOut(Path.of("x", "routine-writer14.jsonl"))).isFalse();
    }
}

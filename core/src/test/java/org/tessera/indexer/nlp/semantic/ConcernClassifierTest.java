package org.tessera.indexer.nlp.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier file is validated at load, round-trips, and the shipped one says how it was made. */
class ConcernClassifierTest {

    private static final ConceptCatalogue CONCEPTS = ConceptCatalogue.loadDefault();

    private static String file(String model, String concept, int weights, double threshold, String corpora) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < weights; i++) {
            w.add(i % 2 == 0 ? "0.5" : "-0.25");
        }
        return """
                {"model":"%s","gate":"all","provenance":{"command":"tessera indicators train-classifier x","trained":"2026-12-06",
                "corpora":[%s],"notes":""},
                "heads":[{"concept":"%s","bias":-1.5,"threshold":%s,"weights":[%s]}]}
                """.formatted(model, corpora, concept, threshold, String.join(",", w));
    }

    private static final String CORPUS = "\"nlp-models/eval/concerns-dev.jsonl sha256:" + "a".repeat(64) + " (1200 items)\"";

    private static ConcernClassifier parse(String json) throws Exception {
        return ConcernClassifier.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "c.json", CONCEPTS);
    }

    @Test
    void aValidFileLoadsAndItsHeadIsALogisticRegression() throws Exception {
        ConcernClassifier classifier = parse(file(CONCEPTS.model(), "neglect", 384, 0.6, CORPUS));
        ConcernClassifier.Head head = classifier.heads().getFirst();
        float[] zero = new float[384];
        assertThat(head.probability(zero)).isCloseTo(1 / (1 + Math.exp(1.5)), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(classifier.gatedByCues()).isFalse();
        assertThat(classifier.provenance().corpora()).hasSize(1);
    }

    @Test
    void aBadFileFailsNamingTheFileAndTheProblem() {
        assertThatThrownBy(() -> parse(file("other-model", "neglect", 384, 0.6, CORPUS))).hasMessageContaining("c.json")
                .hasMessageContaining("other-model");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "astrology", 384, 0.6, CORPUS))).hasMessageContaining("astrology")
                .hasMessageContaining("no such concept");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "neglect", 383, 0.6, CORPUS))).hasMessageContaining("384 weights");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "neglect", 384, 1.2, CORPUS))).hasMessageContaining("threshold");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "neglect", 384, 0.6, "\"concerns-dev.jsonl\"")))
                .hasMessageContaining("sha256");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "neglect", 384, 0.6, CORPUS).replace("\"gate\":\"all\"", "\"gate\":\"some\"")))
                .hasMessageContaining("gate");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "neglect", 384, 0.6, CORPUS).replace("\"bias\"", "\"colour\":1,\"bias\"")))
                .hasMessageContaining("unknown key 'colour'");
    }

    @Test
    void whatIsWrittenReadsBackTheSame(@TempDir Path dir) throws Exception {
        ConcernClassifier classifier = parse(file(CONCEPTS.model(), "neglect", 384, 0.6, CORPUS));
        Path out = dir.resolve("c.json");
        classifier.write(out);
        ConcernClassifier back = ConcernClassifier.parse(Files.newInputStream(out), out.toString(), CONCEPTS);
        assertThat(back.heads().getFirst().weights()).containsExactly(classifier.heads().getFirst().weights());
        assertThat(back.heads().getFirst().threshold()).isEqualTo(0.6);
        assertThat(back.provenance()).isEqualTo(classifier.provenance());
    }

    @Test
    void theShippedClassifierCoversEveryConceptAndNamesItsTrainingCorpora() {
        ConcernClassifier shipped = ConcernClassifier.loadDefault(CONCEPTS).orElseThrow();
        assertThat(shipped.heads()).extracting(ConcernClassifier.Head::concept)
                .containsExactlyElementsOf(CONCEPTS.concepts().stream().map(Concept::id).toList());
        // trained on the six development files (nlp-models/eval/README.md; heldout2 and heldout3 are development data since
        // session 11, heldout4 since session 12, heldout5 since session 13, heldout6 since session 14, heldout7 since session 15),
        // never on the held-out file (concerns-heldout14.jsonl)
        assertThat(shipped.provenance().corpora()).anyMatch(c -> c.startsWith("nlp-models/eval/concerns-dev.jsonl sha256:87e7b9e0"))
                .anyMatch(c -> c.startsWith("nlp-models/eval/concerns-heldout.jsonl sha256:799f2f2e"))
                .anyMatch(c -> c.startsWith("nlp-models/eval/concerns-heldout3.jsonl sha256:48db14a3"))
                .anyMatch(c -> c.startsWith("nlp-models/eval/concerns-heldout4.jsonl sha256:7a3258fd"))
                .noneMatch(c -> c.contains("heldout14"));
        assertThat(shipped.provenance().command()).startsWith("tessera indicators train-classifier");
    }

    @Test
    void anchorsAreReadWrittenAndValidated(@TempDir Path dir) throws Exception {
        String anchored = file(CONCEPTS.model(), "self_harm", 384, 0.6, CORPUS).replace("\"gate\":\"all\"", "\"gate\":\"anchors\"")
                .replace("\"bias\"", "\"anchors\":[\"cutti\",\"self-\"],\"bias\"");
        ConcernClassifier classifier = parse(anchored);
        ConcernClassifier.Head head = classifier.heads().getFirst();
        assertThat(classifier.gatedByAnchors()).isTrue();
        assertThat(head.anchors()).containsExactlyInAnyOrder("cutti", "self-");
        assertThat(head.anchoredBy(ConcernClassifier.stems("She has been Cutting her arms.", 0, 30))).isTrue();
        assertThat(head.anchoredBy(ConcernClassifier.stems("Self-harm disclosed.", 0, 20))).isTrue();
        assertThat(head.anchoredBy(ConcernClassifier.stems("Kayden appeared withdrawn.", 0, 26))).isFalse();
        assertThat(classifier.anchoredByAny(ConcernClassifier.stems("Kayden appeared withdrawn.", 0, 26))).isFalse();
        Path out = dir.resolve("a.json");
        classifier.write(out);
        assertThat(ConcernClassifier.parse(Files.newInputStream(out), out.toString(), CONCEPTS).heads().getFirst().anchors())
                .isEqualTo(head.anchors());

        assertThatThrownBy(() -> parse(anchored.replace("\"cutti\"", "\"Cutting\""))).hasMessageContaining("head self_harm")
                .hasMessageContaining("anchor 'Cutting'");
        assertThatThrownBy(() -> parse(anchored.replace("\"anchors\":[\"cutti\",\"self-\"],", "")))
                .hasMessageContaining("gate 'anchors' needs a non-empty list 'anchors'");
    }

    @Test
    void stemsAreLowerCasedCutWordsWithoutAPossessive() {
        assertThat(ConcernClassifier.stems("Tegan's OVERDOSE of 32 tablets", 0, 30)).containsExactlyInAnyOrder("tegan", "overd", "of", "32",
                "table");
    }

    @Test
    void theShippedClassifierWasCrossValidatedByItsOwnCommandAndIsAnchored() {
        ConcernClassifier shipped = ConcernClassifier.loadDefault(CONCEPTS).orElseThrow();
        // written by the full command (the tool's own provenance, cross-validation on; session 15): never a hand-edited note
        assertThat(shipped.provenance().notes()).startsWith("cross-validated (one fold per writer").doesNotContain("not cross-validated");
        assertThat(shipped.provenance().command()).contains("--gate anchors").contains("--by-writer")
                .contains("--negatives nlp-models/eval/routine-negatives.jsonl");
        assertThat(shipped.provenance().corpora()).anyMatch(c -> c.startsWith("nlp-models/eval/concerns-heldout6.jsonl sha256:6da03c93"))
                .anyMatch(c -> c.startsWith("nlp-models/eval/routine-negatives.jsonl sha256:2f983ac4"));
        assertThat(shipped.gatedByAnchors()).isTrue();
        assertThat(shipped.heads()).allMatch(h -> !h.anchors().isEmpty());
    }

    private static String words(String features, String model, String head) {
        return """
                {"version":2,"features":"%s","model":"%s","gate":"all","provenance":{"command":"tessera indicators train-classifier x",
                "trained":"2026-12-07","corpora":[%s],"notes":""},
                "heads":[{"concept":"self_harm",%s}]}
                """.formatted(features, model, CORPUS, head);
    }

    private static final String WORD_HEAD = "\"bias\":-2.0,\"threshold\":0.5,\"words\":{\"cutti\":3.0,\"self-\":2.5,\"from fall\":-4.0}";

    @Test
    void aWordHeadIsALogisticRegressionOverWordFeaturesAndReadsBackTheSame(@TempDir Path dir) throws Exception {
        ConcernClassifier classifier = parse(words("words", WordFeatures.MODEL, WORD_HEAD));
        ConcernClassifier.Head head = classifier.heads().getFirst();
        assertThat(classifier.readsWords()).isTrue();
        assertThat(head.probability(WordFeatures.of("She has been cutting her arms."))).isCloseTo(1 / (1 + Math.exp(-1.0)),
                org.assertj.core.data.Offset.offset(1e-6));
        // the words that argue against it weigh too: "from fall"
        assertThat(head.probability(WordFeatures.of("Cut to forehead from fall, cutting through the skin."))).isLessThan(0.5);
        assertThat(head.reasons(WordFeatures.of("Self-harm by cutting."), 3)).containsExactly("cutti", "self-");
        Path out = dir.resolve("w.json");
        classifier.write(out);
        ConcernClassifier back = ConcernClassifier.parse(Files.newInputStream(out), out.toString(), CONCEPTS);
        assertThat(back.readsWords()).isTrue();
        assertThat(back.heads().getFirst().words()).isEqualTo(head.words());
        assertThat(Files.readString(out)).startsWith("{\"version\":2,\"features\":\"words\"");
        // a format 1 file (no version) is heads over the embedding, as shipped before ADR 0044
        assertThat(parse(file(CONCEPTS.model(), "neglect", 384, 0.6, CORPUS)).features()).isEqualTo(ConcernClassifier.EMBEDDING);
    }

    @Test
    void aBadWordFileFailsNamingTheProblem() {
        assertThatThrownBy(() -> parse(words("words", CONCEPTS.model(), WORD_HEAD))).hasMessageContaining("word heads read '"
                + WordFeatures.MODEL + "'");
        assertThatThrownBy(() -> parse(words("letters", WordFeatures.MODEL, WORD_HEAD))).hasMessageContaining("features must be one of");
        assertThatThrownBy(() -> parse(words("words", WordFeatures.MODEL, WORD_HEAD).replace("\"version\":2,", "")))
                .hasMessageContaining("'features' needs version 2");
        assertThatThrownBy(() -> parse(words("words", WordFeatures.MODEL, WORD_HEAD).replace("\"version\":2", "\"version\":3")))
                .hasMessageContaining("version must be 1 to 2");
        assertThatThrownBy(() -> parse(words("words", WordFeatures.MODEL, WORD_HEAD.replace("cutti", "Cutting"))))
                .hasMessageContaining("head self_harm").hasMessageContaining("word feature 'Cutting'");
        assertThatThrownBy(() -> parse(words("words", WordFeatures.MODEL, WORD_HEAD.replace("3.0", "\"big\""))))
                .hasMessageContaining("no finite weight");
        assertThatThrownBy(() -> parse(words("words", WordFeatures.MODEL, "\"bias\":-2.0,\"threshold\":0.5,\"words\":{}")))
                .hasMessageContaining("non-empty object 'words'");
        assertThatThrownBy(() -> parse(words("words", WordFeatures.MODEL, WORD_HEAD + ",\"weights\":[1]")))
                .hasMessageContaining("a word head has 'words', not 'weights'");
        assertThatThrownBy(() -> parse(file(CONCEPTS.model(), "neglect", 384, 0.6, CORPUS).replace("\"bias\"", "\"words\":{\"a\":1},\"bias\"")))
                .hasMessageContaining("'words' belong to a file of features 'words'");
    }
}

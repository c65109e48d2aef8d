package org.tessera.indexer.indicators.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The concern corpora are what nlp-models/eval/README.md says they are: the frozen held-out file is
 * byte for byte the one frozen (a changed held-out set is no longer held out), and every file parses
 * with concerns of the concern map. Only counts are asserted: no text of the held-out file is read
 * into a message.
 */
class ConcernCorpusTest {

    private static final Path EVAL = Path.of("..", "nlp-models", "eval");

    @Test
    void theHeldOutFileIsTheFrozenOne() throws Exception {
        // a sixteenth writer's file, copied 2026-12-07 after its final check (1,064 lines, ids AA-)
        assertThat(sha256(EVAL.resolve("concerns-heldout14.jsonl")))
                .isEqualTo("1bf3d8baf71bdb4b63bc43f2c9d4dc0affb0b0f7b2e5629805c0577657ecdad1");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout14.jsonl"))).isTrue();
        // the fifteenth writer's file is development data since session 20 (both runs spent); content frozen
        assertThat(sha256(EVAL.resolve("concerns-heldout13.jsonl")))
                .isEqualTo("bcb8ff2174a379c8f60c92905e27c0706a99c8475a278fac7d463e618f082c45");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout13.jsonl"))).isFalse();
        // the fourteenth writer's file is development data since session 19 (both runs spent); content frozen
        assertThat(sha256(EVAL.resolve("concerns-heldout12.jsonl")))
                .isEqualTo("141dccb877e4869a8b3b0066ee7f5784a1c817123135d53c25a95c0e1c23839a");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout12.jsonl"))).isFalse();
        // the thirteenth writer's file is development data since session 18 (both runs spent); content frozen
        assertThat(sha256(EVAL.resolve("concerns-heldout11.jsonl")))
                .isEqualTo("7de666b17311539729145c47a931d0dcba15a9d2fefc762008d2f8575a9f2d96");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout11.jsonl"))).isFalse();
        // the twelfth writer's file is development data since session 17 (both runs spent); content frozen
        assertThat(sha256(EVAL.resolve("concerns-heldout10.jsonl")))
                .isEqualTo("d0e4422d241b3f2dc062d4f8bb715be8ec40727aa061b9165521ee68c5b79713");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout10.jsonl"))).isFalse();
        // the eleventh writer's file is development data since session 16 (both runs spent); content frozen
        assertThat(sha256(EVAL.resolve("concerns-heldout9.jsonl")))
                .isEqualTo("ea5dc75df32999d43e474152a59aa102b09a6f137ea40bc8bd187684757add1d");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout9.jsonl"))).isFalse();
        // the ninth and tenth writers' files are development data since session 15 (both runs spent); content frozen
        assertThat(sha256(EVAL.resolve("concerns-heldout8.jsonl")))
                .isEqualTo("ce6088683d3dceb5d8a267933325e0f127c060f4f8f786f9866d89f499c4cd8b");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout8.jsonl"))).isFalse();
        assertThat(sha256(EVAL.resolve("concerns-heldout7.jsonl")))
                .isEqualTo("f9230d4b37864e9d8b0b3921a1b69be5f6d4caafcd713d09f498563cfad15981");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout7.jsonl"))).isFalse();
    }

    @Test
    void readTogetherEachFileIsOneWriterEvenWhenTwoShareAnIdPrefix() {
        // heldout5 (a seventh writer) reuses heldout3's prefix Q: leaving one writer out must leave out one file
        List<ConcernItem> items = ConcernCorpus.readAll(List.of(EVAL.resolve("concerns-heldout3.jsonl"), EVAL.resolve("concerns-heldout5.jsonl")));
        Set<String> writers = items.stream().map(ContextHeadTrainer::writer).collect(Collectors.toCollection(java.util.TreeSet::new));
        assertThat(writers).containsExactly("Q", "Q.heldout5");
        assertThat(items.stream().filter(i -> ContextHeadTrainer.writer(i).equals("Q.heldout5")).count())
                .isEqualTo(ConcernCorpus.read(EVAL.resolve("concerns-heldout5.jsonl")).size());
        assertThat(items.stream().map(ConcernItem::id).distinct().count()).isEqualTo(items.size());
    }

    @Test
    void theSpentHeldOutFilesAreDevelopmentDataUnchanged() throws Exception {
        // both allowed runs of each were spent in sessions 9-10; development data since session 11 (README)
        assertThat(sha256(EVAL.resolve("concerns-heldout2.jsonl")))
                .isEqualTo("e649fdc76bb249d3e3d028962ed979a7fee84e4e53b5ec9da6dd446da5209a38");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout2.jsonl"))).isFalse();
        assertThat(sha256(EVAL.resolve("concerns-heldout3.jsonl")))
                .isEqualTo("48db14a36c0cba44c376f63d52e3a3cd365e570e8de3fb59ff3f9b187f5c120d");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout3.jsonl"))).isFalse();
        // a sixth writer's file, copied 2026-12-06 17:37 UTC; both allowed runs spent in session 11
        assertThat(sha256(EVAL.resolve("concerns-heldout4.jsonl")))
                .isEqualTo("7a3258fd5824745ef73377028a4d69edaf7e41704a1631a0bc1446a0d8f9dc8c");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout4.jsonl"))).isFalse();
        // a seventh writer's file, copied 2026-12-06 20:48 UTC; both allowed runs spent in session 12
        assertThat(sha256(EVAL.resolve("concerns-heldout5.jsonl")))
                .isEqualTo("1b07eb915540b61b968af960f41d909f969b3e5a9215130bea31ed5daa4589a7");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout5.jsonl"))).isFalse();
        // an eighth writer's file, copied 2026-12-07 00:12 UTC; both allowed runs spent in session 13
        assertThat(sha256(EVAL.resolve("concerns-heldout6.jsonl")))
                .isEqualTo("6da03c9395692cae24827c3b9178d33c1b2e6cc873e77d385fdb0c6e96bc529e");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout6.jsonl"))).isFalse();
    }

    @Test
    void theDevelopmentFilesAreTheOnesTheClassifierWasTrainedOn() throws Exception {
        // concerns-heldout.jsonl was held out until its seventh run; it is development data since (README)
        assertThat(sha256(EVAL.resolve("concerns-dev.jsonl"))).isEqualTo("87e7b9e04cb29250f57d8c743ea95fc94967598cafa1f8bdf85f1fb8779a5777");
        assertThat(sha256(EVAL.resolve("concerns-heldout.jsonl"))).isEqualTo("799f2f2ed695f79a9a7c22af58f79aa07108f9975933fa20721a45663983c2e2");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-heldout.jsonl"))).isFalse();
        // a fourth writer's development file, copied 2026-12-06 14:39 UTC (1,200 lines, unchanged for 4 minutes)
        assertThat(sha256(EVAL.resolve("concerns-dev3.jsonl"))).isEqualTo("635cd1fd63adc0143524ca2c80c8fd302e8ab7b4a5efda83b901bfa45b56c642");
        assertThat(ConcernCorpus.isHeldOut(EVAL.resolve("concerns-dev3.jsonl"))).isFalse();
    }

    @Test
    void everyFileParsesWithConcernsOfTheMapAndKnownContexts() throws Exception {
        Set<String> concerns = new java.util.HashSet<>();
        new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(EVAL.resolve("concerns.yaml").toFile()).fieldNames().forEachRemaining(concerns::add);
        for (String file : List.of("concerns-dev.jsonl", "concerns-heldout.jsonl", "concerns-heldout2.jsonl",
                "concerns-heldout3.jsonl", "concerns-dev3.jsonl", "concerns-heldout4.jsonl",
                "concerns-heldout5.jsonl", "concerns-heldout6.jsonl", "concerns-heldout7.jsonl",
                "concerns-heldout8.jsonl", "concerns-heldout9.jsonl", "concerns-heldout10.jsonl",
                "concerns-heldout11.jsonl", "concerns-heldout12.jsonl", "concerns-heldout13.jsonl", "concerns-heldout14.jsonl")) {
            List<ConcernItem> items = ConcernCorpus.read(EVAL.resolve(file));
            assertThat(items).as(file).hasSizeGreaterThan(800);
            Set<String> unknown = items.stream().map(ConcernItem::concern).filter(c -> !c.equals(ConcernItem.NONE) && !concerns.contains(c))
                    .collect(Collectors.toSet());
            assertThat(unknown).as(file + ": concerns not in concerns.yaml").isEmpty();
            assertThat(items.stream().map(ConcernItem::id).distinct().count()).as(file + ": ids unique").isEqualTo(items.size());
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void theCrossSentenceSetsParseAndTheirFrozenHalfIsUnchanged() throws Exception {
        // issue #20, session 17 (context6): our own cross-sentence set, written before any change; the frozen half was
        // committed before tuning (db03f30) and is never tuned on (docs/history/2026-12-07-context6-session.md)
        Path own = Path.of("..", "core", "src", "test", "resources", "nlp");
        assertThat(sha256(own.resolve("cross-sentence-frozen.jsonl")))
                .isEqualTo("154d62878b30ff05720d2e37e7714e398233e6d9c2366e554955b61019482873");
        assertThat(ConcernCorpus.read(own.resolve("cross-sentence-frozen.jsonl"))).hasSize(75);
        assertThat(ConcernCorpus.read(own.resolve("cross-sentence-tune.jsonl"))).hasSize(71);
    }
}

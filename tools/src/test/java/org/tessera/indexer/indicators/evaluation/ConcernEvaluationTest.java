package org.tessera.indexer.indicators.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.indicators.evaluation.ConcernEvaluation.ItemHit;
import org.tessera.indexer.indicators.evaluation.ConcernEvaluation.Tally;

class ConcernEvaluationTest {

    private static final ConcernMap MAP = new ConcernMap(Map.of("alcohol", Set.of("PAR14"), "neglect", Set.of("NEG01", "NEG02")));

    private static ConcernItem item(String id, String concern, String context) {
        return new ConcernItem(id, "text " + id, concern, context, "parent", "police", 9.0);
    }

    private static ItemHit full(String id) {
        return new ItemHit(id, 1.0, "w");
    }

    @Test
    void affirmedRecallCountsOnlyAFullWeightHitOfTheConcernsOwnIndicators() {
        List<ConcernItem> items = List.of(item("a1", "alcohol", "affirmed"), item("a2", "alcohol", "affirmed"),
                item("a3", "alcohol", "affirmed"), item("a4", "alcohol", "affirmed"));
        List<List<ItemHit>> hits = List.of(List.of(full("PAR14")), List.of(full("NEG01")), List.of(new ItemHit("PAR14", 0.5, "w")),
                List.of(new ItemHit("PAR14", 0.0, "w"), full("PAR14")));

        ConcernEvaluation result = ConcernEvaluation.of(items, hits, MAP);

        assertThat(result.concerns().get("alcohol").affirmedRecall()).isEqualTo(new Tally(2, 4));
        assertThat(result.misses()).extracting(m -> m.item().id()).containsExactly("a2", "a3");
        assertThat(result.misses()).allMatch(m -> m.kind().equals("affirmed missed"));
    }

    @Test
    void nonAffirmedItemsCountAgainstPerContextAndReducedHitsAreReportedApart() {
        List<ConcernItem> items = List.of(item("n1", "neglect", "negated"), item("n2", "neglect", "negated"),
                item("h1", "neglect", "historical"), item("h2", "neglect", "historical"), item("u1", "neglect", "uncertain"),
                item("y1", "neglect", "hypothetical"), item("x1", "neglect", "affirmed"));
        List<List<ItemHit>> hits = List.of(List.of(full("NEG02")), List.of(new ItemHit("NEG01", 0.0, "w")),
                List.of(new ItemHit("NEG01", 0.5, "w")), List.of(full("NEG01")), List.of(full("PAR14")), List.of(), List.of(full("NEG01")));

        ConcernEvaluation result = ConcernEvaluation.of(items, hits, MAP);
        ConcernEvaluation.ConcernFigures neglect = result.concerns().get("neglect");

        assertThat(neglect.items()).isEqualTo(7);
        assertThat(neglect.affirmedRecall()).isEqualTo(new Tally(1, 1));
        assertThat(neglect.nonAffirmedFull()).isEqualTo(new Tally(2, 6));
        assertThat(neglect.byContext()).containsEntry("negated", new Tally(1, 2)).containsEntry("historical", new Tally(1, 2))
                .containsEntry("uncertain", new Tally(0, 1)).containsEntry("hypothetical", new Tally(0, 1));
        assertThat(neglect.reduced()).isEqualTo(new Tally(1, 3));
        assertThat(result.misses()).extracting(m -> m.item().id() + ":" + m.kind()).containsExactly("n1:negated counted", "h2:historical counted");
    }

    @Test
    void distractorsCountOnAnyFullWeightHitAndOverallSumsTheConcerns() {
        List<ConcernItem> items = List.of(item("d1", "none", "affirmed"), item("d2", "none", "affirmed"), item("d3", "none", "negated"),
                item("a1", "alcohol", "affirmed"), item("n1", "neglect", "affirmed"), item("n2", "neglect", "negated"));
        List<List<ItemHit>> hits = List.of(List.of(full("EDU01")), List.of(new ItemHit("PAR14", 0.5, "w")), List.of(),
                List.of(full("PAR14")), List.of(), List.of(full("NEG01")));

        ConcernEvaluation result = ConcernEvaluation.of(items, hits, MAP);

        assertThat(result.distractors()).isEqualTo(new Tally(1, 3));
        assertThat(result.overall().items()).isEqualTo(3);
        assertThat(result.overall().affirmedRecall()).isEqualTo(new Tally(1, 2));
        assertThat(result.overall().nonAffirmedFull()).isEqualTo(new Tally(1, 1));
        assertThat(result.render(true)).contains("OVERALL", "1/2 0.50", "none distractors counting at full weight: 1/3 0.33",
                "d1\tnone\tdistractor counted", "n1\tneglect\taffirmed missed");
    }

    @Test
    void theCorpusReaderNamesTheLineOfABadItem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.jsonl");
        Files.writeString(file, """
                {"id":"a","text":"Mum drinks daily","concern":"alcohol","context":"affirmed","agency":"police","subject_age":4}

                {"id":"b","text":"x","concern":"alcohol","context":"maybe"}
                """);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConcernCorpus.read(file))
                .hasMessageContaining("line 3").hasMessageContaining("maybe");
        Files.writeString(file, """
                {"id":"a","text":"Mum drinks daily","concern":"alcohol","context":"affirmed","agency":"police","subject_age":4}
                """);
        assertThat(ConcernCorpus.read(file)).containsExactly(new ConcernItem("a", "Mum drinks daily", "alcohol", "affirmed", null, "police", 4.0));
    }
}

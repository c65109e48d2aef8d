package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.opensearch.index.RefreshPause;

/**
 * On a run into stored indices the event stage keeps every event whose basis (record, people,
 * households) is as stored: not analysed, not percolated, not written, shown to the batch stages as
 * kept (ADR 0025). An event whose record changed goes the whole way.
 */
@ExtendWith(OpenSearchExtension.class)
class StoredEventsIT {

    /** An analyzer that finds nothing and counts the texts it is given. */
    private static final class CountingAnalyzer implements TextAnalyzer {
        final AtomicInteger texts = new AtomicInteger();

        @Override
        public TextAnalysis analyze(String text) {
            texts.incrementAndGet();
            return new TextAnalysis(List.of(), List.of(), List.of());
        }

        @Override
        public MentionContext contextOf(String text, int start, int end) {
            throw new AssertionError("not asked by the event stage");
        }
    }

    @Test
    void aRunIntoStoredIndicesKeepsTheEventsWhoseBasisIsAsStoredWithoutAnalysingPercolatingOrWritingThem(
            TestOpenSearch os, @TempDir Path quarantine, @TempDir Path changed) throws Exception {
        try (StageFixture run = new StageFixture(os, quarantine, "ingest-stored-events")) {
            CountingAnalyzer analyzer = new CountingAnalyzer();
            Gathered gathered = run.gathered(StageFixture.county());
            Linked linked = run.linkStage().link(gathered);
            EventsWritten first = write(run, os, new RecordingBatchStage(), analyzer, gathered, linked);
            int analysedFirst = analyzer.texts.get();
            assertThat(first.firstLoad()).isTrue();
            assertThat(analysedFirst).isPositive();
            Map<String, JsonNode> storedBefore = storedEvents(os);

            // the same records again: every event kept as stored, nothing analysed, staged or written
            RecordingBatchStage again = new RecordingBatchStage();
            EventsWritten second = write(run, os, again, analyzer, gathered, linked);
            assertThat(second.firstLoad()).isFalse();
            assertThat(again.firstLoad).isFalse();
            assertThat(again.staged).isEmpty();
            assertThat(again.kept).containsExactlyInAnyOrder("INC-001", "INC-002", "INC-005", "HV-1", "HV-2", "REF-77");
            assertThat(analyzer.texts.get()).isEqualTo(analysedFirst);
            assertThat(second.producedEvents()).isEqualTo(first.producedEvents());
            assertThat(second.producedPerSource()).isEqualTo(first.producedPerSource());
            assertThat(second.profiles().keySet()).isEqualTo(first.profiles().keySet());
            assertThat(second.written().written()).isZero();
            assertThat(second.written().unchanged()).isEqualTo(6);
            assertThat(storedEvents(os)).isEqualTo(storedBefore);

            // one visit's note changed: that event alone goes the whole way
            Path county = StageFixture.countyCopy(changed, Map.of("child_health_visits.csv", lines -> lines.stream()
                    .map(line -> line.startsWith("2;") ? line.replace("with grandmother", "with grandmother and uncle") : line)
                    .toList()));
            Gathered edited = run.gathered(county);
            RecordingBatchStage third = new RecordingBatchStage();
            EventsWritten last = write(run, os, third, analyzer, edited, run.linkStage().link(edited));
            assertThat(third.staged).containsExactly("HV-2");
            assertThat(third.kept).containsExactlyInAnyOrder("INC-001", "INC-002", "INC-005", "HV-1", "REF-77");
            assertThat(analyzer.texts.get()).isEqualTo(analysedFirst + 1);
            assertThat(last.written().written()).isEqualTo(1);
            Map<String, JsonNode> storedAfter = storedEvents(os);
            assertThat(storedAfter.keySet()).isEqualTo(storedBefore.keySet());
            assertThat(storedAfter.values().stream().filter(doc -> String.valueOf(Event.fromDocument(doc).text()).contains("and uncle"))).hasSize(1);
        }
    }

    private static EventsWritten write(StageFixture run, TestOpenSearch os, RecordingBatchStage seen, TextAnalyzer analyzer, Gathered gathered,
                                       Linked linked) {
        try (RefreshPause pause = RefreshPause.of(os.connection(), os.alias("events"))) {
            return run.eventStage(List.of(seen), analyzer).write(gathered, linked);
        }
    }

    /** Every stored event document, by id. */
    private static Map<String, JsonNode> storedEvents(TestOpenSearch os) {
        Map<String, JsonNode> stored = new TreeMap<>();
        os.connection().scroll(os.alias("events"), EngineJson.parse("{\"size\":100,\"query\":{\"match_all\":{}}}"),
                hit -> stored.put(hit.path("_id").asText(), hit.path("_source")));
        return stored;
    }
}

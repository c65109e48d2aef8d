package org.tessera.indexer.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * A first load into empty indices runs the indicators as searches after the events are written;
 * every later run percolates. The second run over the same input finds every document it would
 * write already stored, hits and hashes included: the two paths store the same documents.
 */
@ExtendWith(OpenSearchExtension.class)
class FirstLoadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSecondRunOverTheSameInputPercolatesAndFindsEveryDocumentUnchanged(TestOpenSearch os, @TempDir Path work) throws Exception {
        new CountyGenerator(GeneratorSettings.preset("300-children", 777, 3, LocalDate.of(2026, 6, 30))).generate(work.resolve("county"));
        Path data = work.resolve("county").resolve("data");
        IngestReport first;
        IngestReport second;
        Map<String, String> hitsAfterFirst;
        Map<String, String> reviewPairsAfterFirst;
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            first = IngestPipelines.standard(os.connection(), null, extractor, IngestSettings.defaults(work.resolve("q1")),
                    Clock.systemUTC()).ingest(data);
            hitsAfterFirst = storedHits(os);
            reviewPairsAfterFirst = storedReviewPairs(os);
            second = IngestPipelines.standard(os.connection(), null, extractor, IngestSettings.defaults(work.resolve("q2")),
                    Clock.systemUTC()).ingest(data);
        }
        assertThat(first.count("first_load")).isEqualTo(1);
        assertThat(second.count("first_load")).isZero();
        assertThat(hitsAfterFirst.values().stream().filter(hits -> !hits.startsWith("[]")).count())
                .as("events with hits").isGreaterThan(100);
        assertThat(second.count("documents_written")).as("documents the percolating run had to rewrite").isZero();
        assertThat(second.count("documents_unchanged")).isEqualTo(first.count("documents_written"));
        assertThat(storedHits(os)).isEqualTo(hitsAfterFirst);
        // linkage's review queue, written beside the event stage, is whole when the run returns
        assertThat(first.count("review_pairs")).isGreaterThan(0);
        assertThat(reviewPairsAfterFirst).hasSize((int) first.count("review_pairs"))
                .allSatisfy((id, stored) -> assertThat(stored).startsWith("open"));
        assertThat(storedReviewPairs(os)).isEqualTo(reviewPairsAfterFirst);
    }

    private static Map<String, String> storedReviewPairs(TestOpenSearch os) {
        os.connection().raw("POST", "/" + os.alias("linkage") + "/_refresh", null);
        Map<String, String> pairs = new TreeMap<>();
        new EventQueries(os.connection()).scroll(os.alias("linkage"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("status", "content_hash"), (id, source) -> pairs.put(id, source.path("status").asText() + source.path("content_hash").asText()));
        return pairs;
    }

    private static Map<String, String> storedHits(TestOpenSearch os) {
        os.refresh();
        Map<String, String> hits = new TreeMap<>();
        new EventQueries(os.connection()).scroll(os.alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("hits", "content_hash"), (id, source) -> hits.put(id, source.path("hits").toString() + source.path("content_hash")));
        return hits;
    }
}

package org.tessera.indexer.watchlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * The watchlist ranked in batches (what the portal and {@link WatchlistService} do, so that the
 * memory a ranking holds follows a batch, not the county) is the list ranked from every candidate's
 * history at once: a generated county ingested through the standard pipeline into a real engine,
 * the children its period's hits reach ranked at once and in batches of the default size, of 7 and
 * of 1, entry for entry (rank, section, score, reason...); and the list read from the standings
 * the ingest stored with each child's risk ({@link StoredWatchlist}) is the list ranked from the
 * histories as of the ingest's day.
 */
@ExtendWith(OpenSearchExtension.class)
class WatchlistBatchesIT {

    private static final LocalDate END = GeneratorSettings.DEFAULT_END;
    private static final Clock CLOCK = Clock.fixed(END.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

    @Test
    void batchesOfAnySizeGiveTheListRankedAtOnce(TestOpenSearch os, @TempDir Path work) throws Exception {
        os.indices().deleteAll();
        os.indices().ensureAll();
        new CountyGenerator(GeneratorSettings.preset("250-children", 19, 1, END)).generate(work);
        IngestPipelines.loadIndicators(os.connection());
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            IngestReport report = IngestPipelines.standard(os.connection(), null, extractor,
                    IngestSettings.defaults(work.resolve("quarantine")), CLOCK).ingest(work.resolve("data"));
            assertThat(report.wasRefused()).isFalse();
        }
        os.refresh();
        ScoreService scores = ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), true);
        WatchlistRanker ranker = new WatchlistRanker(scores.scorer());
        int period = scores.scorer().parameters().watchlist().periodDays();
        Set<String> candidates = scores.loader().childrenReachedBetween(END.minusDays(period - 1L), END);

        List<WatchlistEntry> atOnce = ranker.rank(scores.loader().load(candidates, END), END, period, Map.of());
        System.out.printf("WatchlistBatchesIT: %d candidates, %d listed%n", candidates.size(), atOnce.size());
        assertThat(atOnce.size()).as("a list long enough to be out of order").isGreaterThanOrEqualTo(5);
        assertThat(candidates.size()).isGreaterThan(2 * atOnce.size());
        for (int batch : new int[] {500, 7, 1}) {
            List<WatchlistEntry> batched = ranker.rankInBatches(scores.loader(), candidates, batch, END, period, Map.of(), false,
                    (entry, now) -> null).stream().map(WatchlistRanker.Ranked::entry).toList();
            assertThat(batched).as("batches of %d", batch).containsExactlyElementsOf(atOnce);
        }
        // The service's list (batched) is the same list.
        assertThat(new WatchlistService(scores, new ReviewStore(os.connection()), CLOCK).watchlist(END, period, 10_000))
                .containsExactlyElementsOf(atOnce);

        // The list from the standings the ingest's rescore stored (as of its day) is the list ranked
        // from the histories of every child its period's hits reach, entry for entry, with the same
        // newest adding evidence (a dismissal is compared with it): ADR 0049.
        LocalDate day = LocalDate.now(CLOCK);
        Set<String> reached = scores.loader().childrenReachedBetween(day.minusDays(period - 1L), day);
        List<WatchlistRanker.Ranked<LocalDate>> fromHistories = ranker.rankInBatches(scores.loader(), reached, 500, day, period, Map.of(),
                false, (entry, now) -> now.latestAddingEvidence());
        StoredWatchlist.Read stored = new StoredWatchlist(os.connection()).read(day, period, List.of(), (id, source) -> { });
        System.out.printf("WatchlistBatchesIT: %d stored amber or red read, %d listed from their standings, %d undecided; %d listed from"
                + " the histories of %d children%n", stored.read(), stored.listed().size(), stored.undecided().size(), fromHistories.size(),
                reached.size());
        assertThat(fromHistories.size()).as("a list long enough to be out of order").isGreaterThanOrEqualTo(5);
        assertThat(stored.undecided()).as("every standing stored for the ingest's day").isEmpty();
        List<WatchlistRanker.Ranked<LocalDate>> fromStandings = WatchlistRanker.numbered(new java.util.ArrayList<>(stored.listed()));
        assertThat(fromStandings.stream().map(WatchlistRanker.Ranked::entry).toList())
                .containsExactlyElementsOf(fromHistories.stream().map(WatchlistRanker.Ranked::entry).toList());
        assertThat(fromStandings.stream().map(WatchlistRanker.Ranked::kept).toList())
                .containsExactlyElementsOf(fromHistories.stream().map(WatchlistRanker.Ranked::kept).toList());
    }
}

package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.arrivals.IndexedWatchlist;
import org.tessera.indexer.arrivals.WatchlistChange;
import org.tessera.indexer.arrivals.WatchlistSnapshot;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestReport;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.DeltaSplitter;
import org.tessera.indexer.synthetic.GeneratorSettings;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistService;

/**
 * An ingest into stored indices rescores only the children its changes reach, and that is the
 * same as rescoring every child: a generated county's history, then its daily deltas (new and
 * replaced records, a snapshot source delivered whole on day 2, a record withdrawn by tombstone on
 * day 5, persons merged by incremental linking); after each day, every child's stored
 * {@code risk} equals what a full rescore of the same index then writes, and the watchlist
 * changes found from the rescored children alone (before and after, as an arrival finds them)
 * equal those of comparing the whole watchlist before and after.
 */
@ExtendWith(OpenSearchExtension.class)
class ScopedRescoreIT {

    private static final LocalDate END = GeneratorSettings.DEFAULT_END;
    /** The generator's shortest split (its special arrivals need 20 days); the first {@link #DAYS} are applied. */
    private static final int SPLIT_DAYS = 20;
    private static final int DAYS = 6;
    private static final Clock CLOCK = Clock.fixed(END.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final LocalDate AS_OF = LocalDate.now(CLOCK);

    @Test
    void eachDeltaRescoresWhatItReachesAsAFullRescoreWouldAndAlertsAsTheWholeListWould(TestOpenSearch os, @TempDir Path work)
            throws Exception {
        os.indices().deleteAll();
        os.indices().ensureAll();
        new CountyGenerator(GeneratorSettings.preset("250-children", 19, 1, END)).generate(work);
        DeltaSplitter.Split split = new DeltaSplitter(SourceMappings.loadAllFromClasspath("mappings/sources")).split(work, END, SPLIT_DAYS);
        assertThat(split.tombstoned()).isNotNull();
        ScoreService scores = ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), true);
        IndexedWatchlist look = new IndexedWatchlist(scores, new ReviewStore(os.connection()), CLOCK, () -> AS_OF);
        WatchlistService watchlist = new WatchlistService(scores, new ReviewStore(os.connection()), CLOCK);
        List<List<WatchlistChange>> found = new ArrayList<>();
        List<Integer> rescoredCounts = new ArrayList<>();
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            IngestPipeline pipeline = IngestPipelines.standard(os.connection(), null, extractor,
                    IngestSettings.defaults(work.resolve("quarantine")), CLOCK, rescored -> {
                        // as the arrival does: the rescored children's entries before and after
                        List<WatchlistEntry> before = look.entries(rescored.before(), rescored.children());
                        List<WatchlistEntry> after = look.entries(rescored.after(), rescored.children());
                        found.add(WatchlistSnapshot.of(before).changesTo(WatchlistSnapshot.of(after),
                                after.stream().map(WatchlistEntry::personId).toList(), look.minRise()));
                        rescoredCounts.add(rescored.children().size());
                    });
            IngestReport history = pipeline.ingest(work.resolve("history"));
            assertThat(history.wasRefused()).isFalse();
            int day = 0;
            long withdrawn = 0;
            List<String> lines = Files.readAllLines(work.resolve("deltas/schedule.txt"), StandardCharsets.UTF_8);
            for (String line : lines) {
                if (day == DAYS) {
                    break;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                String folder = line.split(" ", 3)[0];
                os.refresh();
                List<WatchlistEntry> listBefore = watchlist.watchlist(AS_OF, watchlist.defaultPeriodDays(), 100_000);
                Set<String> children = children(os);
                found.clear();
                rescoredCounts.clear();
                IngestReport report = pipeline.ingest(work.resolve("deltas").resolve(folder));
                assertThat(report.refused()).as(line).isNull();
                day++;
                withdrawn += report.count("withdrawn_events");
                assertThat(found).as("%s: the rescore told its children once", line).hasSize(1);

                Map<String, JsonNode> scoped = risks(os);
                scores.rescoreAll(AS_OF);
                Map<String, JsonNode> full = risks(os);
                Set<String> all = new TreeSet<>(full.keySet());
                all.addAll(scoped.keySet());
                List<String> differing = all.stream().filter(child -> !same(scoped.get(child), full.get(child))).toList();
                assertThat(differing).as("%s: children whose scoped risk differs from a full rescore's (%s)", line,
                        differing.stream().limit(5).map(c -> c + " scoped " + scoped.get(c) + " full " + full.get(c)).toList()).isEmpty();

                List<WatchlistEntry> listAfter = watchlist.watchlist(AS_OF, watchlist.defaultPeriodDays(), 100_000);
                List<WatchlistChange> whole = WatchlistSnapshot.of(listBefore).changesTo(WatchlistSnapshot.of(listAfter),
                        listAfter.stream().map(WatchlistEntry::personId).toList(), look.minRise());
                assertThat(found.getFirst()).as("%s: watchlist changes from the rescored children vs the whole list", line)
                        .isEqualTo(whole);
                System.out.printf("ScopedRescoreIT: %s: %d records read, %d of %d children rescored, %d events unchanged, "
                                + "%d watchlist changes, %d on the list%n", folder, report.count("records_read"), rescoredCounts.getFirst(),
                        children.size(), report.count("documents_unchanged"), whole.size(), listAfter.size());
                if (day > 1) {
                    assertThat(rescoredCounts.getFirst()).as("%s: a day's delta rescores only what it reaches", line)
                            .isLessThan(children.size() / 2);
                }
            }
            assertThat(day).isEqualTo(DAYS);
            assertThat(withdrawn).as("the tombstoned record's event was withdrawn").isGreaterThan(0);
        }
    }

    /** A score of 0 without a trend is the same as no score: full rescoring writes it only to children it reaches. */
    private static boolean same(JsonNode a, JsonNode b) {
        return a == null || b == null ? blank(a) && blank(b) : a.equals(b);
    }

    private static boolean blank(JsonNode risk) {
        return risk == null || (risk.path("score").asDouble() == 0 && risk.path("velocity").asDouble() == 0);
    }

    private static Set<String> children(TestOpenSearch os) {
        Set<String> ids = new TreeSet<>();
        ObjectNode query = EventQueries.object();
        query.putObject("term").put("is_child", true);
        new EventQueries(os.connection()).scroll(os.alias("persons"), query, List.of("person_id"), (id, source) -> ids.add(id));
        return ids;
    }

    /** Every child's stored {@code risk}, by id (persons without one left out). */
    private static Map<String, JsonNode> risks(TestOpenSearch os) {
        os.refresh();
        Map<String, JsonNode> risk = new TreeMap<>();
        ObjectNode withRisk = EventQueries.object();
        withRisk.putObject("exists").put("field", "risk.as_of");
        new EventQueries(os.connection()).scroll(os.alias("persons"), withRisk, List.of("risk"),
                (id, source) -> risk.put(id, source.path("risk")));
        return risk;
    }
}

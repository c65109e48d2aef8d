package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.BeforeAll;
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
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;

/**
 * The ingest scores children from what it saw of the events it wrote (an {@link EventLedger}),
 * not from the index: on a generated county, the ledger's histories and reach equal the index
 * loader's for every child at several dates, and the scores the ingest stored equal those of a
 * rescore from the index afterwards.
 */
@ExtendWith(OpenSearchExtension.class)
class EventLedgerIT {

    private static final LocalDate END = LocalDate.parse("2026-06-30");

    @TempDir
    static Path work;
    static IngestReport report;

    @BeforeAll
    static void ingest(TestOpenSearch os) throws Exception {
        new CountyGenerator(GeneratorSettings.preset("300-children", 4242, 3, END)).generate(work);
        IngestPipelines.loadIndicators(os.connection());
        Clock atEnd = Clock.fixed(END.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        try (TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults())) {
            report = IngestPipelines.standard(os.connection(), null, extractor, IngestSettings.defaults(work.resolve("quarantine")),
                    atEnd).ingest(work.resolve("data"));
        }
        os.refresh();
    }

    @Test
    void aFreshFullIngestHoldsExactlyItsEventsSoItScoresFromItsLedger() {
        assertThat(report.count("events")).isGreaterThan(1_000);
        assertThat(report.count("events_index_complete")).isEqualTo(1);
    }

    @Test
    void theLedgersHistoriesAndReachEqualTheIndexLoadersForEveryChildAtSeveralDates(TestOpenSearch os) {
        ScoreService scores = ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), false);
        EventLedger ledger = new EventLedger(ScoringParameters.loadDefault());
        new EventQueries(os.connection()).scroll(os.alias("events"), EventQueries.object().set("match_all", EventQueries.object()),
                List.of("*"), (id, source) -> ledger.record(source));
        assertThat(ledger.eventsWithHits()).isGreaterThan(50);

        for (LocalDate asOf : List.of(END, END.minusDays(200), END.minusDays(700))) {
            Set<String> fromIndex = scores.loader().childrenReachedBetween(asOf.minusDays(730), asOf);
            Set<String> fromLedger = ledger.childrenReachedBetween(asOf.minusDays(730), asOf);
            assertThat(new TreeSet<>(fromLedger)).as("children reached as of %s", asOf).isEqualTo(new TreeSet<>(fromIndex));
            assertThat(fromIndex).hasSizeGreaterThan(20);

            List<String> children = new ArrayList<>(fromIndex);
            Map<String, ChildHistory> indexed = scores.loader().load(children, asOf);
            Map<String, ChildHistory> remembered = ledger.load(children, asOf);
            int scored = 0;
            for (String child : children) {
                ChildHistory a = indexed.get(child);
                ChildHistory b = remembered.get(child);
                assertThat(b.households()).as("where %s lived", child).isEqualTo(a.households());
                RiskAssessment expected = scores.scorer().assess(a, asOf);
                assertThat(scores.scorer().assess(b, asOf)).as("%s as of %s", child, asOf).isEqualTo(expected);
                if (expected.now().score() > 0) {
                    scored++;
                }
            }
            assertThat(scored).as("children with a score as of %s", asOf).isGreaterThan(10);
        }
    }

    @Test
    void theScoresTheIngestStoredEqualARescoreFromTheIndex(TestOpenSearch os) {
        // a first load: the scores went out with the person documents, not as updates after them
        assertThat(report.count("scored_with_persons")).isGreaterThan(20);
        Map<String, JsonNode> stored = storedRisk(os);
        assertThat(stored).hasSizeGreaterThan(20);
        // every scored child's risk went out with its document: the closing rescore added none
        assertThat(stored).hasSize((int) report.count("scored_with_persons"));
        ScoreService.fromIndex(os.connection(), ScoringParameters.loadDefault(), true).rescoreAll(END);
        assertThat(storedRisk(os)).isEqualTo(stored);
    }

    private static Map<String, JsonNode> storedRisk(TestOpenSearch os) {
        os.refresh();
        Map<String, JsonNode> risk = new TreeMap<>();
        ObjectNode withRisk = EventQueries.object();
        withRisk.putObject("exists").put("field", "risk.as_of");
        new EventQueries(os.connection()).scroll(os.alias("persons"), withRisk, List.of("risk"),
                (id, source) -> risk.put(id, source.path("risk")));
        return risk;
    }
}

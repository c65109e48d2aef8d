package org.tessera.indexer.arrivals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.IngestPipeline;
import org.tessera.indexer.ingest.pipeline.IngestPipelines;
import org.tessera.indexer.ingest.pipeline.IngestSettings;
import org.tessera.indexer.opensearch.OpenSearchExtension;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.scoring.RescoredChildren;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;
import org.tessera.indexer.synthetic.CountyGenerator;
import org.tessera.indexer.synthetic.GeneratorSettings;
import org.tessera.indexer.watchlist.ReviewStore;
import org.tessera.indexer.watchlist.WatchlistEntry;
import org.tessera.indexer.watchlist.WatchlistService;

/**
 * The day's data through the drop folder, on a generated county already loaded: a settled file is
 * applied through the ordinary ingest and a child who enters the watchlist gets a stored alert;
 * a file still being written ({@code .part}) is left alone; the same content again is a replay,
 * not applied twice; a file no mapping claims and one of the wrong layout are refused with the
 * reason and quarantined. Every arrival is a job in the {@code jobs} index.
 */
@ExtendWith(OpenSearchExtension.class)
class ArrivalsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate END = LocalDate.of(2026, 6, 30);

    @TempDir
    static Path work;
    static TikaTextExtractor extractor;
    static ArrivalProcessor processor;
    static DropFolderWatcher watcher;
    static final List<Alert> heard = new CopyOnWriteArrayList<>();
    static final List<ArrivalResult> results = new CopyOnWriteArrayList<>();
    static WatchlistService watchlist;

    @BeforeAll
    static void loadCounty(TestOpenSearch os) throws Exception {
        os.indices().deleteAll();
        os.indices().ensureAll();
        new CountyGenerator(GeneratorSettings.preset("150-children", 1919, 2, END)).generate(work.resolve("county"));
        extractor = new TikaTextExtractor(ExtractionLimits.defaults());
        Clock clock = Clock.systemUTC();
        // the arrival in progress hears which children its ingest rescored
        AtomicReference<Consumer<RescoredChildren>> rescoredTo = new AtomicReference<>(rescored -> { });
        IngestPipeline pipeline = IngestPipelines.standard(os.connection(), null, extractor,
                new IngestSettings(work.resolve("quarantine"), 2000, true, false), clock, rescored -> rescoredTo.get().accept(rescored));
        pipeline.ingest(work.resolve("county").resolve("data"));
        os.refresh();
        ScoreService scores = ScoreService.of(os.connection(), ScoringParameters.loadDefault(), IndicatorCatalogue.loadDefault(), false);
        watchlist = new WatchlistService(scores, new ReviewStore(os.connection()), clock);
        processor = new ArrivalProcessor(os.connection(), SourceMappings.loadAllFromClasspath("mappings/sources"),
                (folder, rescored) -> {
                    rescoredTo.set(rescored);
                    try {
                        return pipeline.ingest(folder);
                    } finally {
                        rescoredTo.set(r -> { });
                    }
                },
                new IndexedWatchlist(scores, new ReviewStore(os.connection()), clock, () -> END),
                work.resolve("arrivals-work"), work.resolve("quarantine"), clock);
        processor.addListener(heard::addAll);
        watcher = new DropFolderWatcher(work.resolve("drop"), processor, Duration.ofMillis(300), Duration.ofHours(1), results::add);
        watcher.start();
    }

    @AfterAll
    static void close() throws Exception {
        watcher.close();
        processor.close();
        extractor.close();
    }

    /** A high-risk domestic incident (DASH high) with a child present, about a family the county does not hold. */
    private static String incident(String ref) {
        return "incident_ref,occurred,incident_type,incident_type_desc,narrative,officer_notes,dash,outcome,loc_street,loc_town,loc_postcode,"
                + "involvement,forename,surname,aka,dob,sex,addr1,addr2,postcode,nhs_no,pnc_id,person_ref\r\n"
                + ref + ",29/06/2026 23:10,DOM,Domestic incident,\"Officers attended; the mother had been assaulted by her partner. "
                + "Her son Zebedee (9) was in the house.\",DASH completed,H,arrest,7 Quillon Row,Tessford,TC9 9ZZ,VICTIM,Marguerite,Quillfeather,,"
                + "02/02/1990,F,7 Quillon Row,Tessford,TC9 9ZZ,,,QX-1\r\n"
                + ref + ",29/06/2026 23:10,DOM,Domestic incident,,,H,arrest,7 Quillon Row,Tessford,TC9 9ZZ,CHILD,Zebedee,Quillfeather,,"
                + "11/04/2017,M,7 Quillon Row,Tessford,TC9 9ZZ,,,QX-2\r\n";
    }

    @Test
    void aSettledDropIsAppliedOnceAndAChildEnteringTheWatchlistIsAlerted(TestOpenSearch os) throws Exception {
        Path drop = watcher.folder();
        Path part = drop.resolve("police_incidents_2026-06-29.csv.part");
        Files.writeString(part, incident("INC-ARR-1"), StandardCharsets.UTF_8);
        assertThat(watcher.scanOnce()).as("a .part file is never taken").isZero();
        Path complete = drop.resolve("police_incidents_2026-06-29.csv");
        Files.move(part, complete);
        assertThat(watcher.scanOnce()).as("first sight: not settled yet").isZero();
        Thread.sleep(400);
        os.refresh();
        List<WatchlistEntry> listBefore = watchlist.watchlist(END, watchlist.defaultPeriodDays(), 100_000);
        assertThat(watcher.scanOnce()).isEqualTo(1);

        ArrivalResult result = results.getLast();
        assertThat(result).isInstanceOf(ArrivalResult.Applied.class);
        ArrivalResult.Applied applied = (ArrivalResult.Applied) result;
        assertThat(applied.counts()).containsEntry("records_read", 1L);
        assertThat(applied.changes()).as("the child entered the watchlist").anySatisfy(change -> {
            assertThat(change.kind()).isEqualTo(WatchlistChange.Kind.ENTERED);
            assertThat(change.band()).isEqualTo("red");
        });
        // found from the rescored children alone, as comparing the whole list before and after finds them
        os.refresh();
        List<WatchlistEntry> listAfter = watchlist.watchlist(END, watchlist.defaultPeriodDays(), 100_000);
        assertThat(applied.changes()).isEqualTo(WatchlistSnapshot.of(listBefore).changesTo(WatchlistSnapshot.of(listAfter),
                listAfter.stream().map(WatchlistEntry::personId).toList(), ScoringParameters.loadDefault().watchlist().minRise()));
        assertThat(applied.alerts()).hasSameSizeAs(applied.changes());
        assertThat(heard).extracting(Alert::alertId).containsAll(applied.alerts().stream().map(Alert::alertId).toList());
        assertThat(applied.alerts()).anySatisfy(alert -> assertThat(alert.postcodeDistricts()).contains("TC9"));
        assertThat(Files.list(drop.resolve(DropFolderWatcher.APPLIED)).toList()).hasSize(1);
        JsonNode job = doc(os, "jobs", applied.jobId());
        assertThat(job.path("kind").asText()).isEqualTo("arrival");
        assertThat(job.path("status").asText()).isEqualTo("finished");
        assertThat(job.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(job.path("message").asText()).contains("Applied by " + applied.ingestJobId()).contains("1 entered");
        assertThat(doc(os, "alerts", applied.alerts().getFirst().alertId()).path("arrival_job_id").asText()).isEqualTo(applied.jobId());

        // The same content under another name: a replay, recorded as a job, not applied again.
        long eventsBefore = os.connection().count("events");
        Files.writeString(drop.resolve("police_incidents_2026-06-29-resent.csv"), incident("INC-ARR-1"), StandardCharsets.UTF_8);
        Thread.sleep(10);
        watcher.scanOnce();
        Thread.sleep(400);
        assertThat(watcher.scanOnce()).isEqualTo(1);
        assertThat(results.getLast()).isInstanceOfSatisfying(ArrivalResult.Replayed.class,
                replay -> assertThat(replay.firstJobId()).isEqualTo(applied.jobId()));
        assertThat(doc(os, "jobs", results.getLast().jobId()).path("message").asText()).contains("Replay").contains(applied.jobId());
        assertThat(os.connection().count("events")).isEqualTo(eventsBefore);
        assertThat(Files.list(drop.resolve(DropFolderWatcher.REPLAYED)).toList()).hasSize(1);
    }

    /**
     * {@code tessera bench feed}'s single events (issue 19): each is about a child of its own, so each
     * one's child enters the watchlist and is alerted; and a second DASH-high incident about a child
     * already listed raises the score by more than {@code min_rise}, so it is alerted as rising.
     * Before session 18 the bench's families were "Benchmark0", "Benchmark1" ...: one name once the
     * digits are dropped, with one birth date and one address, so every event of a run was about the
     * first event's child, and only the first alerted.
     */
    @Test
    void eachOfTheBenchsSingleEventsIsAboutANewChildAndIsAlerted() throws Exception {
        Path dir = Files.createDirectories(work.resolve("bench-events"));
        long run = 1_765_100_000L;
        java.util.Set<String> children = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            String ref = "BENCH-IT-" + i;
            Path file = dir.resolve(ref + ".csv");
            Files.writeString(file, org.tessera.indexer.bench.FeedBenchmark.incident(ref, "29/06/2026", run, i), StandardCharsets.UTF_8);
            ArrivalResult result = processor.process(new Arrival(file, "police_incidents_" + ref + ".csv", "police_incidents", "api:test"));
            assertThat(result).isInstanceOf(ArrivalResult.Applied.class);
            ArrivalResult.Applied applied = (ArrivalResult.Applied) result;
            assertThat(applied.changes()).as("event %d: its child entered the watchlist", i).anySatisfy(change -> {
                assertThat(change.kind()).isEqualTo(WatchlistChange.Kind.ENTERED);
                assertThat(change.band()).isEqualTo("red");
                children.add(change.personId());
            });
            assertThat(applied.alerts()).as("event %d alerted", i).isNotEmpty();
        }
        assertThat(children).as("three events, three children").hasSize(3);

        // the first family again, in a new incident: its child is listed already, and rises
        Path again = dir.resolve("BENCH-IT-0b.csv");
        Files.writeString(again, org.tessera.indexer.bench.FeedBenchmark.incident("BENCH-IT-0b", "29/06/2026", run, 0), StandardCharsets.UTF_8);
        ArrivalResult result = processor.process(new Arrival(again, "police_incidents_BENCH-IT-0b.csv", "police_incidents", "api:test"));
        assertThat(result).isInstanceOfSatisfying(ArrivalResult.Applied.class, applied -> {
            assertThat(applied.changes()).as("the listed child's second DASH-high incident").anySatisfy(change -> {
                assertThat(change.kind()).isEqualTo(WatchlistChange.Kind.ROSE);
                assertThat(children).contains(change.personId());
                assertThat(change.score() - change.scoreBefore()).isGreaterThanOrEqualTo(ScoringParameters.loadDefault().watchlist().minRise());
            });
            assertThat(applied.alerts()).isNotEmpty();
        });
    }

    @Test
    void aFileNoMappingClaimsAndOneOfTheWrongLayoutAreRefusedWithTheReasonAndQuarantined(TestOpenSearch os) throws Exception {
        Path dir = Files.createDirectories(work.resolve("refusals"));
        Path unclaimed = dir.resolve("weekly-summary.xyz");
        Files.writeString(unclaimed, "anything");
        ArrivalResult first = processor.process(new Arrival(unclaimed, "weekly-summary.xyz", null, "drop-folder"));
        assertThat(first).isInstanceOfSatisfying(ArrivalResult.Refused.class,
                refused -> assertThat(refused.reason()).contains("no source mapping claims the name weekly-summary.xyz"));

        Path wrongLayout = dir.resolve("police_incidents_2026-06-30.csv");
        Files.writeString(wrongLayout, "ref,when,what\r\nINC-9,30/06/2026,DOM\r\n");
        ArrivalResult second = processor.process(new Arrival(wrongLayout, wrongLayout.getFileName().toString(), null, "drop-folder"));
        assertThat(second).isInstanceOfSatisfying(ArrivalResult.Refused.class,
                refused -> assertThat(refused.reason()).contains("nothing applied").contains("incident_ref"));
        JsonNode job = doc(os, "jobs", second.jobId());
        assertThat(job.path("status").asText()).isEqualTo("finished_with_errors");
        assertThat(job.path("quarantined").get(0).path("reason").asText()).contains("incident_ref");
        Path kept = Path.of(job.path("quarantined").get(0).path("quarantine_path").asText());
        assertThat(kept).exists();
        assertThat(kept.resolveSibling(kept.getFileName() + ".reason.txt")).content().contains("incident_ref");

        ArrivalResult wrongSource = processor.process(new Arrival(wrongLayout, wrongLayout.getFileName().toString(), "csc_contacts", "api:test"));
        assertThat(wrongSource).isInstanceOfSatisfying(ArrivalResult.Refused.class,
                refused -> assertThat(refused.reason()).contains("is not one source 'csc_contacts' delivers"));
    }

    private static JsonNode doc(TestOpenSearch os, String index, String id) throws Exception {
        os.connection().raw("POST", "/" + os.alias(index) + "/_refresh", null);
        var response = os.connection().raw("GET", "/" + os.alias(index) + "/_doc/" + id, null);
        assertThat(response.ok()).as(index + "/" + id + ": " + response.body()).isTrue();
        return JSON.readTree(response.body()).path("_source");
    }
}

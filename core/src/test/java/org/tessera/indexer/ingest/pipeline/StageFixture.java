package org.tessera.indexer.ingest.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.tessera.indexer.documents.DocumentFactsFinder;
import org.tessera.indexer.extraction.ExtractionLimits;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.Quarantine;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.pipeline.EventStage.EventsWritten;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.FolderDiscovery.InputFile;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.ingest.pipeline.PersonsStage.PersonsWritten;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkageSettings;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.TestOpenSearch;
import org.tessera.indexer.opensearch.index.RefreshPause;

/**
 * One ingest run's shared parts for the stage tests, on the small test county
 * ({@code /pipeline/small-county}) and a real engine: each stage is fed what the stages before it
 * really produce, so a test asserts one stage's contract on real inputs. Text analysis is off
 * (the event stage's test turns nothing on that needs the language models).
 */
final class StageFixture implements AutoCloseable {

    final OpenSearchConnection connection;
    final IngestSettings settings;
    final JobRecorder job;
    final StageTimes times = new StageTimes();
    final Quarantine quarantine;
    final RecordSpill.Directory spills;
    final Clock clock = Clock.systemUTC();
    final String jobId;
    private final TikaTextExtractor extractor = new TikaTextExtractor(ExtractionLimits.defaults());

    StageFixture(TestOpenSearch os, Path quarantineDir, String jobId) throws IOException {
        this.connection = os.connection();
        this.settings = new IngestSettings(quarantineDir, 2000, false, true);
        this.jobId = jobId;
        this.job = new JobRecorder(connection, clock, jobId, "ingest", "stage test", 0);
        this.quarantine = new Quarantine(quarantineDir);
        this.spills = RecordSpill.Directory.create();
    }

    /** Text analysis is off in the stage tests: the analyzer is never asked. */
    private static final TextAnalyzer NO_ANALYSIS = new TextAnalyzer() {
        @Override
        public TextAnalysis analyze(String text) {
            throw new AssertionError("text analysis is off in the stage tests");
        }

        @Override
        public MentionContext contextOf(String text, int start, int end) {
            throw new AssertionError("text analysis is off in the stage tests");
        }
    };

    static Path county() {
        return resource("/pipeline/small-county");
    }

    static SourceMappings mappings() {
        return SourceMappings.loadAll(resource("/pipeline/mappings"));
    }

    /** A copy of the small county in {@code target}, each file's lines passed through {@code edit} (by file name). */
    static Path countyCopy(Path target, Map<String, UnaryOperator<List<String>>> edit) throws IOException {
        Path county = county();
        try (Stream<Path> files = Files.walk(county)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(county.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                UnaryOperator<List<String>> change = edit.get(file.getFileName().toString());
                if (change == null) {
                    Files.copy(file, copy);
                } else {
                    Files.write(copy, change.apply(Files.readAllLines(file)));
                }
            }
        }
        return target;
    }

    private static Path resource(String name) {
        try {
            return Path.of(StageFixture.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    List<InputFile> files(Path folder) {
        try {
            return FolderDiscovery.discover(folder, mappings(), new ArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feed gate's plan for {@code files}, as the pipeline makes it. */
    FeedRun feed(Path folder, List<InputFile> files) {
        Map<String, List<Path>> extracts = new TreeMap<>();
        files.stream().filter(f -> !f.document())
                .forEach(f -> extracts.computeIfAbsent(f.mapping().source(), k -> new ArrayList<>()).add(f.path()));
        Map<String, Long> indexed = connection.count("events") <= 0 ? Map.of() : EventStage.storedPerSource(connection);
        return FeedRun.plan(folder, mappings(), extracts, new LinkedHashMap<>(), new FeedLedger(connection, clock).histories(),
                indexed, new FeedStore(connection).countPerSource());
    }

    ReadStage readStage() {
        return new ReadStage(extractor, new DocumentFactsFinder(text -> List.of()), settings, quarantine, spills, job);
    }

    Delivered read(Path folder, FeedRun feed) {
        return readStage().read(files(folder), feed);
    }

    FeedStoreStage feedStoreStage() {
        return new FeedStoreStage(new FeedStore(connection), spills, job, jobId, times);
    }

    /** Read, then the feed store (gathered and stored). */
    Gathered gathered(Path folder) {
        FeedRun feed = feed(folder, files(folder));
        Delivered delivered = read(folder, feed);
        return gatherAndStore(delivered, feed);
    }

    /** The feed store stage: gathered, and the delivery stored (awaited here; the pipeline awaits it later). */
    Gathered gatherAndStore(Delivered delivered, FeedRun feed) {
        Map<String, Long> stored = new FeedStore(connection).countPerSource();
        FeedStoreStage stage = feedStoreStage();
        Gathered gathered = stage.gather(delivered, feed, stored);
        Futures.await(stage.storeBeside(delivered, stored.isEmpty(), java.util.Set.of()), "storing the delivery");
        return gathered;
    }

    LinkStage linkStage() {
        return new LinkStage(connection, new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk()), clock, job, jobId, times,
                IngestSettings.MAX_REACH_RECORDS_DEFAULT);
    }

    EventStage eventStage(List<EventBatchStage> stages) {
        return new EventStage(connection, settings, NO_ANALYSIS, null, stages, clock, job, times);
    }

    /** The event stage with text analysis on, through {@code analyzer}. */
    EventStage eventStage(List<EventBatchStage> stages, TextAnalyzer analyzer) {
        IngestSettings analysing = new IngestSettings(settings.quarantineDir(), settings.batchSize(), true, settings.deleteStale());
        return new EventStage(connection, analysing, analyzer, null, stages, clock, job, times);
    }

    PersonsStage personsStage(IngestPipeline.Scoring scoring) {
        return new PersonsStage(connection, Nicknames.uk(), scoring, clock, job, times);
    }

    /** What a whole run hands the withdraw and rescore stages. */
    record Ran(Gathered gathered, FeedRun feed, Linked linked, EventsWritten events, PersonsWritten persons) {
    }

    /** Every stage up to the persons over {@code folder}, as the pipeline runs them. */
    Ran runToPersons(Path folder, IngestPipeline.Scoring scoring) {
        FeedRun feed = feed(folder, files(folder));
        Delivered delivered = read(folder, feed);
        Gathered gathered = gatherAndStore(delivered, feed);
        Linked linked = linkStage().link(gathered);
        try (RefreshPause pause = RefreshPause.of(connection, connection.alias("events"))) {
            EventsWritten events = eventStage(List.of()).write(gathered, linked);
            PersonsWritten persons = personsStage(scoring).write(events, linked, pause);
            return new Ran(gathered, feed, linked, events, persons);
        }
    }

    static IngestPipeline.Scoring noScoring() {
        return written -> {
        };
    }

    @Override
    public void close() throws IOException {
        spills.close();
        quarantine.close();
        extractor.close();
    }
}

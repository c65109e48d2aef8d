package org.tessera.indexer.ingest.pipeline;

import org.tessera.indexer.linkage.LinkageStore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.documents.DocumentFacts;
import org.tessera.indexer.documents.DocumentFactsFinder;
import org.tessera.indexer.events.EventIndexFields;
import org.tessera.indexer.extraction.ExtractionOutcome;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.extraction.TextExtractor;
import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.Quarantine;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.jobs.ProgressReporter;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.linkage.Decisions;
import org.tessera.indexer.linkage.LinkageParameters;
import org.tessera.indexer.linkage.LinkageResult;
import org.tessera.indexer.linkage.PersonLinker;
import org.tessera.indexer.linkage.PersonOccurrence;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.RefreshPause;
import org.tessera.indexer.scoring.EventQueries;

/**
 * The indexer's core path: every extract and document in a folder into the {@code events} and
 * {@code persons} indices, one person per human.
 *
 * <ol>
 *   <li>Read: each extract through its source mapping, each document through Tika; bad rows and
 *       files are quarantined with their reason, the rest go on. Person occurrences are kept.</li>
 *   <li>Link: all occurrences at once (strong identifiers, then the probabilistic model), with
 *       the human merge/split decisions from the {@code linkage} index overriding the model.</li>
 *   <li>Build: the extracts are read again (cheaper than holding millions of records), each
 *       record becomes an event with its linked people, households and text analysis, the
 *       batch stages (percolation) enrich it, and the bulk writer stores what changed. The
 *       engine's part (percolate, index) runs on the {@link EventSink}'s threads while the next
 *       batch is analysed, so neither the engine nor the analysis waits for the other.</li>
 *   <li>Persons: one document per person, then stale documents of the ingested sources go.</li>
 *   <li>Rescore: every child any hit reaches.</li>
 * </ol>
 *
 * Every id is derived from the input, and unchanged documents are never rewritten, so re-running
 * the same input changes nothing, and a run killed at any point and started again ends in the
 * same state as an uninterrupted one. Not thread-safe: one run at a time per instance.
 */
public final class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String DOCUMENT_SOURCE = "documents";
    static final Set<String> DOCUMENT_EXTENSIONS = Set.of("pdf", "docx", "doc", "rtf", "eml", "msg", "html", "htm", "txt", "odt",
            "tif", "tiff", "png", "jpg", "jpeg");
    static final Set<String> SKIPPED_FOLDERS = Set.of("ground-truth", "quarantine");

    private final OpenSearchConnection connection;
    private final SourceMappings mappings;
    private final TextExtractor extractor;
    private final TextAnalyzer textAnalyzer;
    /** The semantic stage (concept tags on events, read by the indicators' queries); null when off. */
    private final org.tessera.indexer.nlp.semantic.ConceptTagger concepts;
    private final PersonLinker linker;
    private final Nicknames nicknames;
    private final List<EventBatchStage> stages;
    private final Scoring scoring;
    private final IngestSettings settings;
    private final Clock clock;
    private final DocumentFactsFinder documentFacts;
    /**
     * What an ingest learned of each document beyond its record, by event id: OCR, where its date
     * came from, its author, and how its subject was linked (added to the event's {@code document}).
     */
    private final Map<String, ObjectNode> documentNotes = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Wall time per stage (read, link, events, persons, stale, rescore), and within "events" the
     * busy time of its sub-stages, named {@code events/...}: those overlap (the engine percolates
     * and indexes one batch while the next is analysed), so they add up to more than "events".
     */
    private final Map<String, Long> stageNanos = new LinkedHashMap<>();
    static final String EVENTS_STAGE = "events/";
    /**
     * Documents per {@code _bulk} request, smaller than a batch: the engine indexes requests of a
     * few hundred documents as fast as larger ones, while a percolation request gets cheaper per
     * document up to a few thousand (measured: docs/performance.md).
     */
    static final int BULK_REQUEST_DOCUMENTS = 500;
    /** {@code _bulk} requests of persons in flight at once (the raw benchmark sends as many). */
    public static final int PERSON_REQUESTS_IN_FLIGHT = 2;

    public IngestPipeline(OpenSearchConnection connection, SourceMappings mappings, TextExtractor extractor,
                          TextAnalyzer textAnalyzer, PersonLinker linker, Nicknames nicknames,
                          List<EventBatchStage> stages, Scoring scoring,
                          IngestSettings settings, Clock clock) {
        this(connection, mappings, extractor, textAnalyzer, null, linker, nicknames, stages, scoring, settings, clock);
    }

    /** @param concepts the semantic stage run beside the text analysis (null: none) */
    public IngestPipeline(OpenSearchConnection connection, SourceMappings mappings, TextExtractor extractor,
                          TextAnalyzer textAnalyzer, org.tessera.indexer.nlp.semantic.ConceptTagger concepts, PersonLinker linker,
                          Nicknames nicknames, List<EventBatchStage> stages, Scoring scoring,
                          IngestSettings settings, Clock clock) {
        this.concepts = concepts;
        this.connection = connection;
        this.mappings = mappings;
        this.extractor = extractor;
        this.textAnalyzer = textAnalyzer;
        this.linker = linker;
        this.nicknames = nicknames;
        this.stages = List.copyOf(stages);
        this.scoring = scoring;
        this.settings = settings;
        this.clock = clock;
        this.documentFacts = new DocumentFactsFinder(text -> textAnalyzer.analyze(text).entities());
    }

    /**
     * What a run wrote, for the step after it (re-scoring).
     *
     * @param eventsComplete    the {@code events} index holds exactly the events this run produced
     *                          (every write stored, nothing stale or from another source left), so
     *                          what the stages saw of the events is all there is
     * @param scoredWithPersons children whose {@code risk} went out with their person documents
     *                          ({@link Scoring#riskWithPersons}); meaningful when {@code eventsComplete}
     */
    public record Written(boolean eventsComplete, Set<String> scoredWithPersons, Changed changed) {
        public Written {
            scoredWithPersons = Set.copyOf(scoredWithPersons);
            java.util.Objects.requireNonNull(changed, "changed");
        }

        /** A run that says nothing of what it changed: every child is rescored. */
        public Written(boolean eventsComplete, Set<String> scoredWithPersons) {
            this(eventsComplete, scoredWithPersons, Changed.UNKNOWN);
        }
    }

    /**
     * What a run changed that its batch stages do not see (they see every event it writes, and so
     * the events it replaced, and the persons a merge or split moved): for rescoring only the
     * children the changes reach (docs/scoring.md "Rescoring what changed").
     *
     * @param jobId           the run's job, under which the documents it withdrew are kept (the {@code withdrawals} index)
     * @param withdrawnEvents how many events it withdrew
     * @param fullRescore     every child is to be rescored (a full re-link, or a run that does not say)
     */
    public record Changed(String jobId, long withdrawnEvents, boolean fullRescore) {
        public static final Changed UNKNOWN = new Changed(null, 0, true);
    }

    /** Set while {@link #relink()} runs its ingest: a full re-link rescores every child. */
    private boolean relinking;

    /** What a run asks of scoring. */
    public interface Scoring {

        /** After the run (the step timed as "rescore"). */
        void afterIngest(Written written);

        /**
         * On a first load whose events are all stored, before the children's person documents are
         * written (on a thread of its own, while the adults' documents are): the {@code risk}
         * objects of the children among {@code personIds} to write with them, instead of updating
         * each scored child after. None by default.
         */
        default Map<String, ObjectNode> riskWithPersons(Set<String> personIds) {
            return Map.of();
        }
    }

    /** One file to ingest: an extract with its mapping, or a document. */
    record InputFile(Path path, SourceMapping mapping) {
        boolean document() {
            return mapping == null;
        }
    }

    public IngestReport ingest(Path folder) {
        long started = System.nanoTime();
        stageNanos.clear();
        documentNotes.clear();
        String jobId = "ingest-" + OffsetDateTime.now(clock).toLocalDate() + "-" + UUID.randomUUID().toString().substring(0, 8);
        long interrupted = JobRecorder.markInterrupted(connection, clock, "ingest");
        if (interrupted > 0) {
            log.warn("{} earlier ingest job(s) had stopped without finishing; marked interrupted", interrupted);
        }
        JobRecorder job = new JobRecorder(connection, clock, jobId, "ingest", folder.toString(), 2000);
        try (Quarantine quarantine = new Quarantine(settings.quarantineDir());
             RecordSpill.Directory spillDir = RecordSpill.Directory.create()) {
            List<String> unclaimed = new ArrayList<>();
            Map<String, List<Path>> tombstoneFiles = new LinkedHashMap<>();
            List<InputFile> discovered = discover(folder, mappings, unclaimed, tombstoneFiles);
            // 0. The feed gate: replays skipped, bad deliveries refused whole before anything is written.
            FeedStore store = new FeedStore(connection);
            FeedLedger ledger = new FeedLedger(connection, clock);
            Map<String, Long> storedRecords = store.countPerSource();
            Map<String, Long> indexedEvents = connection.count("events") == 0 ? Map.of() : storedPerSource();
            Map<String, List<Path>> extractsBySource = new TreeMap<>();
            discovered.stream().filter(f -> !f.document())
                    .forEach(f -> extractsBySource.computeIfAbsent(f.mapping().source(), k -> new ArrayList<>()).add(f.path()));
            FeedRun feed = FeedRun.plan(folder, mappings, extractsBySource, tombstoneFiles, ledger.histories(), indexedEvents,
                    storedRecords);
            if (feed.refusal() != null) {
                return refuse(jobId, folder, job, feed, ledger, started, unclaimed);
            }
            List<InputFile> files = discovered.stream().filter(f -> f.document() || !feed.skipped(f.mapping().source())).toList();
            if (feed.anySkipped() && files.isEmpty() && tombstoneFiles.keySet().stream().allMatch(feed::skipped)) {
                feed.record(ledger, jobId, folder.toString(), Map.of());
                job.count("feeds_skipped", feed.decisions().size());
                String message = "nothing applied: " + feed.decisions().stream().map(d -> d.source() + ": " + d.reason()).toList();
                job.finish(message);
                log.info("Ingest {}: {}", jobId, message);
                return new IngestReport(jobId, job.counts(), job.quarantined(), null, Duration.ofNanos(System.nanoTime() - started),
                        stageNanos, List.of(), unclaimed, job.warned(), feed.decisions(), null);
            }
            if (!unclaimed.isEmpty()) {
                // Not guessed at, not quarantined (nothing in them was judged bad): listed, and the run goes on.
                log.warn("{} file(s) in {} claimed by no source mapping and not read: {}", unclaimed.size(), folder,
                        String.join(", ", unclaimed));
                unclaimed.forEach(f -> job.warning());
                job.count("files_unclaimed", unclaimed.size());
            }
            List<WithdrawalPolicy.Decision> withdrawalDecisions = new ArrayList<>();
            log.info("Ingest {}: {} extracts and {} documents in {}", jobId,
                    files.stream().filter(f -> !f.document()).count(), files.stream().filter(InputFile::document).count(), folder);

            // 1. Read: occurrences, quarantine, documents.
            List<PersonOccurrence> occurrences = new ArrayList<>();
            Map<String, LocalDate> occurrenceDates = new HashMap<>();
            Map<Path, SourceRecord> documents = new LinkedHashMap<>();
            Map<Path, Long> acceptedPerFile = new HashMap<>();
            // what each source delivered: the evidence for withdrawing what it no longer holds
            Map<String, SourceDelivery> deliveries = new TreeMap<>();
            long documentsUnread = 0;
            long records = 0;
            // Extracts and documents are read two at a time (parsing and mapping rows, and Tika,
            // are all this stage does while the engine waits), then merged in file order, so
            // occurrences, quarantine and counts come out as from one thread.
            Map<Path, RecordSpill> spills = new HashMap<>();
            Map<String, Set<String>> deltaIds = new HashMap<>();
            try (ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()))) {
                Map<InputFile, Future<ExtractRead>> reads = new LinkedHashMap<>();
                Map<InputFile, Future<ExtractionOutcome>> extractions = new LinkedHashMap<>();
                for (InputFile file : files) {
                    if (file.document()) {
                        extractions.put(file, readers.submit(() -> extractor.extract(file.path())));
                    } else {
                        Path spill = spillDir.file(reads.size() + ".records");
                        reads.put(file, readers.submit(() -> ExtractRead.of(file.mapping(), file.path(), spill, settings,
                                feed.delta(file.mapping().source()))));
                    }
                }
                for (InputFile file : files) {
                    if (file.document()) {
                        ExtractionOutcome outcome = await(extractions.remove(file), "extracting " + file.path());
                        Optional<SourceRecord> document = documentRecord(file.path(), outcome, quarantine, job);
                        document.ifPresent(record -> {
                            documents.put(file.path(), record);
                            addOccurrences(record, occurrences, occurrenceDates);
                        });
                        if (document.isEmpty()) {
                            documentsUnread++;
                        }
                        continue;
                    }
                    ExtractRead read = await(reads.remove(file), "reading " + file.path());
                    records += read.accepted();
                    acceptedPerFile.put(file.path(), read.accepted());
                    spills.put(file.path(), read.spill());
                    occurrences.addAll(read.occurrences());
                    occurrenceDates.putAll(read.dates());
                    for (long w = 0; w < read.warnings(); w++) {
                        job.warning();
                    }
                    String unread = read.rejected().stream().filter(r -> r.scope().stopsReading()).findFirst()
                            .map(r -> r.file() + (r.line() > 0 ? " line " + r.line() : "") + ": " + r.reason()).orElse(null);
                    long rowsRejected = read.rejected().stream().filter(r -> !r.scope().stopsReading()).count();
                    String source = file.mapping().source();
                    deltaIds.computeIfAbsent(source, k -> new HashSet<>()).addAll(read.eventIds());
                    if (feed.delta(source) && unread != null) {
                        feed.refuse(source, "a delta file could not be read to its end, so the delivery is not applied in part ("
                                + unread + ")");
                    }
                    deliveries.put(source, deliveries.getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0))
                            .plus(read.accepted(), rowsRejected, unread));
                    for (RowResult.Quarantined rejected : read.rejected()) {
                        quarantine.write(file.mapping().source(), file.path(), rejected, file.mapping().format());
                        job.quarantine(new QuarantineEntry(rejected.file(), rejected.line(), rejected.field(),
                                rejected.reason(), settings.quarantineDir().resolve(file.mapping().source()).toString()));
                        job.count("rows_quarantined", 1);
                    }
                }
            }
            // Documents: one that could not be read may be the very record of any document source.
            Set<String> documentSources = new TreeSet<>();
            documentSources.add(DOCUMENT_SOURCE);
            documents.values().forEach(d -> documentSources.add(d.source()));
            for (String source : documentSources) {
                long delivered = documents.values().stream().filter(d -> d.source().equals(source)).count();
                String unread = documentsUnread == 0 ? null
                        : documentsUnread + " document" + (documentsUnread == 1 ? "" : "s") + " in the folder could not be read";
                deliveries.put(source, deliveries.getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0))
                        .plus(delivered, 0, unread));
            }
            job.count("records_read", records);
            if (feed.refusal() != null) {
                return refuse(jobId, folder, job, feed, ledger, started, unclaimed);
            }
            time("read", started);

            // 1b. The feed store: what every source holds beyond this delivery goes in with it,
            // and what this delivery holds is stored (before anything is indexed: a run killed
            // after this point and started again finds it there and ends in the same state).
            long storeStart = System.nanoTime();
            Set<String> deliveredWhole = new TreeSet<>();
            files.stream().filter(f -> !f.document() && !feed.delta(f.mapping().source()))
                    .forEach(f -> deliveredWhole.add(f.mapping().source()));
            if (!documents.isEmpty()) {
                deliveredWhole.addAll(documentSources);
            }
            List<InterleavedRecords.Input> fromStore = new ArrayList<>();
            // documents from the store: how their subject links is decided again with this run's linkage
            List<SourceRecord> fedDocuments = new ArrayList<>();
            Map<String, Long> deliveredPerSource = new TreeMap<>();
            deliveries.forEach((source, d) -> deliveredPerSource.put(source, d.recordsRead()));
            Set<String> storeSources = new TreeSet<>(storedRecords.keySet());
            storeSources.addAll(deltaIds.keySet().stream().filter(feed::delta).toList());
            for (String source : storeSources) {
                if (deliveredWhole.contains(source)) {
                    continue;
                }
                Set<String> replaced = feed.delta(source) ? deltaIds.getOrDefault(source, Set.of()) : Set.of();
                Set<String> tombstoned = feed.tombstoned(source);
                Path spillFile = spillDir.file("store-" + source + ".records");
                long[] kept = {0};
                RecordSpill spill;
                try (RecordSpill.Writer spilled = new RecordSpill.Writer(spillFile)) {
                    store.forEach(source, (record, note) -> {
                        if (!replaced.contains(record.eventId()) && !tombstoned.contains(record.eventId())) {
                            spilled.add(record);
                            if (note != null) {
                                documentNotes.put(record.eventId(), note);
                                fedDocuments.add(record);
                            }
                            addOccurrences(record, occurrences, occurrenceDates);
                            kept[0]++;
                        }
                    });
                    spill = spilled.finish();
                }
                fromStore.add(new InterleavedRecords.Input(kept[0], spill::read));
                long delivered = feed.delta(source) ? deltaIds.getOrDefault(source, Set.of()).size() : 0;
                // the whole of the source is known: its stored records, the delta's new and replaced ones
                deliveries.put(source, new SourceDelivery(source, kept[0] + delivered, 0, null, 0));
                job.count("records_from_feed_store", kept[0]);
            }
            {
                List<BulkWriter.Failure> refusedByStore = new ArrayList<>();
                for (InputFile file : files) {
                    if (!file.document() && spills.containsKey(file.path())) {
                        try (Stream<SourceRecord> delivered = spills.get(file.path()).read()) {
                            refusedByStore.addAll(store.put(delivered, jobId, Map.of()));
                        }
                    }
                }
                refusedByStore.addAll(store.put(documents.values().stream(), jobId, documentNotes));
                if (!refusedByStore.isEmpty()) {
                    throw new IllegalStateException("the feed store refused " + refusedByStore.size() + " record(s), first: "
                            + refusedByStore.get(0).reason());
                }
                store.refresh();
            }
            time("feed store", storeStart);
            long total = records + documents.size() + fromStore.stream().mapToLong(InterleavedRecords.Input::expected).sum();
            job.count("documents_read", documents.size());
            log.info("Read {} records and {} documents with {} person occurrences", records, documents.size(), occurrences.size());

            // 2. Link.
            long linkStart = System.nanoTime();
            Decisions decisions = new LinkageStore(connection).decisions();
            // A day of deltas alone is linked around what it changed, with the parameters the stored
            // persons were linked with; anything else (a first load, a snapshot, documents, a run
            // with no delivery: tessera relink) links every occurrence and fits the model again.
            LinkageParameters fitted = deliveredWhole.isEmpty() && !deltaIds.isEmpty() && connection.count("persons") > 0
                    ? storedLinkageParameters() : null;
            LinkageResult linkage;
            if (fitted != null) {
                Set<String> changedEvents = new HashSet<>();
                deltaIds.forEach((source, ids) -> changedEvents.addAll(ids));
                IncrementalLinking.Outcome outcome = IncrementalLinking.link(occurrences, storedAssignment(), changedEvents, linker,
                        decisions, fitted);
                linkage = outcome.result();
                job.count("linked_incrementally", 1);
                job.count("linkage_changed_occurrences", outcome.changed());
                job.count("linkage_scope_occurrences", outcome.scope());
                job.count("linkage_scope_persons", outcome.personsInScope());
                log.info("Linked incrementally: {} changed occurrences, {} in scope ({} stored persons around them)", outcome.changed(),
                        outcome.scope(), outcome.personsInScope());
            } else {
                linkage = linker.link(occurrences, decisions);
                if (linkage.parameters() != null) {
                    storeLinkageParameters(linkage.parameters(), jobId);
                }
            }
            job.count("persons", linkage.stats().persons());
            job.count("review_pairs", linkage.reviewPairs().size());
            log.info("Linked {} occurrences into {} persons ({} pairs for review)", occurrences.size(),
                    linkage.stats().persons(), linkage.reviewPairs().size());
            noteDocumentLinks(documents.values(), linkage, job);
            noteDocumentLinks(fedDocuments, linkage, job);
            LinkedPeople linked = new LinkedPeople(linkage.personIds());
            for (PersonOccurrence occurrence : occurrences) {
                linked.observe(linkage.personIds().get(occurrence.occurrenceId()), asInvolved(occurrence),
                        occurrenceDates.get(occurrence.occurrenceId()));
            }
            occurrences.clear();
            occurrenceDates.clear();
            time("link", linkStart);

            // 3. Build and write events; gather persons.
            Map<String, PersonProfile> profiles = new HashMap<>();
            Set<String> producedEvents = new HashSet<>();
            Set<String> sources = new TreeSet<>();
            EventDocumentBuilder builder = new EventDocumentBuilder();
            ProgressReporter progress = ProgressReporter.forConsole("ingest", total);
            long[] done = {0};
            long eventsStart = System.nanoTime();
            // Comparing each document's hash with the stored one pays only when documents are
            // stored: a first load into empty indices writes without asking about every id first
            // (and the stages may treat it as one: indicators run once over all events).
            boolean firstLoad = connection.count("events") == 0 && connection.count("persons") == 0;
            if (!firstLoad) {
                storedPerSource().forEach((source, stored) -> deliveries.computeIfPresent(source, (k, d) -> d.withPreviouslyStored(stored)));
            }
            Map<String, Long> producedPerSource = new ConcurrentHashMap<>();
            BulkWriter.Mode mode = firstLoad ? BulkWriter.Mode.OVERWRITE : BulkWriter.Mode.SKIP_UNCHANGED;
            stages.forEach(stage -> stage.begin(firstLoad));
            job.count("first_load", firstLoad ? 1 : 0);
            // No refresh every second while millions of events go in: one at the end of the stage.
            try (RefreshPause eventsRefresh = RefreshPause.of(connection, connection.alias("events"));
                 BulkWriter writer = new BulkWriter(connection, mode,
                    Math.min(settings.batchSize(), BULK_REQUEST_DOCUMENTS), 8 << 20);
                 ForkJoinPool analysisPool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
                 EventSink sink = new EventSink(stages, writer, connection.alias("events"), clock,
                         (stage, nanos) -> addNanos(EVENTS_STAGE + stage, nanos));
                 ExecutorService reviewPairsThread = Executors.newSingleThreadExecutor()) {
                // Linkage's review queue needs nothing the event stage makes: it goes to the engine
                // on a thread of its own meanwhile (a request of pairs beside one of events).
                Future<List<BulkWriter.Failure>> reviewPairs = reviewPairsThread.submit(() -> {
                    long start = System.nanoTime();
                    List<BulkWriter.Failure> refused = new LinkageStore(connection)
                            .storeReviewPairs(linkage.reviewPairs(), linkage.personIds(), decisions, clock);
                    addNanos(EVENTS_STAGE + "review pairs", System.nanoTime() - start);
                    return refused;
                });
                List<SourceRecord> batch = new ArrayList<>(settings.batchSize());
                Consumer<SourceRecord> accept = record -> {
                    batch.add(record);
                    if (batch.size() >= settings.batchSize()) {
                        writeBatch(batch, linked, builder, profiles, producedEvents, producedPerSource, sources, sink, analysisPool, job);
                        done[0] += batch.size();
                        batch.clear();
                        progress.update(done[0]);
                        job.progress(done[0] / (double) Math.max(1, total));
                    }
                };
                List<InterleavedRecords.Input> inputs = mixedInputs(files, documents, acceptedPerFile, spills);
                inputs.addAll(fromStore);
                try (InterleavedRecords mixed = new InterleavedRecords(inputs)) {
                    mixed.forEachRemaining(accept);
                }
                spillDir.close();   // the records are indexed: their copies go now, not at the end of the run
                writeBatch(batch, linked, builder, profiles, producedEvents, producedPerSource, sources, sink, analysisPool, job);
                sink.drain();
                done[0] += batch.size();
                progress.done(done[0]);
                writer.flush();
                connection.raw("POST", "/" + connection.alias("events") + "/_refresh", null);
                time("events", eventsStart);
                long afterEventsStart = System.nanoTime();
                stages.forEach(EventBatchStage::afterEvents);
                time("indicators", afterEventsStart);

                // 4. Persons.
                long personsStart = System.nanoTime();
                Set<String> producedPersons = new TreeSet<>(profiles.keySet());
                // Into empty indices every person document is written whole: its score can go with it.
                boolean eventsStored = writer.stats().failed() == 0 && connection.count("events") == producedEvents.size();
                List<String> adults = new ArrayList<>();
                List<String> children = new ArrayList<>();
                producedPersons.forEach(id -> (profiles.get(id).everChild() ? children : adults).add(id));
                Map<String, ObjectNode> risks;
                PersonsWritten persons;
                // As for the events: one refresh when all are written, not one a second (closing refreshes).
                try (RefreshPause personsRefresh = RefreshPause.of(connection, connection.alias("persons"));
                     ExecutorService scoringThread = Executors.newSingleThreadExecutor();
                     ExecutorService eventsRefreshThread = Executors.newSingleThreadExecutor()) {
                    // The events take no more writes: refreshes back on, and their closing refresh
                    // (the indicators' rewrites) runs while the persons are written.
                    Future<?> eventsRefreshed = eventsRefreshThread.submit(eventsRefresh::close);
                    Future<Map<String, ObjectNode>> scored = scoringThread.submit(() -> firstLoad && eventsStored
                            ? scoring.riskWithPersons(new TreeSet<>(children)) : Map.<String, ObjectNode>of());
                    // Adults carry no score: the engine indexes them while this JVM scores the children.
                    PersonsWritten adultsWritten = writePersons(adults, profiles, linked, mode, Map.of());
                    risks = await(scored, "scoring");
                    PersonsWritten childrenWritten = writePersons(children, profiles, linked, mode, risks);
                    persons = new PersonsWritten(adultsWritten.stats().plus(childrenWritten.stats()),
                            concat(adultsWritten.failures(), childrenWritten.failures()));
                    await(eventsRefreshed, "refreshing the events");
                }
                job.count("scored_with_persons", risks.size());
                BulkWriter.Stats stats = writer.stats().plus(persons.stats());
                job.count("documents_written", stats.written());
                job.count("documents_unchanged", stats.unchanged());
                List<BulkWriter.Failure> refused = new ArrayList<>(writer.drainFailures());
                refused.addAll(persons.failures());
                refused.addAll(await(reviewPairs, "storing review pairs"));
                for (BulkWriter.Failure failure : refused) {
                    job.quarantine(new QuarantineEntry(failure.index(), 0, failure.id(), "refused by the index: " + failure.reason(), null));
                    job.count("documents_refused", 1);
                }
                time("persons", personsStart);
                long staleStart = System.nanoTime();
                boolean allStored = stats.failed() == 0;
                if (settings.deleteStale()) {
                    for (String source : sources) {
                        withdrawalDecisions.add(settings.withdrawal().decide(
                                deliveries.getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0))));
                    }
                    Set<String> withdrawable = new TreeSet<>();
                    Set<String> heldBack = new TreeSet<>();
                    withdrawalDecisions.forEach(d -> (d.withdraw() ? withdrawable : heldBack).add(d.source()));
                    long kept = withdrawable.stream().mapToLong(source -> producedPerSource.getOrDefault(source, 0L)).sum();
                    Withdrawals withdrawals = new Withdrawals(connection, jobId, clock);
                    long withdrawnEvents = withdrawals.withdrawEvents(withdrawable, producedEvents, kept, allStored);
                    long withdrawnPersons = withdrawals.withdrawPersons(withdrawable, heldBack, producedPersons, allStored);
                    job.count("withdrawn_events", withdrawnEvents);
                    job.count("withdrawn_persons", withdrawnPersons);
                    job.count("withdrawal_held_back", heldBack.size());
                    for (WithdrawalPolicy.Decision decision : withdrawalDecisions) {
                        if (!decision.withdraw()) {
                            job.warning();
                            log.warn("Withdrawal held back for source {}: {}", decision.source(), decision.reason());
                        }
                    }
                    // The feed store follows the index: a complete snapshot's absent records and a
                    // delta's tombstoned ones leave it when their events were withdrawn.
                    for (WithdrawalPolicy.Decision decision : withdrawalDecisions) {
                        if (!decision.withdraw() || !allStored) {
                            continue;
                        }
                        if (deliveredWhole.contains(decision.source())) {
                            Set<String> absent = store.eventIds(decision.source());
                            absent.removeAll(producedEvents);
                            store.remove(absent);
                        } else {
                            store.remove(feed.tombstoned(decision.source()));
                        }
                    }
                }
                job.count("events", producedEvents.size());
                time("stale", staleStart);
                long scoreStart = System.nanoTime();
                boolean eventsComplete = allStored && connection.count("events") == producedEvents.size();
                // 1 when the index holds exactly this run's events (the rescore may then use what the stages saw)
                job.count("events_index_complete", eventsComplete ? 1 : 0);
                scoring.afterIngest(new Written(eventsComplete, risks.keySet(),
                        new Changed(jobId, job.count("withdrawn_events"), relinking)));
                time("rescore", scoreStart);
            }
            StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "%d events, %d persons, %d quarantined",
                    producedEvents.size(), profiles.size(), job.quarantined().size()));
            for (WithdrawalPolicy.Decision decision : withdrawalDecisions) {
                if (!decision.withdraw()) {
                    summary.append(". Nothing withdrawn from ").append(decision.source())
                            .append(": records stored before and not in this delivery were kept, because ").append(decision.reason());
                }
            }
            // The ledger last: a run killed before this line is applied again in full when re-run.
            feed.record(ledger, jobId, folder.toString(), deliveredPerSource);
            for (FeedGate.Decision decision : feed.decisions()) {
                job.count("feeds_" + (decision.outcome() == FeedGate.Outcome.SKIP ? "skipped" : "applied"), 1);
                if (decision.outcome() == FeedGate.Outcome.SKIP) {
                    summary.append(". ").append(decision.source()).append(" skipped: ").append(decision.reason());
                }
            }
            job.finish(summary + unclaimedNote(unclaimed));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            log.info("Ingest {} finished in {} s", jobId, elapsed.toSeconds());
            return new IngestReport(jobId, job.counts(), job.quarantined(), linkage.stats(), elapsed, stageNanos,
                    withdrawalDecisions, unclaimed, job.warned(), feed.decisions(), null);
        } catch (IOException e) {
            job.fail(e.getMessage());
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            job.fail(e.getMessage());
            throw e;
        }
    }

    private record PersonsWritten(BulkWriter.Stats stats, List<BulkWriter.Failure> failures) {
    }

    /** Ends a run whose delivery is refused whole: the ledger and the job say why; nothing else was written. */
    private IngestReport refuse(String jobId, Path folder, JobRecorder job, FeedRun feed, FeedLedger ledger, long started,
                                List<String> unclaimed) {
        feed.record(ledger, jobId, folder.toString(), Map.of());
        String reason = feed.refusal();
        job.count("feeds_refused", 1);
        job.refuse("delivery refused, nothing applied: " + reason);
        log.warn("Ingest {}: delivery in {} refused, nothing applied: {}", jobId, folder, reason);
        return new IngestReport(jobId, job.counts(), job.quarantined(), null, Duration.ofNanos(System.nanoTime() - started),
                stageNanos, List.of(), unclaimed, job.warned(), feed.decisions(), reason);
    }

    /** The parameters of the last full linkage run, or null when none was stored. */
    private LinkageParameters storedLinkageParameters() {
        var response = connection.raw("GET", "/" + connection.alias("jobs") + "/_doc/" + LINKAGE_PARAMETERS_ID, null);
        if (response.status() == 404) {
            return null;
        }
        JsonNode doc = new EventQueries(connection).call("GET", "/" + connection.alias("jobs") + "/_doc/" + LINKAGE_PARAMETERS_ID, (String) null, Map.of());
        JsonNode parameters = doc.path("_source").path("linkage_parameters");
        return parameters.isMissingNode() ? null : LinkageParameters.fromJson(parameters);
    }

    static final String LINKAGE_PARAMETERS_ID = "linkage-parameters";

    /** Keeps a full run's linkage parameters with the persons (in {@code jobs}), for the incremental runs after it. */
    private void storeLinkageParameters(LinkageParameters parameters, String jobId) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("job_id", jobId).put("kind", "linkage").put("status", "fitted").put("finished_at", clock.instant().toString());
        doc.put("message", "model and name counts of the last full linkage run, over " + parameters.occurrences() + " occurrences");
        doc.set("linkage_parameters", parameters.toJson());
        var response = connection.raw("PUT", "/" + connection.alias("jobs") + "/_doc/" + LINKAGE_PARAMETERS_ID, doc.toString());
        if (!response.ok()) {
            throw new IllegalStateException("the jobs index refused the linkage parameters: " + response.body());
        }
    }

    /** Occurrence id to person id, as the stored events hold them. */
    Map<String, String> storedAssignment() {
        connection.raw("POST", "/" + connection.alias("events") + "/_refresh", null);
        Map<String, String> out = new HashMap<>();
        new EventQueries(connection).scroll(connection.alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of(EventIndexFields.EVENT_ID, EventIndexFields.People.SLOT_PATH, EventIndexFields.People.PERSON_ID_PATH), (id, doc) -> {
                    for (JsonNode person : doc.path(EventIndexFields.People.PATH)) {
                        out.put(Ids.occurrenceId(doc.path(EventIndexFields.EVENT_ID).asText(id), person.path(EventIndexFields.People.SLOT).asInt()),
                                person.path(EventIndexFields.People.PERSON_ID).asText());
                    }
                });
        return out;
    }

    /**
     * What a full re-link changed: pairwise precision and recall of the clustering before it (as
     * incremental runs left it) against the one after, and occurrences whose person changed.
     */
    public record Relink(IngestReport report, double precision, double recall, long occurrencesMoved, long occurrences) {
    }

    /**
     * Links every stored occurrence again with a freshly fitted model (the nightly or on-demand
     * full re-link) and rebuilds what that changes; reports how far the incremental state had drifted.
     */
    public Relink relink() {
        Map<String, String> before = storedAssignment();
        Path empty;
        try {
            empty = Files.createTempDirectory("tessera-relink-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            IngestReport report;
            relinking = true;
            try {
                report = ingest(empty);
            } finally {
                relinking = false;
            }
            Map<String, String> after = storedAssignment();
            double[] pr = IncrementalLinking.pairwise(before, after);
            long moved = 0;
            // an occurrence moved when its person's members changed, not when only the id did
            Map<String, Set<String>> membersBefore = new HashMap<>();
            before.forEach((o, p) -> membersBefore.computeIfAbsent(p, k -> new HashSet<>()).add(o));
            Map<String, Set<String>> membersAfter = new HashMap<>();
            after.forEach((o, p) -> membersAfter.computeIfAbsent(p, k -> new HashSet<>()).add(o));
            for (Map.Entry<String, String> e : after.entrySet()) {
                String previous = before.get(e.getKey());
                if (previous == null || !membersBefore.get(previous).equals(membersAfter.get(e.getValue()))) {
                    moved++;
                }
            }
            return new Relink(report, pr[0], pr[1], moved, after.size());
        } finally {
            try {
                Files.deleteIfExists(empty);
            } catch (IOException e) {
                log.warn("could not delete {}", empty);
            }
        }
    }

    /** Events per source in the index now (before this run writes any). */
    private Map<String, Long> storedPerSource() {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.putObject("aggs").putObject("sources").putObject("terms").put("field", "source").put("size", 10_000);
        JsonNode answer = new EventQueries(connection).call("POST", "/" + connection.alias("events") + "/_search", body.toString(), Map.of());
        Map<String, Long> stored = new HashMap<>();
        for (JsonNode bucket : answer.path("aggregations").path("sources").path("buckets")) {
            stored.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return stored;
    }

    /**
     * Writes the documents of the given persons (ids in order), {@value #PERSON_REQUESTS_IN_FLIGHT} requests at a time,
     * each built on its own thread: written one request after another, the engine indexed on one
     * core while this JVM waited for it.
     */
    private PersonsWritten writePersons(List<String> ids, Map<String, PersonProfile> profiles, LinkedPeople linked,
                                        BulkWriter.Mode mode, Map<String, ObjectNode> risks) {
        List<List<String>> requests = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BULK_REQUEST_DOCUMENTS) {
            requests.add(ids.subList(from, Math.min(ids.size(), from + BULK_REQUEST_DOCUMENTS)));
        }
        String index = connection.alias("persons");
        try (ForkJoinPool pool = new ForkJoinPool(PERSON_REQUESTS_IN_FLIGHT)) {
            List<PersonsWritten> parts = await(pool.submit(() -> requests.parallelStream().map(request -> {
                try (BulkWriter personWriter = new BulkWriter(connection, mode, BULK_REQUEST_DOCUMENTS, 8 << 20)) {
                    for (String personId : request) {
                        ObjectNode doc = profiles.get(personId).toDocument(linked.timeline(personId), linked.birthDate(personId), nicknames);
                        doc.put("updated_at", clock.instant().toString());
                        ObjectNode risk = risks.get(personId);
                        if (risk != null) {
                            doc.set("risk", risk); // outside content_hash, as a rescore's update leaves it
                        }
                        personWriter.add(new BulkWriter.Document(index, personId, doc));
                    }
                    personWriter.flush();
                    return new PersonsWritten(personWriter.stats(), personWriter.drainFailures());
                }
            }).toList()), "writing persons");
            BulkWriter.Stats stats = new BulkWriter.Stats(0, 0, 0, 0, 0);
            List<BulkWriter.Failure> failures = new ArrayList<>();
            for (PersonsWritten part : parts) {
                stats = stats.plus(part.stats());
                failures.addAll(part.failures());
            }
            return new PersonsWritten(stats, failures);
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    /** The result of work handed to another thread, its failure rethrown here; {@code what} names it in errors. */
    private static <T> T await(Future<T> work, String what) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** What the read stage keeps of one extract: its people, their dates, and its bad rows. */
    private record ExtractRead(List<PersonOccurrence> occurrences, Map<String, LocalDate> dates, long accepted,
                               long warnings, List<RowResult.Quarantined> rejected, RecordSpill spill, Set<String> eventIds) {

        /** @param keepIds keep the event ids of the accepted records (a delta's: they replace the stored ones) */
        static ExtractRead of(SourceMapping mapping, Path path, Path spillFile, IngestSettings settings, boolean keepIds) {
            Set<String> eventIds = new HashSet<>();
            List<PersonOccurrence> occurrences = new ArrayList<>();
            Map<String, LocalDate> dates = new HashMap<>();
            List<RowResult.Quarantined> rejected = new ArrayList<>();
            long accepted = 0;
            long warnings = 0;
            RecordSpill spill;
            try (Stream<RowResult> rows = new ExtractReader(mapping, settings.readLimits()).read(path);
                 RecordSpill.Writer spilled = new RecordSpill.Writer(spillFile)) {
                for (RowResult row : (Iterable<RowResult>) rows::iterator) {
                    switch (row) {
                        case RowResult.Accepted record -> {
                            accepted++;
                            addOccurrences(record.record(), occurrences, dates);
                            spilled.add(record.record());
                            if (keepIds) {
                                eventIds.add(record.record().eventId());
                            }
                            warnings += record.warnings().size();
                        }
                        case RowResult.Quarantined bad -> rejected.add(bad);
                        case RowResult.Notice notice -> warnings++;
                    }
                }
                spill = spilled.finish();
            }
            return new ExtractRead(occurrences, dates, accepted, warnings, rejected, spill, eventIds);
        }
    }

    /**
     * The event stage's input: every extract's accepted records and the documents, mixed so that
     * each batch carries its share of every source (see {@link InterleavedRecords}).
     */
    private static List<InterleavedRecords.Input> mixedInputs(List<InputFile> files, Map<Path, SourceRecord> documents,
                                                              Map<Path, Long> acceptedPerFile, Map<Path, RecordSpill> spills) {
        List<InterleavedRecords.Input> inputs = new ArrayList<>();
        if (!documents.isEmpty()) {
            inputs.add(new InterleavedRecords.Input(documents.size(), () -> documents.values().stream()));
        }
        for (InputFile file : files) {
            if (!file.document()) {
                // the records as the read stage mapped them: the extract is not parsed again
                inputs.add(new InterleavedRecords.Input(acceptedPerFile.getOrDefault(file.path(), 0L), spills.get(file.path())::read));
            }
        }
        return inputs;
    }

    private void writeBatch(List<SourceRecord> batch, LinkedPeople linked, EventDocumentBuilder builder,
                            Map<String, PersonProfile> profiles, Set<String> producedEvents,
                            Map<String, Long> producedPerSource, Set<String> sources,
                            EventSink sink, ForkJoinPool analysisPool, JobRecorder job) {
        if (batch.isEmpty()) {
            return;
        }
        long analysisStart = System.nanoTime();
        List<TextAnalysis> analyses = await(analysisPool.submit(() -> batch.parallelStream()
                .map(r -> settings.analyseText() && r.text() != null && !r.text().isBlank() ? textAnalyzer.analyze(r.text()) : null)
                .toList()), "text analysis");
        addNanos(EVENTS_STAGE + "text analysis", System.nanoTime() - analysisStart);
        List<List<org.tessera.indexer.nlp.semantic.ConceptMatch>> conceptMatches = null;
        if (concepts != null && settings.analyseText()) {
            long semanticStart = System.nanoTime();
            conceptMatches = await(analysisPool.submit(() -> batch.parallelStream()
                    .map(r -> r.text() != null && !r.text().isBlank() ? concepts.tag(r.text()) : List.<org.tessera.indexer.nlp.semantic.ConceptMatch>of())
                    .toList()), "semantic stage");
            addNanos(EVENTS_STAGE + "semantic stage", System.nanoTime() - semanticStart);
        }
        for (int i = 0; i < batch.size(); i++) {
            TextAnalysis analysis = analyses.get(i);
            if (analysis != null && !analysis.warnings().isEmpty()) {
                SourceRecord record = batch.get(i);
                for (String warning : analysis.warnings()) {
                    job.warn(new QuarantineEntry(record.origin().file(), record.origin().firstLine(), "text", warning, null));
                }
                job.count("texts_analysed_in_part", 1);
            }
        }
        long buildStart = System.nanoTime();
        List<ObjectNode> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SourceRecord record = batch.get(i);
            ObjectNode event = builder.build(record, linked, analyses.get(i));
            if (conceptMatches != null) {
                org.tessera.indexer.nlp.semantic.ConceptTagger.attach(event, conceptMatches.get(i));
            }
            ObjectNode note = documentNotes.get(record.eventId());
            if (note != null) {
                event.with("document").setAll(note);
            }
            events.add(event);
            // read here, before the sink's thread owns the document
            collectProfiles(record, event, profiles);
            if (producedEvents.add(record.eventId())) {
                producedPerSource.merge(record.source(), 1L, Long::sum);
            }
            sources.add(record.source());
        }
        addNanos(EVENTS_STAGE + "build events", System.nanoTime() - buildStart);
        long waitStart = System.nanoTime();
        sink.submit(events);
        addNanos(EVENTS_STAGE + "wait for engine", System.nanoTime() - waitStart);
        job.count("events_built", events.size());
    }

    private void time(String stage, long startNanos) {
        addNanos(stage, System.nanoTime() - startNanos);
    }

    /** Sub-stages are timed from two threads (the producer and the event sink). */
    private synchronized void addNanos(String stage, long nanos) {
        stageNanos.merge(stage, nanos, Long::sum);
    }

    private static void collectProfiles(SourceRecord record, ObjectNode event, Map<String, PersonProfile> profiles) {
        LocalDate date = record.eventDate() == null ? null : record.eventDate().earliest().toLocalDate();
        JsonNode people = event.path("people");
        List<InvolvedPerson> involved = record.people();
        int node = 0;
        List<String[]> idsAndRoles = new ArrayList<>();
        for (InvolvedPerson person : involved) {
            if (!person.hasIdentity()) {
                continue;
            }
            JsonNode p = people.get(node++);
            String personId = p.path("person_id").asText();
            profiles.computeIfAbsent(personId, PersonProfile::new)
                    .add(person, record.source(), record.agency(), date, p.path("is_child").asBoolean());
            idsAndRoles.add(new String[] {personId, person.role()});
        }
        for (String[] a : idsAndRoles) {
            for (String[] b : idsAndRoles) {
                if (!a[0].equals(b[0])) {
                    profiles.get(a[0]).relate(b[0], b[1]);
                }
            }
        }
    }

    private static void addOccurrences(SourceRecord record, List<PersonOccurrence> occurrences, Map<String, LocalDate> dates) {
        LocalDate date = record.eventDate() == null ? null : record.eventDate().earliest().toLocalDate();
        for (PersonOccurrence occurrence : PersonOccurrence.of(record)) {
            occurrences.add(occurrence);
            if (date != null) {
                dates.put(occurrence.occurrenceId(), date);
            }
        }
    }

    private static InvolvedPerson asInvolved(PersonOccurrence o) {
        return new InvolvedPerson(o.role(), o.givenNames(), o.familyName(), o.otherNames(), o.dateOfBirth(), o.gender(),
                o.address(), o.postcode(), o.identifiers());
    }

    /** The job message's warning naming the unclaimed files (the first 50; all are in the log and the report). */
    static String unclaimedNote(List<String> unclaimed) {
        if (unclaimed.isEmpty()) {
            return "";
        }
        String names = String.join(", ", unclaimed.subList(0, Math.min(50, unclaimed.size())));
        return String.format(Locale.ROOT, "; warning: %d file(s) claimed by no source mapping, not read: %s%s",
                unclaimed.size(), names, unclaimed.size() > 50 ? ", ..." : "");
    }

    /**
     * The extracts (claimed by a mapping's {@code files} globs and not by its {@code exclude}
     * globs) and documents of a folder. A file no mapping claims, or that a mapping's
     * {@code exclude} glob names, is added to {@code unclaimed} (path relative to the folder)
     * instead of being guessed at.
     */
    static List<InputFile> discover(Path folder, SourceMappings mappings, List<String> unclaimed) throws IOException {
        return discover(folder, mappings, unclaimed, new LinkedHashMap<>());
    }

    /**
     * As {@link #discover(Path, SourceMappings, List)}, and a delta feed's tombstone files (claimed
     * by its {@code feed.tombstones} globs before any {@code files} glob) go to {@code tombstones}
     * by source; the folder's manifest ({@value FeedDelivery#MANIFEST}) is not a file to read.
     */
    static List<InputFile> discover(Path folder, SourceMappings mappings, List<String> unclaimed,
                                    Map<String, List<Path>> tombstones) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        List<InputFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = folder.relativize(path);
                boolean skipped = false;
                for (Path part : relative) {
                    String name = part.toString();
                    skipped |= SKIPPED_FOLDERS.contains(name) || name.startsWith(".");
                }
                String name = path.getFileName().toString();
                if (skipped || name.endsWith(".meta.json") || relative.toString().equals(FeedDelivery.MANIFEST)) {
                    continue;
                }
                Optional<SourceMapping> tombstoneOf = mappings.all().stream().filter(m -> m.tombstoneFile(relative)).findFirst();
                if (tombstoneOf.isPresent()) {
                    tombstones.computeIfAbsent(tombstoneOf.get().source(), k -> new ArrayList<>()).add(path);
                    continue;
                }
                if (mappings.excluded(relative)) {
                    unclaimed.add(relative.toString());
                    continue;
                }
                Optional<SourceMapping> mapping = mappings.claimant(relative);
                if (mapping.isPresent()) {
                    files.add(new InputFile(path, mapping.get()));
                } else if (DOCUMENT_EXTENSIONS.contains(extension(name))) {
                    files.add(new InputFile(path, null));
                } else {
                    unclaimed.add(relative.toString());
                }
            }
        }
        return files;
    }

    /** The record of an extracted document, or its quarantine. */
    private Optional<SourceRecord> documentRecord(Path path, ExtractionOutcome outcome, Quarantine quarantine, JobRecorder job) {
        return switch (outcome) {
            case ExtractionOutcome.Quarantined rejected -> {
                String reason = rejected.reason().description + (rejected.detail() == null ? "" : " (" + rejected.detail() + ")");
                quarantine.write(DOCUMENT_SOURCE, path, new RowResult.Quarantined(path.toString(), 0, null, reason, null, RowResult.Scope.FILE));
                job.quarantine(new QuarantineEntry(path.toString(), 0, null, reason, settings.quarantineDir().resolve(DOCUMENT_SOURCE).toString()));
                job.count("files_quarantined", 1);
                yield Optional.empty();
            }
            case ExtractionOutcome.Extracted extracted -> {
                job.count("documents_extracted", 1);
                for (String warning : extracted.warnings()) {
                    job.warn(new QuarantineEntry(path.toString(), 0, null, warning, null));
                }
                if (!extracted.warnings().isEmpty()) {
                    job.count("documents_warned", 1);
                }
                String fileName = path.getFileName().toString();
                ObjectNode note = JSON.createObjectNode();
                if (extracted.metadata().containsKey(TikaTextExtractor.OCR)) {
                    note.put("ocr", true);
                    job.count("documents_ocr", 1);
                }
                if (extracted.sidecar().isPresent()) {
                    SourceRecord record = extracted.sidecar().get().toRecord(extracted.text(), fileName);
                    note.put("subject_link", "sidecar");
                    documentNotes.put(record.eventId(), note);
                    yield Optional.of(record);
                }
                String recordId = contentId(path);
                String title = extracted.metadata().getOrDefault("title", fileName);
                DocumentFacts facts = documentFacts.find(extracted.text(), extracted.metadata().get("title"), extracted.metadata(),
                        extracted.contentType(), fileName);
                Map<String, String> codes = Map.of("content_type", extracted.contentType());
                PartialDate date = facts.date() == null ? null : PartialDate.of(facts.date());
                if (facts.dateSource() != null) {
                    note.put("date_source", facts.dateSource());
                }
                if (facts.organisation() != null) {
                    note.put("author", facts.organisation());
                }
                if (facts.subjects().isEmpty()) {
                    // Nobody to link: said on the event and in the job, never silently dropped.
                    note.put("subject_link", DocumentLink.NO_SUBJECT.label);
                    job.warning();
                    job.count("documents_without_subject", 1);
                }
                SourceRecord record = new SourceRecord(DOCUMENT_SOURCE, recordId, facts.agency(), "document", date, title,
                        extracted.text(), codes, null, facts.people(), new Origin(fileName, 0, 0));
                documentNotes.put(record.eventId(), note);
                yield Optional.of(record);
            }
        };
    }

    /** How a document found without a sidecar reached the people it is about. */
    enum DocumentLink {
        /** its subject joined a person other records describe */
        LINKED("linked"),
        /** the linker was unsure: the subject's candidate pairs are in the review queue */
        REVIEW("review"),
        /** nobody else matched: the subject is a person known from this document alone */
        NEW_PERSON("new_person"),
        /** no subject could be read from the text */
        NO_SUBJECT("no_subject");

        final String label;

        DocumentLink(String label) {
            this.label = label;
        }
    }

    /**
     * Marks each document read without a sidecar with how its subject was linked: the linker has
     * decided (this never overrides it); a subject it could not place goes to review with its
     * candidates, and one that matched nobody is counted, so no document reaches nobody unseen.
     */
    private void noteDocumentLinks(java.util.Collection<SourceRecord> documents, LinkageResult linkage, JobRecorder job) {
        Map<String, Integer> clusterSizes = new HashMap<>();
        linkage.personIds().values().forEach(id -> clusterSizes.merge(id, 1, Integer::sum));
        Set<String> inReview = new HashSet<>();
        for (var pair : linkage.reviewPairs()) {
            inReview.add(pair.pair().first());
            inReview.add(pair.pair().second());
        }
        for (SourceRecord record : documents) {
            ObjectNode note = documentNotes.get(record.eventId());
            if (note == null || note.has("subject_link")) {
                continue;
            }
            DocumentLink outcome = DocumentLink.NEW_PERSON;
            for (int slot = 0; slot < record.people().size(); slot++) {
                if (!record.people().get(slot).role().equals("subject")) {
                    continue;
                }
                String occurrence = record.occurrenceId(slot);
                String person = linkage.personIds().get(occurrence);
                if (person != null && clusterSizes.getOrDefault(person, 0) > 1) {
                    outcome = DocumentLink.LINKED;
                    break;
                }
                if (inReview.contains(occurrence)) {
                    outcome = DocumentLink.REVIEW;
                }
            }
            note.put("subject_link", outcome.label);
            job.count("documents_subject_" + outcome.label, 1);
        }
    }

    private static String contentId(Path path) {
        try {
            return Ids.sha256Hex(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)))).substring(0, 24);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}

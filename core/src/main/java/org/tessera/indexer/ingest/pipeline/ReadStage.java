package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.documents.DocumentFactsFinder;
import org.tessera.indexer.extraction.ExtractionOutcome;
import org.tessera.indexer.extraction.TextExtractor;
import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.Quarantine;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.FolderDiscovery.InputFile;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.linkage.PersonOccurrence;

/**
 * Stage 1, read: each extract through its source mapping (its accepted records spilled to disk
 * for the event stage, its person occurrences kept for linkage), each document through Tika; bad
 * rows and files are quarantined with their reason, the rest go on. Extracts and documents are read
 * on every core (parsing and mapping rows, and Tika, are all this stage does while the engine
 * waits), then merged in file order, so occurrences, quarantine and counts come out as from one
 * thread. A delta file not read to its end refuses its feed's delivery (nothing applied in part).
 * One run at a time.
 */
final class ReadStage {

    private static final Logger log = LoggerFactory.getLogger(ReadStage.class);

    private final TextExtractor extractor;
    private final DocumentFactsFinder documentFacts;
    private final IngestSettings settings;
    private final Quarantine quarantine;
    private final RecordSpill.Directory spillDir;
    private final JobRecorder job;

    ReadStage(TextExtractor extractor, DocumentFactsFinder documentFacts, IngestSettings settings, Quarantine quarantine,
              RecordSpill.Directory spillDir, JobRecorder job) {
        this.extractor = extractor;
        this.documentFacts = documentFacts;
        this.settings = settings;
        this.quarantine = quarantine;
        this.spillDir = spillDir;
        this.job = job;
    }

    /**
     * What the files delivered. The maps and lists are the run's own (mutable, and large for a
     * county): the feed store stage adds the stored records' occurrences and notes to them and the
     * link stage empties the occurrences once linked.
     *
     * @param documents       the documents read, by file, in file order
     * @param notes           what the ingest learned of each document beyond its record, by event id
     * @param occurrences     every person occurrence of the accepted records and documents
     * @param occurrenceDates the date of each occurrence's record, by occurrence id (when it has one)
     * @param acceptedPerFile records accepted per extract
     * @param spills          the accepted records of each extract, as the mapping read them
     * @param deliveries      what each source delivered (the evidence for withdrawing)
     * @param deltaIds        event ids each extract's source delivered (a delta's replace stored ones)
     * @param records         records accepted from all extracts
     * @param documentSources the sources the documents belong to (always {@value DocumentRecords#SOURCE})
     */
    record Delivered(List<InputFile> files, Map<Path, SourceRecord> documents, Map<String, ObjectNode> notes,
                     List<PersonOccurrence> occurrences, Map<String, LocalDate> occurrenceDates, Map<Path, Long> acceptedPerFile,
                     Map<Path, RecordSpill> spills, Map<String, SourceDelivery> deliveries, Map<String, Set<String>> deltaIds,
                     long records, Set<String> documentSources) {

        /**
         * The event stage's input from this delivery: every extract's accepted records (from its
         * spill: the extract is not parsed again) and the documents, one input each, for
         * {@link InterleavedRecords}.
         */
        List<InterleavedRecords.Input> eventInputs() {
            List<InterleavedRecords.Input> inputs = new ArrayList<>();
            if (!documents.isEmpty()) {
                inputs.add(new InterleavedRecords.Input(documents.size(), () -> documents.values().stream()));
            }
            for (InputFile file : files) {
                if (!file.document()) {
                    inputs.add(new InterleavedRecords.Input(acceptedPerFile.getOrDefault(file.path(), 0L), spills.get(file.path())::read));
                }
            }
            return inputs;
        }

        /** The accepted records of each extract read (documents not included), for the feed store. */
        List<RecordSpill> extractSpills() {
            return files.stream().filter(f -> !f.document() && spills.containsKey(f.path())).map(f -> spills.get(f.path())).toList();
        }
    }

    Delivered read(List<InputFile> files, FeedRun feed) {
        List<PersonOccurrence> occurrences = new ArrayList<>();
        Map<String, LocalDate> occurrenceDates = new HashMap<>();
        Map<Path, SourceRecord> documents = new LinkedHashMap<>();
        Map<String, ObjectNode> notes = new ConcurrentHashMap<>();
        Map<Path, Long> acceptedPerFile = new HashMap<>();
        Map<String, SourceDelivery> deliveries = new TreeMap<>();
        Map<Path, RecordSpill> spills = new HashMap<>();
        Map<String, Set<String>> deltaIds = new HashMap<>();
        DocumentRecords documentRecords = new DocumentRecords(documentFacts, quarantine, settings.quarantineDir(), job, notes);
        long documentsUnread = 0;
        long records = 0;
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
                    ExtractionOutcome outcome = Futures.await(extractions.remove(file), "extracting " + file.path());
                    Optional<SourceRecord> document = documentRecords.record(file.path(), outcome);
                    document.ifPresent(record -> {
                        documents.put(file.path(), record);
                        addOccurrences(record, occurrences, occurrenceDates);
                    });
                    if (document.isEmpty()) {
                        documentsUnread++;
                    }
                    continue;
                }
                ExtractRead read = Futures.await(reads.remove(file), "reading " + file.path());
                records += read.accepted();
                acceptedPerFile.put(file.path(), read.accepted());
                spills.put(file.path(), read.spill());
                occurrences.addAll(read.occurrences());
                occurrenceDates.putAll(read.dates());
                for (long w = 0; w < read.warnings(); w++) {
                    job.warning();
                }
                String source = file.mapping().source();
                deltaIds.computeIfAbsent(source, k -> new HashSet<>()).addAll(read.eventIds());
                String unread = read.unread();
                if (feed.delta(source) && unread != null) {
                    feed.refuse(source, "a delta file could not be read to its end, so the delivery is not applied in part ("
                            + unread + ")");
                }
                long rowsRejected = read.rejected().stream().filter(r -> !r.scope().stopsReading()).count();
                deliveries.put(source, deliveries.getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0))
                        .plus(read.accepted(), rowsRejected, unread));
                quarantine(file, read.rejected());
            }
        }
        // Documents: one that could not be read may be the very record of any document source.
        Set<String> documentSources = new TreeSet<>();
        documentSources.add(DocumentRecords.SOURCE);
        documents.values().forEach(d -> documentSources.add(d.source()));
        for (String source : documentSources) {
            long delivered = documents.values().stream().filter(d -> d.source().equals(source)).count();
            String unread = documentsUnread == 0 ? null
                    : documentsUnread + " document" + (documentsUnread == 1 ? "" : "s") + " in the folder could not be read";
            deliveries.put(source, deliveries.getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0))
                    .plus(delivered, 0, unread));
        }
        job.count("records_read", records);
        job.count("documents_read", documents.size());
        log.info("Read {} records and {} documents with {} person occurrences", records, documents.size(), occurrences.size());
        return new Delivered(files, documents, notes, occurrences, occurrenceDates, acceptedPerFile, spills, deliveries, deltaIds,
                records, documentSources);
    }

    private void quarantine(InputFile file, List<RowResult.Quarantined> rejected) {
        for (RowResult.Quarantined row : rejected) {
            quarantine.write(file.mapping().source(), file.path(), row, file.mapping().format());
            job.quarantine(new QuarantineEntry(row.file(), row.line(), row.field(),
                    row.reason(), settings.quarantineDir().resolve(file.mapping().source()).toString()));
            job.count("rows_quarantined", 1);
        }
    }

    /** Adds the person occurrences of {@code record} and, when it has a date, their date. */
    static void addOccurrences(SourceRecord record, List<PersonOccurrence> occurrences, Map<String, LocalDate> dates) {
        LocalDate date = record.eventDate() == null ? null : record.eventDate().earliest().toLocalDate();
        for (PersonOccurrence occurrence : PersonOccurrence.of(record)) {
            occurrences.add(occurrence);
            if (date != null) {
                dates.put(occurrence.occurrenceId(), date);
            }
        }
    }

    /** What the read stage keeps of one extract: its people, their dates, and its bad rows. */
    private record ExtractRead(List<PersonOccurrence> occurrences, Map<String, LocalDate> dates, long accepted,
                               long warnings, List<RowResult.Quarantined> rejected, RecordSpill spill, Set<String> eventIds) {

        /** Why the extract was not read to its end (file, line and reason), or null when it was. */
        String unread() {
            return rejected.stream().filter(r -> r.scope().stopsReading()).findFirst()
                    .map(r -> r.file() + (r.line() > 0 ? " line " + r.line() : "") + ": " + r.reason()).orElse(null);
        }

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
}

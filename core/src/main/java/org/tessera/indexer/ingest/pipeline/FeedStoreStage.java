package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.index.RefreshPause;

/**
 * Stage 1b, the feed store ({@link FeedStore}, the {@code records} index): what every source holds
 * beyond this delivery joins it ({@link #gather}: the stored records of the sources not delivered
 * whole, less those a delta replaces or tombstones), and what this delivery holds is stored
 * ({@link #storeBeside}, while the next stages run), so that a later delta can be linked and built
 * with the whole picture.
 * One run at a time.
 */
final class FeedStoreStage {

    /** A delivery of at least this many records and documents pauses the store's refreshes while it is written. */
    static final long PAUSE_REFRESH_FROM = 10_000;

    private final FeedStore store;
    private final RecordSpill.Directory spillDir;
    private final JobRecorder job;
    private final String jobId;
    private final StageTimes times;

    FeedStoreStage(FeedStore store, RecordSpill.Directory spillDir, JobRecorder job, String jobId, StageTimes times) {
        this.store = store;
        this.spillDir = spillDir;
        this.job = job;
        this.jobId = jobId;
        this.times = times;
    }

    /**
     * Everything the run links and builds: the delivery and the stored records it does not replace.
     *
     * @param delivered          what the files delivered (its occurrences, notes and deliveries now
     *                           include the stored records')
     * @param fromStore          the stored records, one event-stage input per source
     * @param fedDocuments       documents among the stored records (how their subject links is
     *                           decided again with this run's linkage)
     * @param deliveredWhole     sources this delivery holds whole (snapshots, documents): the store's
     *                           copy of them is not read
     * @param deliveredPerSource records each source delivered in this run's files, for the feed ledger
     * @param reached            the stored records read by what the run reaches instead of joined whole
     *                           (ADR 0047); null when every stored record joined the run
     */
    record Gathered(Delivered delivered, List<InterleavedRecords.Input> fromStore, List<SourceRecord> fedDocuments,
                    Set<String> deliveredWhole, Map<String, Long> deliveredPerSource, ReachedRecords reached) {

        Gathered {
            fromStore = List.copyOf(fromStore);
            fedDocuments = List.copyOf(fedDocuments);
            deliveredWhole = Set.copyOf(deliveredWhole);
            deliveredPerSource = Map.copyOf(deliveredPerSource);
        }

        /** Records the event stage builds: the delivery's and the store's (those read so far, when read by reach). */
        long total() {
            return delivered.records() + delivered.documents().size() + fromStore.stream().mapToLong(InterleavedRecords.Input::expected).sum()
                    + (reached == null ? 0 : reached.readCount());
        }

        /** The event stage's inputs: each extract, the documents, each stored source, the stored records read by reach. */
        List<InterleavedRecords.Input> eventInputs() {
            List<InterleavedRecords.Input> inputs = delivered.eventInputs();
            inputs.addAll(fromStore);
            if (reached != null) {
                inputs.add(reached.input());
            }
            return inputs;
        }
    }

    /** The sources a delivery holds whole: its snapshots, and the documents when it holds any. */
    static Set<String> deliveredWhole(Delivered delivered, FeedRun feed) {
        Set<String> deliveredWhole = new TreeSet<>();
        delivered.files().stream().filter(f -> !f.document() && !feed.delta(f.mapping().source()))
                .forEach(f -> deliveredWhole.add(f.mapping().source()));
        if (!delivered.documents().isEmpty()) {
            deliveredWhole.addAll(delivered.documentSources());
        }
        return deliveredWhole;
    }

    /** The stored records of every source this delivery does not hold whole, joined to it. */
    Gathered gather(Delivered delivered, FeedRun feed, Map<String, Long> storedRecords) {
        return gather(delivered, feed, storedRecords, null, Set.of());
    }

    /**
     * As {@link #gather(Delivered, FeedRun, Map)}; with a stored assignment, the stored records of the
     * extract sources are not read here but by what the run reaches ({@link ReachedRecords}, ADR 0047):
     * only the documents' (their sources have no mapping) are joined whole, and each source's delivery is
     * counted from the store.
     *
     * @param extractSources the sources with a mapping (extracts, not documents)
     */
    Gathered gather(Delivered delivered, FeedRun feed, Map<String, Long> storedRecords, StoredAssignment assignment,
                    Set<String> extractSources) {
        Set<String> deliveredWhole = deliveredWhole(delivered, feed);
        Set<String> byReach = new TreeSet<>(storedRecords.keySet());
        byReach.retainAll(extractSources);
        byReach.removeAll(deliveredWhole);
        ReachedRecords reached = assignment == null ? null : new ReachedRecords(store, assignment, byReach, delivered.deltaIds(), feed);
        Map<String, Long> deliveredPerSource = new TreeMap<>();
        delivered.deliveries().forEach((source, d) -> deliveredPerSource.put(source, d.recordsRead()));
        List<InterleavedRecords.Input> fromStore = new ArrayList<>();
        List<SourceRecord> fedDocuments = new ArrayList<>();
        Set<String> storeSources = new TreeSet<>(storedRecords.keySet());
        storeSources.addAll(delivered.deltaIds().keySet().stream().filter(feed::delta).toList());
        for (String source : storeSources) {
            if (deliveredWhole.contains(source)) {
                continue;
            }
            Set<String> replaced = feed.delta(source) ? delivered.deltaIds().getOrDefault(source, Set.of()) : Set.of();
            Set<String> tombstoned = feed.tombstoned(source);
            long fresh = feed.delta(source) ? delivered.deltaIds().getOrDefault(source, Set.of()).size() : 0;
            if (reached != null && reached.readsByReach(source)) {
                // the source's stored records less those the delta replaces or tombstones, counted, not read
                Set<String> gone = new HashSet<>(replaced);
                gone.addAll(tombstoned);
                long kept = storedRecords.getOrDefault(source, 0L) - store.countOf(source, gone);
                delivered.deliveries().put(source, new SourceDelivery(source, kept + fresh, 0, null, 0));
                continue;
            }
            InterleavedRecords.Input stored = spillStored("store-" + source + ".records", each -> store.forEach(source, (record, note) -> {
                if (!replaced.contains(record.eventId()) && !tombstoned.contains(record.eventId())) {
                    each.accept(record, note);
                }
            }), delivered, fedDocuments);
            fromStore.add(stored);
            // the whole of the source is known: its stored records, the delta's new and replaced ones
            delivered.deliveries().put(source, new SourceDelivery(source, stored.expected() + fresh, 0, null, 0));
            job.count("records_from_feed_store", stored.expected());
        }
        return new Gathered(delivered, fromStore, fedDocuments, deliveredWhole, deliveredPerSource, reached);
    }

    /**
     * The run with the stored records a held-back snapshot lacks ({@link SnapshotChanges#keptAbsent()})
     * joined to it as unchanged records, read from the store by id: the run neither withdraws nor
     * links them anew, so their persons keep these members and stay settled (ADR 0032). Without them
     * each such person lost members in the run's linkage and its events were read whole and built
     * again, only to be built once more by the next run that reads the source from the store. The
     * source's delivery (what the withdrawal policy decides on) is left as the files delivered it.
     */
    Gathered gatherKeptAbsent(Gathered gathered, SnapshotChanges snapshots) {
        if (snapshots.keptAbsent().isEmpty()) {
            return gathered;
        }
        Delivered delivered = gathered.delivered();
        List<InterleavedRecords.Input> fromStore = new ArrayList<>(gathered.fromStore());
        List<SourceRecord> fedDocuments = new ArrayList<>(gathered.fedDocuments());
        long start = System.nanoTime();
        InterleavedRecords.Input stored = spillStored("store-kept-absent.records",
                each -> store.forEachOf(snapshots.keptAbsent(), each), delivered, fedDocuments);
        fromStore.add(stored);
        job.count("records_kept_absent_from_feed_store", stored.expected());
        times.since("feed store/kept absent", start);
        return new Gathered(delivered, fromStore, fedDocuments, gathered.deliveredWhole(), gathered.deliveredPerSource(), gathered.reached());
    }

    /**
     * Spills the stored records a reader hands over, each joining the run: its occurrences for the
     * linkage, and for a document its note and a place among the documents fed again.
     */
    private InterleavedRecords.Input spillStored(String fileName, Consumer<BiConsumer<SourceRecord, ObjectNode>> reader,
                                                 Delivered delivered, List<SourceRecord> fedDocuments) {
        long[] kept = {0};
        RecordSpill spill;
        try (RecordSpill.Writer spilled = new RecordSpill.Writer(spillDir.file(fileName))) {
            reader.accept((record, note) -> {
                spilled.add(record);
                if (note != null) {
                    delivered.notes().put(record.eventId(), note);
                    fedDocuments.add(record);
                }
                ReadStage.addOccurrences(record, delivered.occurrences(), delivered.occurrenceDates());
                kept[0]++;
            });
            spill = spilled.finish();
        }
        return new InterleavedRecords.Input(kept[0], spill::read);
    }

    /**
     * Starts storing what this delivery holds (each extract's records, the documents with their
     * notes as they are now, before linkage marks how their subject linked) on a thread of its own,
     * beside the link and event stages: it needs nothing they make, and the engine is otherwise
     * idle while linkage runs. Unchanged records are left alone; the store is searchable when the
     * write ends. The run awaits it before anything is withdrawn and before the feed ledger records
     * the delivery, so a run killed before then applies the same delivery again in full
     * (docs/adr/0016-feed-store-written-beside-the-stages.md). A record the store refuses fails the
     * write, and the run with it: without it a later delta would build an incomplete picture.
     *
     * @param storeWasEmpty the store held no record before this run: no stored hash to compare with
     * @param unchanged     event ids whose records are known to equal the stored ones (a compared
     *                      snapshot's, {@link SnapshotChanges#unchanged()}): passed over unwritten
     */
    Future<Boolean> storeBeside(Delivered delivered, boolean storeWasEmpty, Set<String> unchanged) {
        return storing(delivered, storeWasEmpty, unchanged).get();
    }

    /**
     * As {@link #storeBeside}, with what is written taken now (the documents' notes as they are before linkage marks them)
     * and the write started when the answer is called: a run by reach starts it after its link, so that a day its reach
     * refuses leaves the store as it was (ADR 0057).
     */
    Supplier<Future<Boolean>> storing(Delivered delivered, boolean storeWasEmpty, Set<String> unchanged) {
        Map<String, ObjectNode> notes = new HashMap<>();
        for (SourceRecord document : delivered.documents().values()) {
            ObjectNode note = delivered.notes().get(document.eventId());
            if (note != null) {
                notes.put(document.eventId(), note.deepCopy());
            }
        }
        List<RecordSpill> spills = delivered.extractSpills();
        List<SourceRecord> documents = List.copyOf(delivered.documents().values());
        BulkWriter.Mode mode = storeWasEmpty ? BulkWriter.Mode.OVERWRITE : BulkWriter.Mode.SKIP_UNCHANGED;
        return () -> Futures.start("ingest-feed-store", () -> {
            long start = System.nanoTime();
            store(spills, documents, notes, mode, unchanged, delivered.records() + documents.size());
            times.since("feed store/write", start);
            return true;
        });
    }

    private void store(List<RecordSpill> spills, List<SourceRecord> documents, Map<String, ObjectNode> notes, BulkWriter.Mode mode,
                       Set<String> unchanged, long size) {
        List<BulkWriter.Failure> refused = new ArrayList<>();
        // one refresh when the delivery is all in (closing the pause), not one a second; a small delivery is not paused for
        try (RefreshPause pause = store.pauseRefresh(mode == BulkWriter.Mode.OVERWRITE || size >= PAUSE_REFRESH_FROM)) {
            for (RecordSpill spill : spills) {
                try (Stream<SourceRecord> records = spill.read()) {
                    refused.addAll(store.put(records.filter(r -> !unchanged.contains(r.eventId())), jobId, Map.of(), mode));
                }
            }
            refused.addAll(store.put(documents.stream(), jobId, notes, mode));
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException("the feed store refused " + refused.size() + " record(s), first: " + refused.get(0).reason());
        }
    }
}

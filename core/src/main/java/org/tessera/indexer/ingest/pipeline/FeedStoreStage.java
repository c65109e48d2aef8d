package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.opensearch.BulkWriter;

/**
 * Stage 1b, the feed store ({@link FeedStore}, the {@code records} index): what every source holds
 * beyond this delivery joins it ({@link #gather}: the stored records of the sources not delivered
 * whole, less those a delta replaces or tombstones), and what this delivery holds is stored
 * ({@link #store}), so that a later delta can be linked and built with the whole picture.
 * One run at a time.
 */
final class FeedStoreStage {

    private final FeedStore store;
    private final RecordSpill.Directory spillDir;
    private final JobRecorder job;
    private final String jobId;

    FeedStoreStage(FeedStore store, RecordSpill.Directory spillDir, JobRecorder job, String jobId) {
        this.store = store;
        this.spillDir = spillDir;
        this.job = job;
        this.jobId = jobId;
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
     */
    record Gathered(Delivered delivered, List<InterleavedRecords.Input> fromStore, List<SourceRecord> fedDocuments,
                    Set<String> deliveredWhole, Map<String, Long> deliveredPerSource) {

        Gathered {
            fromStore = List.copyOf(fromStore);
            fedDocuments = List.copyOf(fedDocuments);
            deliveredWhole = Set.copyOf(deliveredWhole);
            deliveredPerSource = Map.copyOf(deliveredPerSource);
        }

        /** Records the event stage builds: the delivery's and the store's. */
        long total() {
            return delivered.records() + delivered.documents().size() + fromStore.stream().mapToLong(InterleavedRecords.Input::expected).sum();
        }

        /** The event stage's inputs: each extract, the documents, each stored source. */
        List<InterleavedRecords.Input> eventInputs() {
            List<InterleavedRecords.Input> inputs = delivered.eventInputs();
            inputs.addAll(fromStore);
            return inputs;
        }
    }

    /** The stored records of every source this delivery does not hold whole, joined to it. */
    Gathered gather(Delivered delivered, FeedRun feed, Map<String, Long> storedRecords) {
        Set<String> deliveredWhole = new TreeSet<>();
        delivered.files().stream().filter(f -> !f.document() && !feed.delta(f.mapping().source()))
                .forEach(f -> deliveredWhole.add(f.mapping().source()));
        if (!delivered.documents().isEmpty()) {
            deliveredWhole.addAll(delivered.documentSources());
        }
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
            Path spillFile = spillDir.file("store-" + source + ".records");
            long[] kept = {0};
            RecordSpill spill;
            try (RecordSpill.Writer spilled = new RecordSpill.Writer(spillFile)) {
                store.forEach(source, (record, note) -> {
                    if (!replaced.contains(record.eventId()) && !tombstoned.contains(record.eventId())) {
                        spilled.add(record);
                        if (note != null) {
                            delivered.notes().put(record.eventId(), note);
                            fedDocuments.add(record);
                        }
                        ReadStage.addOccurrences(record, delivered.occurrences(), delivered.occurrenceDates());
                        kept[0]++;
                    }
                });
                spill = spilled.finish();
            }
            fromStore.add(new InterleavedRecords.Input(kept[0], spill::read));
            long fresh = feed.delta(source) ? delivered.deltaIds().getOrDefault(source, Set.of()).size() : 0;
            // the whole of the source is known: its stored records, the delta's new and replaced ones
            delivered.deliveries().put(source, new SourceDelivery(source, kept[0] + fresh, 0, null, 0));
            job.count("records_from_feed_store", kept[0]);
        }
        return new Gathered(delivered, fromStore, fedDocuments, deliveredWhole, deliveredPerSource);
    }

    /**
     * Stores what this delivery holds (each extract's records, the documents with their notes as
     * they are now) and makes it searchable; unchanged records are left alone. A record the store
     * refuses stops the run: without it a later delta would build an incomplete picture.
     */
    void store(Delivered delivered) {
        List<BulkWriter.Failure> refused = new ArrayList<>();
        for (RecordSpill spill : delivered.extractSpills()) {
            try (Stream<SourceRecord> records = spill.read()) {
                refused.addAll(store.put(records, jobId, Map.of()));
            }
        }
        Map<String, ObjectNode> notes = delivered.notes();
        refused.addAll(store.put(delivered.documents().values().stream(), jobId, notes));
        if (!refused.isEmpty()) {
            throw new IllegalStateException("the feed store refused " + refused.size() + " record(s), first: " + refused.get(0).reason());
        }
        store.refresh();
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.FolderDiscovery.InputFile;
import org.tessera.indexer.ingest.pipeline.ReadStage.Delivered;

/**
 * What a snapshot delivery changed against the feed store, record by record, so that it can be
 * linked around what changed as a delta is (ADR 0029): a record whose content hash equals the
 * stored one's is unchanged; a new record or one whose hash differs is changed; a stored record the
 * snapshot lacks is absent, and either withdrawn with the run (its person is linked again, as for a
 * tombstone) or, when the run will hold the source's withdrawal back, kept as stored (its person
 * stays as it is). Only the stored hashes are read (one scroll of two short fields per source), never
 * the stored records.
 *
 * @param comparable  whether every source the run holds whole is an extract the store could be
 *                    compared with (false when documents were delivered: they are linked whole)
 * @param changed     event ids of the new or changed records of each snapshot source compared
 * @param keptAbsent  event ids of stored records the snapshots lack whose withdrawal the run holds back:
 *                    the run gathers them from the store as a delta's unchanged records
 *                    ({@link FeedStoreStage#gatherKeptAbsent}), so their persons stay as stored
 * @param absent      stored records the snapshots lack, in all
 * @param unchanged   event ids of the delivered records whose hash equals the stored one's: the feed
 *                    store's write passes them over without serialising them again
 */
record SnapshotChanges(boolean comparable, Map<String, Set<String>> changed, Set<String> keptAbsent, long absent,
                       Set<String> unchanged) {

    SnapshotChanges {
        changed = Map.copyOf(changed);
        keptAbsent = Set.copyOf(keptAbsent);
        unchanged = Set.copyOf(unchanged);
    }

    /** No source delivered whole: nothing to compare (a delivery of deltas alone). */
    static final SnapshotChanges NONE = new SnapshotChanges(true, Map.of(), Set.of(), 0, Set.of());
    /** Sources delivered whole that were not compared: the run links every occurrence. */
    static final SnapshotChanges NOT_COMPARED = new SnapshotChanges(false, Map.of(), Set.of(), 0, Set.of());

    /** Event ids changed in all. */
    long changedRecords() {
        return changed.values().stream().mapToLong(Set::size).sum();
    }

    /**
     * Compares each extract source the delivery holds whole with its stored records.
     *
     * @param deliveredWhole the sources the run holds whole (snapshots and documents)
     * @param storedRecords  records the store held per source before the run
     * @param settings       whether and when the run withdraws what a snapshot lacks
     */
    static SnapshotChanges compare(Delivered delivered, Set<String> deliveredWhole, Map<String, Long> storedRecords, FeedStore store,
                                   IngestSettings settings) {
        if (deliveredWhole.isEmpty()) {
            return NONE;
        }
        if (!delivered.documents().isEmpty() || deliveredWhole.stream().anyMatch(delivered.documentSources()::contains)) {
            return NOT_COMPARED;
        }
        Map<String, Set<String>> changed = new HashMap<>();
        Set<String> keptAbsent = new HashSet<>();
        Set<String> unchanged = new HashSet<>();
        long absentAll = 0;
        for (String source : deliveredWhole) {
            long stored = storedRecords.getOrDefault(source, 0L);
            Set<String> fresh = changed.computeIfAbsent(source, k -> new HashSet<>());
            if (stored == 0) {
                continue;   // every record is new, and the linkage finds it so (no stored person holds it)
            }
            Map<String, String> hashes = store.contentHashes(source);
            for (InputFile file : delivered.files()) {
                if (file.document() || !file.mapping().source().equals(source) || !delivered.spills().containsKey(file.path())) {
                    continue;
                }
                try (Stream<SourceRecord> records = delivered.spills().get(file.path()).read()) {
                    records.forEach(record -> {
                        String was = hashes.remove(record.eventId());
                        if (was == null || !was.equals(FeedStore.contentHash(record))) {
                            fresh.add(record.eventId());
                        } else {
                            unchanged.add(record.eventId());
                        }
                    });
                }
            }
            unchanged.removeAll(fresh);   // a record delivered twice, once changed, is written
            absentAll += hashes.size();
            SourceDelivery delivery = delivered.deliveries().getOrDefault(source, new SourceDelivery(source, 0, 0, null, 0));
            boolean withdraws = settings.deleteStale() && settings.withdrawal().decide(delivery.withPreviouslyStored(stored)).withdraw();
            if (!withdraws) {
                keptAbsent.addAll(hashes.keySet());
            }
        }
        return new SnapshotChanges(true, changed, keptAbsent, absentAll, unchanged);
    }
}

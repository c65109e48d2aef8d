package org.tessera.indexer.ingest.pipeline;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;

/**
 * One run's feed decisions: for each source with files in the folder, whether its delivery is
 * applied, skipped as a replay or refused ({@link FeedGate}), and the event ids a delta's tombstones
 * withdraw. A delivery with any refused part is refused whole: {@link #refusal()} says why.
 */
final class FeedRun {

    private final Map<String, FeedGate.Decision> decisions;
    private final Map<String, Set<String>> tombstoned;
    private final Map<String, Long> tombstoneCounts;
    private final List<String> problems;

    private FeedRun(Map<String, FeedGate.Decision> decisions, Map<String, Set<String>> tombstoned,
                    Map<String, Long> tombstoneCounts, List<String> problems) {
        this.decisions = decisions;
        this.tombstoned = tombstoned;
        this.tombstoneCounts = tombstoneCounts;
        this.problems = problems;
    }

    /**
     * @param extracts      the folder's extracts by source
     * @param tombstones    the folder's tombstone files by source
     * @param indexed       events per source in the index
     * @param stored        records per source in the feed store
     */
    static FeedRun plan(Path folder, SourceMappings mappings, Map<String, List<Path>> extracts,
                        Map<String, List<Path>> tombstones, Map<String, FeedGate.History> histories,
                        Map<String, Long> indexed, Map<String, Long> stored) {
        FeedDelivery.Manifest manifest = FeedDelivery.manifest(folder);
        List<String> problems = new ArrayList<>();
        if (manifest.problem() != null) {
            problems.add(manifest.problem());
        }
        Map<String, FeedGate.Decision> decisions = new TreeMap<>();
        Map<String, Set<String>> tombstoned = new TreeMap<>();
        Map<String, Long> tombstoneCounts = new TreeMap<>();
        Set<String> sources = new TreeSet<>(extracts.keySet());
        sources.addAll(tombstones.keySet());
        for (String source : manifest.declared().keySet()) {
            if (mappings.bySource(source).isEmpty()) {
                problems.add(FeedDelivery.MANIFEST + " declares a feed for " + source + ", which no source mapping defines");
            }
        }
        for (String source : sources) {
            SourceMapping mapping = mappings.bySource(source).orElseThrow();
            List<Path> files = new ArrayList<>(extracts.getOrDefault(source, List.of()));
            files.addAll(tombstones.getOrDefault(source, List.of()));
            FeedGate.Decision decision = FeedGate.decide(source, mapping.feed().kind(), manifest.declared().get(source),
                    FeedDelivery.contentHash(files), manifest.asOf(), histories.getOrDefault(source, FeedGate.History.NONE),
                    stored.getOrDefault(source, 0L), indexed.getOrDefault(source, 0L));
            decisions.put(source, decision);
            if (decision.outcome() == FeedGate.Outcome.REFUSE) {
                problems.add(source + ": " + decision.reason());
            }
            Set<String> ids = new HashSet<>();
            for (Path file : tombstones.getOrDefault(source, List.of())) {
                FeedDelivery.Tombstones read = FeedDelivery.tombstones(file);
                if (read.problem() != null) {
                    problems.add(source + ": " + read.problem());
                }
                read.recordIds().forEach(id -> ids.add(Ids.eventId(source, id)));
            }
            tombstoned.put(source, ids);
            tombstoneCounts.put(source, (long) ids.size());
        }
        // declared kinds are checked for sources that delivered; one declared for a source that did not is only noted
        return new FeedRun(decisions, tombstoned, tombstoneCounts, problems);
    }

    /** Why the delivery is refused whole, or null. */
    String refusal() {
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Refuses the delivery whole after reading (a delta file whose layout could not be read). */
    void refuse(String source, String reason) {
        problems.add(source + ": " + reason);
        FeedGate.Decision d = decisions.get(source);
        if (d != null) {
            decisions.put(source, new FeedGate.Decision(source, d.kind(), FeedGate.Outcome.REFUSE, reason, d.deliveryHash(),
                    d.asOf(), d.sequence()));
        }
    }

    boolean skipped(String source) {
        FeedGate.Decision d = decisions.get(source);
        return d != null && d.outcome() == FeedGate.Outcome.SKIP;
    }

    boolean anySkipped() {
        return decisions.values().stream().anyMatch(d -> d.outcome() == FeedGate.Outcome.SKIP);
    }

    boolean delta(String source) {
        FeedGate.Decision d = decisions.get(source);
        return d != null && d.outcome() == FeedGate.Outcome.APPLY && d.kind() == SourceMapping.FeedKind.DELTA;
    }

    /** Event ids the tombstones of an applied delta of {@code source} withdraw. */
    Set<String> tombstoned(String source) {
        return delta(source) ? tombstoned.getOrDefault(source, Set.of()) : Set.of();
    }

    /** Every decision, refused ones carrying the whole delivery's reason when it was refused. */
    List<FeedGate.Decision> decisions() {
        String refusal = refusal();
        List<FeedGate.Decision> out = new ArrayList<>();
        for (FeedGate.Decision d : decisions.values()) {
            if (refusal != null && d.outcome() != FeedGate.Outcome.REFUSE) {
                out.add(new FeedGate.Decision(d.source(), d.kind(), FeedGate.Outcome.REFUSE,
                        "refused with the rest of the delivery: " + refusal, d.deliveryHash(), d.asOf(), d.sequence()));
            } else {
                out.add(d);
            }
        }
        return out;
    }

    /** Writes every decision to the ledger ({@code records} per source: what it delivered). */
    void record(FeedLedger ledger, String jobId, String input, Map<String, Long> records) {
        for (FeedGate.Decision d : decisions()) {
            ledger.record(d, jobId, input, records.getOrDefault(d.source(), 0L), tombstoneCounts.getOrDefault(d.source(), 0L));
        }
    }

    Map<String, FeedGate.Decision> bySource() {
        return new LinkedHashMap<>(decisions);
    }
}

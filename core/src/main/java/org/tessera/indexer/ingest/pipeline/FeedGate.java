package org.tessera.indexer.ingest.pipeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import org.tessera.indexer.ingest.SourceMapping;

/**
 * Decides what becomes of one source's part of a delivery, before anything of it is written
 * (docs/adr/0013-feeds-and-the-feed-store.md):
 * <ul>
 *   <li>a delta whose content was applied before is a replay: skipped and reported;</li>
 *   <li>a delivery older than (or as old as) the last one applied is out of order: refused (a
 *       late day is not slotted in between; the sender re-sends from the first missing day);</li>
 *   <li>a delta more than a day after the last one applied leaves a gap: refused, naming the days;</li>
 *   <li>a delivery declared ({@code feed.json}) as the other kind than the source's mapping says,
 *       and a delta for a source whose records are in the index but not in the feed store (a
 *       delta cannot be applied to what is not known): refused.</li>
 * </ul>
 * A snapshot is never skipped as a replay: applying it again changes nothing (today's re-run).
 * Pure and thread-safe.
 */
public final class FeedGate {

    private FeedGate() {
    }

    public enum Outcome { APPLY, SKIP, REFUSE }

    /**
     * @param reason in words: why skipped or refused; for an applied delivery a note or null
     */
    public record Decision(String source, SourceMapping.FeedKind kind, Outcome outcome, String reason, String deliveryHash,
                    LocalDate asOf, long sequence) {
        public Decision {
            Objects.requireNonNull(source);
            Objects.requireNonNull(kind);
            Objects.requireNonNull(outcome);
            if (outcome != Outcome.APPLY) {
                Objects.requireNonNull(reason, "a skipped or refused delivery needs its reason");
            }
        }
    }

    /**
     * What the ledger knows of a source.
     *
     * @param appliedHashes content hashes of every delivery applied
     * @param lastAsOf      as-of date of the newest applied delivery that had one (null: none)
     * @param lastSequence  sequence number of the last applied delivery (0: none yet)
     */
    record History(Set<String> appliedHashes, LocalDate lastAsOf, long lastSequence) {
        static final History NONE = new History(Set.of(), null, 0);

        History {
            appliedHashes = Set.copyOf(appliedHashes);
        }
    }

    /**
     * @param declared       the kind {@code feed.json} declares for the source, or null
     * @param storedRecords  records of the source in the feed store
     * @param indexedEvents  events of the source in the events index
     */
    static Decision decide(String source, SourceMapping.FeedKind kind, SourceMapping.FeedKind declared, String hash,
                           LocalDate asOf, History history, long storedRecords, long indexedEvents) {
        long sequence = history.lastSequence() + 1;
        if (declared != null && declared != kind) {
            return refuse(source, kind, hash, asOf, sequence, "the delivery is declared a " + name(declared)
                    + " but the source's mapping says it sends a " + name(kind) + " (feed: " + name(kind) + ")");
        }
        if (kind == SourceMapping.FeedKind.DELTA && history.appliedHashes().contains(hash)) {
            return new Decision(source, kind, Outcome.SKIP, "replay: a delivery with the same content (" + hash.substring(0, 12)
                    + ") was applied before; nothing applied twice", hash, asOf, history.lastSequence());
        }
        if (asOf != null && history.lastAsOf() != null && !asOf.isAfter(history.lastAsOf())) {
            return refuse(source, kind, hash, asOf, sequence, "out of order: the delivery is as of " + asOf
                    + ", but one as of " + history.lastAsOf() + " was applied already; re-send from the day after "
                    + history.lastAsOf());
        }
        if (kind == SourceMapping.FeedKind.DELTA) {
            if (asOf != null && history.lastAsOf() != null) {
                long days = ChronoUnit.DAYS.between(history.lastAsOf(), asOf);
                if (days > 1) {
                    return refuse(source, kind, hash, asOf, sequence, "date gap: the last delta applied is as of "
                            + history.lastAsOf() + " and this one as of " + asOf + "; " + (days - 1) + " day(s) from "
                            + history.lastAsOf().plusDays(1) + " to " + asOf.minusDays(1) + " missing");
                }
            }
            if (storedRecords == 0 && indexedEvents > 0) {
                return refuse(source, kind, hash, asOf, sequence, "the index holds " + indexedEvents + " events of the source "
                        + "but the feed store none of its records, so a delta cannot be applied to them; ingest the source's "
                        + "full extract once first");
            }
        }
        return new Decision(source, kind, Outcome.APPLY, null, hash, asOf, sequence);
    }

    private static Decision refuse(String source, SourceMapping.FeedKind kind, String hash, LocalDate asOf, long sequence,
                                   String reason) {
        return new Decision(source, kind, Outcome.REFUSE, reason, hash, asOf, sequence);
    }

    public static String name(SourceMapping.FeedKind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.util.Locale;
import java.util.Objects;

/**
 * Decides, per source, whether a run may withdraw the stored records that its delivery no longer
 * holds. Only complete evidence withdraws: every file of the source read to the end, no row of it
 * quarantined (a row that could not be read may be the very record that looks absent), and no
 * sharp fall in the number of records against what is stored (a cut-off or half-exported
 * delivery). Otherwise nothing of the source is withdrawn and the decision says why, in words.
 *
 * @param maxDrop the largest share of stored records a complete delivery may lack and still
 *                withdraw them (0.25: a delivery with under 75 % of the stored records withdraws nothing)
 * @param minFall a fall of at most this many records is never "sharp", whatever its share (a
 *                source of four records losing one is ordinary business, not a cut-off export)
 */
public record WithdrawalPolicy(double maxDrop, long minFall) {

    public static final double DEFAULT_MAX_DROP = 0.25;
    public static final long DEFAULT_MIN_FALL = 10;

    public WithdrawalPolicy {
        if (!(maxDrop >= 0 && maxDrop <= 1)) {
            throw new IllegalArgumentException("withdrawal max-drop must be between 0 and 1, not " + maxDrop);
        }
        if (minFall < 0) {
            throw new IllegalArgumentException("withdrawal min-fall must not be negative, not " + minFall);
        }
    }

    public WithdrawalPolicy(double maxDrop) {
        this(maxDrop, DEFAULT_MIN_FALL);
    }

    public static WithdrawalPolicy defaults() {
        return new WithdrawalPolicy(DEFAULT_MAX_DROP, DEFAULT_MIN_FALL);
    }

    /** A source's decision; {@code reason} says in words why it withdraws nothing (null when it may withdraw). */
    public record Decision(String source, boolean withdraw, String reason) {
        public Decision {
            Objects.requireNonNull(source, "source");
            if (!withdraw) {
                Objects.requireNonNull(reason, "a held-back withdrawal needs its reason");
            }
        }
    }

    public Decision decide(SourceDelivery delivery) {
        String source = delivery.source();
        if (delivery.unread() != null) {
            return new Decision(source, false, "not every file of the source was read to the end (" + delivery.unread() + ")");
        }
        if (delivery.rowsQuarantined() > 0) {
            return new Decision(source, false, String.format(Locale.ROOT,
                    "%,d row%s could not be read and went to quarantine, so the records they hold are unknown",
                    delivery.rowsQuarantined(), delivery.rowsQuarantined() == 1 ? "" : "s"));
        }
        long stored = delivery.previouslyStored();
        long fall = stored - delivery.recordsRead();
        if (fall > minFall && delivery.recordsRead() < stored * (1 - maxDrop)) {
            return new Decision(source, false, String.format(Locale.ROOT,
                    "the delivery holds %,d records against %,d stored, a fall of %.0f %%, more than the %.0f %% "
                            + "allowed (setting tessera.ingest.withdrawal.max-drop)",
                    delivery.recordsRead(), stored, 100.0 * (stored - delivery.recordsRead()) / stored, 100 * maxDrop));
        }
        return new Decision(source, true, null);
    }
}

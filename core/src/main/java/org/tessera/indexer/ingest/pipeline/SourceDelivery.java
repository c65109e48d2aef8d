package org.tessera.indexer.ingest.pipeline;

import java.util.Objects;

/**
 * What one run read of a source: the evidence on which the records it no longer delivers may be
 * withdrawn (see {@link WithdrawalPolicy}).
 *
 * @param source           the source id
 * @param recordsRead      records accepted from its extracts and documents in this run
 * @param rowsQuarantined  rows (or documents) that could not be read: the records they hold are unknown
 * @param unread           why a file of the source was not read to the end (file, line and reason), or null when all were
 * @param previouslyStored events of the source in the index before this run wrote any
 */
public record SourceDelivery(String source, long recordsRead, long rowsQuarantined, String unread, long previouslyStored) {

    public SourceDelivery {
        Objects.requireNonNull(source, "source");
        if (recordsRead < 0 || rowsQuarantined < 0 || previouslyStored < 0) {
            throw new IllegalArgumentException("negative count in the delivery of " + source);
        }
    }

    /** Adds what another file of the same source delivered. */
    SourceDelivery plus(long records, long quarantined, String unreadReason) {
        return new SourceDelivery(source, recordsRead + records, rowsQuarantined + quarantined,
                unread != null ? unread : unreadReason, previouslyStored);
    }

    SourceDelivery withPreviouslyStored(long stored) {
        return new SourceDelivery(source, recordsRead, rowsQuarantined, unread, stored);
    }
}

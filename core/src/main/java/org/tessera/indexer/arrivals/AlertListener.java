package org.tessera.indexer.arrivals;

import java.util.List;

/**
 * Told of the alerts an arrival created, once they are stored, on the arrival's worker thread: an
 * implementation hands slow work (mail, server push) to its own threads and must not throw.
 */
@FunctionalInterface
public interface AlertListener {

    void alerted(List<Alert> alerts);
}

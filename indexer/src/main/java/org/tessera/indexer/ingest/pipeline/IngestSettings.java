package org.tessera.indexer.ingest.pipeline;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How an ingest run behaves.
 *
 * @param quarantineDir   where rejected rows and files are copied with their reasons
 * @param batchSize       events per analysis and percolation batch (bulk requests hold at most 500 of them)
 * @param analyseText     run the NLP pipeline on free text (entities, context)
 * @param deleteStale     after a run, withdraw the events and persons of the ingested sources that the
 *                        input no longer produces, for the sources whose delivery is complete evidence
 * @param withdrawal      what counts as complete evidence for withdrawing (see {@link WithdrawalPolicy})
 */
public record IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale,
                             WithdrawalPolicy withdrawal) {

    public IngestSettings {
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        Objects.requireNonNull(withdrawal, "withdrawal");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    public IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale) {
        this(quarantineDir, batchSize, analyseText, deleteStale, WithdrawalPolicy.defaults());
    }

    public static IngestSettings defaults(Path quarantineDir) {
        return new IngestSettings(quarantineDir, 2000, true, true);
    }
}

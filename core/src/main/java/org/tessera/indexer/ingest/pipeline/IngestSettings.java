package org.tessera.indexer.ingest.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.tessera.indexer.ingest.ReadLimits;
import org.tessera.indexer.nlp.TextLimits;

/**
 * How an ingest run behaves.
 *
 * @param quarantineDir   where rejected rows and files are copied with their reasons
 * @param batchSize       events per analysis and percolation batch (bulk requests hold at most 500 of them)
 * @param analyseText     run the NLP pipeline on free text (entities, context)
 * @param deleteStale     after a run, withdraw the events and persons of the ingested sources that the
 *                        input no longer produces, for the sources whose delivery is complete evidence
 * @param withdrawal      what counts as complete evidence for withdrawing (see {@link WithdrawalPolicy})
 * @param readLimits      bounds on one row and one value of an extract
 * @param textLimits      bounds on the analysis of one text
 * @param semanticStage   also tag sentences with concepts by sentence embeddings (setting
 *                        {@value #SEMANTIC_STAGE}, off by default: it triples the indexer's CPU per
 *                        event, see docs/nlp.md "Semantic stage")
 */
public record IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale,
                             WithdrawalPolicy withdrawal, ReadLimits readLimits, TextLimits textLimits,
                             boolean semanticStage) {

    /** The setting that turns the semantic stage on ({@code true}/{@code false}). */
    public static final String SEMANTIC_STAGE = "tessera.nlp.semantic-stage";
    /** The semantic stage's default when {@value #SEMANTIC_STAGE} is unset (docs/nlp.md "Semantic stage"). */
    public static final boolean SEMANTIC_STAGE_DEFAULT = false;

    public IngestSettings {
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        Objects.requireNonNull(withdrawal, "withdrawal");
        Objects.requireNonNull(readLimits, "readLimits");
        Objects.requireNonNull(textLimits, "textLimits");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
    }

    /** With the semantic stage at its default ({@link #SEMANTIC_STAGE_DEFAULT}). */
    public IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale,
                          WithdrawalPolicy withdrawal, ReadLimits readLimits, TextLimits textLimits) {
        this(quarantineDir, batchSize, analyseText, deleteStale, withdrawal, readLimits, textLimits, SEMANTIC_STAGE_DEFAULT);
    }

    /** With the default withdrawal policy and limits. */
    public IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale) {
        this(quarantineDir, batchSize, analyseText, deleteStale, WithdrawalPolicy.defaults());
    }

    /** With the default limits. */
    public IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale, WithdrawalPolicy withdrawal) {
        this(quarantineDir, batchSize, analyseText, deleteStale, withdrawal, ReadLimits.defaults(), TextLimits.defaults());
    }

    public static IngestSettings defaults(Path quarantineDir) {
        return new IngestSettings(quarantineDir, 2000, true, true);
    }
}

package org.tessera.indexer.ingest.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.tessera.indexer.config.SettingsSource;
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
 * @param lexicalContextHead the context head also reads the sentence of every lexical hit and discounts
 *                        what it judges qualified by a cue outside the hit (setting {@value #LEXICAL_CONTEXT_HEAD},
 *                        on by default: ADR 0039; the rules alone, with a warning, when the head's file is absent)
 * @param maxReachRecords the stored records one step of an arrival's reach may read (setting {@value #MAX_REACH_RECORDS},
 *                        {@value #MAX_REACH_RECORDS_DEFAULT} by default): past it the day is refused with the count and the
 *                        setting's name instead of read into the heap (ADR 0053, 0057; docs/operations.md)
 */
public record IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale,
                             WithdrawalPolicy withdrawal, ReadLimits readLimits, TextLimits textLimits,
                             boolean semanticStage, boolean lexicalContextHead, long maxReachRecords) {

    /** The setting that turns the semantic stage on ({@code true}/{@code false}). */
    public static final String SEMANTIC_STAGE = "tessera.nlp.semantic-stage";
    /** The semantic stage's default when {@value #SEMANTIC_STAGE} is unset (docs/nlp.md "Semantic stage"). */
    public static final boolean SEMANTIC_STAGE_DEFAULT = false;
    /** The setting that turns the context head over lexical hits on or off ({@code true}/{@code false}). */
    public static final String LEXICAL_CONTEXT_HEAD = "tessera.nlp.lexical-context-head";
    /** The head over lexical hits' default when {@value #LEXICAL_CONTEXT_HEAD} is unset (docs/nlp.md "Over lexical hits"). */
    public static final boolean LEXICAL_CONTEXT_HEAD_DEFAULT = true;
    /** The setting bounding the stored records one step of an arrival's reach reads (a positive number of records). */
    public static final String MAX_REACH_RECORDS = "tessera.linkage.max-reach-records";
    /** {@value #MAX_REACH_RECORDS}'s default. */
    public static final long MAX_REACH_RECORDS_DEFAULT = 1_000_000;

    public IngestSettings {
        Objects.requireNonNull(quarantineDir, "quarantineDir");
        Objects.requireNonNull(withdrawal, "withdrawal");
        Objects.requireNonNull(readLimits, "readLimits");
        Objects.requireNonNull(textLimits, "textLimits");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        if (maxReachRecords < 1) {
            throw new IllegalArgumentException(MAX_REACH_RECORDS + " must be a positive number of records, not " + maxReachRecords);
        }
    }

    /** With the semantic stage and the head over lexical hits at their defaults. */
    public IngestSettings(Path quarantineDir, int batchSize, boolean analyseText, boolean deleteStale,
                          WithdrawalPolicy withdrawal, ReadLimits readLimits, TextLimits textLimits) {
        this(quarantineDir, batchSize, analyseText, deleteStale, withdrawal, readLimits, textLimits, SEMANTIC_STAGE_DEFAULT,
                LEXICAL_CONTEXT_HEAD_DEFAULT, MAX_REACH_RECORDS_DEFAULT);
    }

    /** These settings with the text-reading settings {@code tessera.nlp.*} of {@code settings} (unset: the defaults). */
    public IngestSettings withNlp(SettingsSource settings) {
        return withNlp(Boolean.parseBoolean(settings.get(SEMANTIC_STAGE, String.valueOf(SEMANTIC_STAGE_DEFAULT))),
                lexicalContextHead(settings));
    }

    /** The setting {@value #LEXICAL_CONTEXT_HEAD} of {@code settings}; unset: {@link #LEXICAL_CONTEXT_HEAD_DEFAULT}. */
    public static boolean lexicalContextHead(SettingsSource settings) {
        return Boolean.parseBoolean(settings.get(LEXICAL_CONTEXT_HEAD, String.valueOf(LEXICAL_CONTEXT_HEAD_DEFAULT)));
    }

    /** These settings with the semantic stage and the head over lexical hits as given. */
    public IngestSettings withNlp(boolean semanticStage, boolean lexicalContextHead) {
        return new IngestSettings(quarantineDir, batchSize, analyseText, deleteStale, withdrawal, readLimits, textLimits,
                semanticStage, lexicalContextHead, maxReachRecords);
    }

    /** These settings with the linkage's reach bound {@value #MAX_REACH_RECORDS} of {@code settings} (unset: the default). */
    public IngestSettings withReach(SettingsSource settings) {
        return withMaxReachRecords(maxReachRecords(settings));
    }

    /** These settings with the reach bound as given (a positive number of records). */
    public IngestSettings withMaxReachRecords(long maxReachRecords) {
        return new IngestSettings(quarantineDir, batchSize, analyseText, deleteStale, withdrawal, readLimits, textLimits,
                semanticStage, lexicalContextHead, maxReachRecords);
    }

    /**
     * The setting {@value #MAX_REACH_RECORDS} of {@code settings}; unset: {@link #MAX_REACH_RECORDS_DEFAULT}. A value that is
     * not a positive whole number is refused with the setting's name.
     */
    public static long maxReachRecords(SettingsSource settings) {
        String value = settings.get(MAX_REACH_RECORDS).orElse(null);
        if (value == null) {
            return MAX_REACH_RECORDS_DEFAULT;
        }
        try {
            long max = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (max > 0) {
                return max;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("setting " + MAX_REACH_RECORDS + " must be a positive number of records, was '" + value + "'");
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

package org.tessera.indexer.ingest.pipeline;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.tessera.indexer.extraction.TextExtractor;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkageSettings;
import org.tessera.indexer.nlp.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

/** Wires the standard pipeline: shipped mappings, Tika, OpenNLP, Fellegi-Sunter linkage, the indicators and scoring. */
public final class IngestPipelines {

    private IngestPipelines() {
    }

    public static IngestPipeline standard(OpenSearchConnection connection, Path mappingsFolder, TextExtractor extractor,
                                          IngestSettings settings, Clock clock) {
        SourceMappings mappings = mappingsFolder == null
                ? SourceMappings.loadAllFromClasspath("mappings/sources") : SourceMappings.loadAll(mappingsFolder);
        Nicknames nicknames = Nicknames.uk();
        List<EventBatchStage> stages = new ArrayList<>();
        // A folder ingest is a full run: re-score every child any hit reaches, as of today.
        Consumer<Set<String>> afterIngest = touched -> ScoreService.fromIndex(connection, ScoringParameters.loadDefault(), true)
                .rescoreAll(LocalDate.now(clock));
        return new IngestPipeline(connection, mappings, extractor, new CaseNotePipeline(new OpenNlpModels()),
                new FellegiSunterLinker(LinkageSettings.defaults(), nicknames), nicknames, stages, afterIngest, settings, clock);
    }
}

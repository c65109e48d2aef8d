package org.tessera.indexer.ingest.pipeline;

import org.tessera.indexer.indicators.NlpEvidenceContext;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tessera.indexer.extraction.TextExtractor;
import org.tessera.indexer.indicators.EventFields;
import org.tessera.indexer.indicators.EventPercolator;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorBackfill;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.indicators.IndicatorStore;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.linkage.FellegiSunterLinker;
import org.tessera.indexer.linkage.LinkageSettings;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.normalise.Nicknames;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.scoring.EventLedger;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

/** Wires the standard pipeline: shipped mappings, Tika, OpenNLP, Fellegi-Sunter linkage, the indicators and scoring. */
public final class IngestPipelines {

    private IngestPipelines() {
    }

    /** Stores the shipped indicator catalogue in the percolator index; unchanged indicators are left alone. */
    public static IndicatorStore.LoadResult loadIndicators(OpenSearchConnection connection) {
        return new IndicatorStore(connection).load(IndicatorCatalogue.loadDefault());
    }

    public static IngestPipeline standard(OpenSearchConnection connection, Path mappingsFolder, TextExtractor extractor,
                                          IngestSettings settings, Clock clock) {
        SourceMappings mappings = mappingsFolder == null
                ? SourceMappings.loadAllFromClasspath("mappings/sources") : SourceMappings.loadAll(mappingsFolder);
        Nicknames nicknames = Nicknames.uk();
        CaseNotePipeline text = new CaseNotePipeline(new OpenNlpModels(), settings.textLimits());
        // The stream path percolates against what is stored: make sure that is the shipped
        // catalogue, and run any indicator added or changed since the events were indexed over them.
        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
        IndicatorStore.LoadResult loaded = new IndicatorStore(connection).load(catalogue);
        IndicatorBackfill backfill = new IndicatorBackfill(connection, new NlpEvidenceContext(text));
        for (String changed : loaded.changed()) {
            catalogue.find(changed).filter(Indicator::isQuery).filter(Indicator::enabled).ifPresent(i -> backfill.run(i, false));
        }
        EventPercolator percolator = EventPercolator.forCatalogue(connection, new NlpEvidenceContext(text), catalogue);
        List<EventBatchStage> stages = new ArrayList<>();
        // A folder ingest is a full run: re-score every child any hit reaches, as of today. The
        // writes do not each wait for a refresh (that made a county's re-scoring wait on the disk
        // for minutes): one refresh at the end makes all the scores searchable together.
        ScoringParameters parameters = ScoringParameters.loadDefault();
        ScoreService scores = ScoreService.of(connection, parameters, catalogue, false);
        // What the scorer needs of the events is noted as they are written, so the closing
        // rescore need not read them all back: when the index holds exactly this run's events.
        EventLedger ledger = new EventLedger(parameters);
        stages.add(new PercolationStage(percolator, backfill, new IndicatorStore(connection), catalogue,
                EventFields.loadDefault(), document -> ledger.recordHits(Event.fromDocument(document))));
        stages.add(new EventBatchStage() {
            @Override
            public String name() {
                return "ledger";
            }

            @Override
            public void begin(boolean firstLoad) {
                ledger.clear();
            }

            @Override
            public void apply(List<ObjectNode> events) {
                events.forEach(document -> ledger.record(Event.fromDocument(document)));
            }

            @Override
            public void apply(List<Event> events, List<ObjectNode> documents) {
                // the typed events with the hits percolation put on their documents: no whole document read back
                for (int i = 0; i < events.size(); i++) {
                    List<Event.Hit> hits = Event.hitsIn(documents.get(i));
                    ledger.record(hits == null ? events.get(i) : events.get(i).withHits(hits));
                }
            }
        });
        IngestPipeline.Scoring scoring = new IngestPipeline.Scoring() {
            /** The day the run scores as of, fixed by the first scoring step so both steps agree. */
            private LocalDate asOf;

            @Override
            public Map<String, ObjectNode> riskWithPersons(Set<String> personIds) {
                asOf = LocalDate.now(clock);
                return scores.riskOfReached(personIds, asOf, ledger);
            }

            @Override
            public void afterIngest(IngestPipeline.Written written) {
                LocalDate day = asOf != null ? asOf : LocalDate.now(clock);
                try {
                    if (written.eventsComplete()) {
                        scores.rescoreAll(day, ledger, written.scoredWithPersons());
                    } else {
                        scores.rescoreAll(day, scores.loader());
                    }
                } finally {
                    ledger.clear();
                    asOf = null;
                }
                connection.refresh(connection.alias("persons"));
            }
        };
        // The semantic stage runs only where text is analysed and the setting turns it on; the model
        // loads on the first note.
        org.tessera.indexer.nlp.semantic.ConceptTagger concepts = settings.analyseText() && settings.semanticStage() ? org.tessera.indexer.nlp.semantic.ConceptTagger.loadDefault() : null;
        return new IngestPipeline(connection, mappings, extractor, text, concepts,
                new FellegiSunterLinker(LinkageSettings.defaults(), nicknames), nicknames, stages, scoring, settings, clock);
    }
}

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
import java.util.function.Consumer;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventHit;
import org.tessera.indexer.scoring.ChildHistories;
import org.tessera.indexer.scoring.EventChanges;
import org.tessera.indexer.scoring.EventLedger;
import org.tessera.indexer.scoring.EventQueries;
import org.tessera.indexer.scoring.RescoredChildren;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

/** Wires the standard pipeline: shipped mappings, Tika, OpenNLP, Fellegi-Sunter linkage, the indicators and scoring. */
public final class IngestPipelines {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IngestPipelines.class);

    private IngestPipelines() {
    }

    /** Stores the shipped indicator catalogue in the percolator index; unchanged indicators are left alone. */
    public static IndicatorStore.LoadResult loadIndicators(OpenSearchConnection connection) {
        return new IndicatorStore(connection).load(IndicatorCatalogue.loadDefault());
    }

    public static IngestPipeline standard(OpenSearchConnection connection, Path mappingsFolder, TextExtractor extractor,
                                          IngestSettings settings, Clock clock) {
        return standard(connection, mappingsFolder, extractor, settings, clock, rescored -> { });
    }

    /**
     * As {@link #standard(OpenSearchConnection, Path, TextExtractor, IngestSettings, Clock)};
     * {@code rescored} is told, at the end of each run's rescore, which children were rescored, with
     * their histories before and after the run (views valid only during the call).
     */
    public static IngestPipeline standard(OpenSearchConnection connection, Path mappingsFolder, TextExtractor extractor,
                                          IngestSettings settings, Clock clock, Consumer<RescoredChildren> rescored) {
        return standard(connection, mappingsFolder, extractor, settings, clock, () -> LocalDate.now(clock), rescored);
    }

    /**
     * As above, scoring each run as of {@code scoringDay} (asked once per run): the portal's
     * {@code tessera.risk.as-of}, so that an arrival scores as of the day its watchlist shows.
     */
    public static IngestPipeline standard(OpenSearchConnection connection, Path mappingsFolder, TextExtractor extractor,
                                          IngestSettings settings, Clock clock, java.util.function.Supplier<LocalDate> scoringDay,
                                          Consumer<RescoredChildren> rescored) {
        SourceMappings mappings = mappingsFolder == null
                ? SourceMappings.loadAllFromClasspath("mappings/sources") : SourceMappings.loadAll(mappingsFolder);
        Nicknames nicknames = Nicknames.uk();
        CaseNotePipeline text = new CaseNotePipeline(new OpenNlpModels(), settings.textLimits());
        // The stream path percolates against what is stored: make sure that is the shipped
        // catalogue, and run any indicator added or changed since the events were indexed over them.
        IndicatorCatalogue catalogue = IndicatorCatalogue.loadDefault();
        IndicatorStore.LoadResult loaded = new IndicatorStore(connection).load(catalogue);
        // one resolver for both hit paths: the rules, and the head over lexical hits unless the setting turns it off
        NlpEvidenceContext contexts = NlpEvidenceContext.of(text, settings.lexicalContextHead());
        IndicatorBackfill backfill = new IndicatorBackfill(connection, contexts);
        for (String changed : loaded.changed()) {
            catalogue.find(changed).filter(Indicator::isQuery).filter(Indicator::enabled).ifPresent(i -> backfill.run(i, false));
        }
        EventPercolator percolator = EventPercolator.forCatalogue(connection, contexts, catalogue);
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
                    List<EventHit> hits = Event.hitsIn(documents.get(i));
                    ledger.record(hits == null ? events.get(i) : events.get(i).withHits(hits));
                }
            }

            @Override
            public void kept(List<Event> events) {
                events.forEach(ledger::record);
            }
        });
        // Last: what changed against the stored events (the documents as the sink will hash them),
        // so that a run into stored indices rescores only the children its changes reach.
        EventChanges changes = new EventChanges(new EventQueries(connection), parameters);
        stages.add(new EventBatchStage() {
            @Override
            public String name() {
                return "changes";
            }

            @Override
            public void begin(boolean firstLoad) {
                changes.begin(firstLoad);
            }

            @Override
            public boolean readsStamped() {
                return true;
            }

            @Override
            public void apply(List<ObjectNode> events) {
                changes.compare(events);
            }

            @Override
            public void kept(List<Event> events) {
                changes.kept(events);
            }
        });
        // An indicator changed since the events were stored was run over them above, outside any
        // run's changes: the first run after that rescores every child.
        boolean catalogueChanged = !loaded.changed().isEmpty();
        IngestPipeline.Scoring scoring = new IngestPipeline.Scoring() {
            /** The day the run scores as of, fixed by the first scoring step so both steps agree. */
            private LocalDate asOf;
            private boolean scoreEveryChild = catalogueChanged;

            @Override
            public Map<String, ObjectNode> riskWithPersons(Set<String> personIds) {
                asOf = scoringDay.get();
                return scores.riskOfReached(personIds, asOf, ledger);
            }

            @Override
            public boolean readsEveryEvent() {
                return scoreEveryChild;
            }

            /** Children the run's changes reach, or whose documents it rewrote, that are outside its reach. */
            private Set<String> outsideReach(IngestPipeline.Written written, LocalDate day) {
                Set<String> outside = new java.util.HashSet<>(changes.childrenReached(day, ledger));
                outside.addAll(written.rewrittenChildren());
                outside.removeAll(written.reach());
                return outside;
            }

            @Override
            public void afterIngest(IngestPipeline.Written written) {
                LocalDate day = asOf != null ? asOf : scoringDay.get();
                long start = System.nanoTime();
                long added = -1;
                try {
                    changes.withdrawn(written.changed().withdrawnEvents() > 0 ? written.changed().jobId() : null);
                    boolean whole = written.eventsComplete();
                    boolean scoped = written.reach() != null && changes.tracking();
                    // An arrival scoped by its reach (every write stored, ADR 0040) showed the stages every event of
                    // every person it reaches: the views are whole for each child it can rescore, and the rest of the
                    // county is not read (until session 19 one scroll of every stored event made them whole, ADR 0058).
                    Set<String> outside = scoped && !whole ? outsideReach(written, day) : null;
                    boolean fromLedger = whole || (outside != null && outside.isEmpty());
                    if (!fromLedger && changes.tracking()) {
                        // stored events the run did not produce join both views (one scroll): whole unless a write was refused
                        Set<String> produced = written.producedEvents();
                        added = changes.addUnproduced(ledger, produced::contains);
                        whole = produced.size() + added == connection.count("events");
                        fromLedger = whole;
                        outside = null;
                    }
                    long unproducedNanos = System.nanoTime() - start;
                    // When the ledger holds every stored event (or every one of the reach), what the stages saw is all there is.
                    ChildHistories histories = fromLedger ? ledger : scores.loader();
                    if (outside == null) {
                        outside = fromLedger && scoped ? outsideReach(written, day) : Set.of();
                    }
                    if (!outside.isEmpty()) {
                        // cannot happen by the reach's construction (ADR 0040); if it does, the index is the truth
                        log.warn("{} children to rescore are outside the arrival's reach: their histories are read from the index",
                                outside.size());
                        histories = scores.loader();
                    }
                    Set<String> children;
                    if (changes.tracking() && !written.changed().fullRescore() && !scoreEveryChild) {
                        children = scores.rescoreChanged(changes, day, histories, written.rewrittenChildren()).children();
                    } else {
                        children = scores.rescoreEveryChild(day, histories,
                                written.eventsComplete() ? written.scoredWithPersons() : Set.of()).children();
                        scoreEveryChild = false;
                    }
                    long refreshStart = System.nanoTime();
                    connection.refresh(connection.alias("persons"));
                    long refreshed = System.nanoTime();
                    // Before and after, from memory (whole, or on a first load before is empty and after whole).
                    rescored.accept(new RescoredChildren(children, changes.before(), ledger));
                    if (log.isDebugEnabled()) {
                        log.debug("Rescore: {} stored events not produced read in {} ms, {} children scored in {} ms, persons refreshed in {} ms, "
                                + "compared in {} ms", added, unproducedNanos / 1_000_000, children.size(),
                                (refreshStart - start - unproducedNanos) / 1_000_000, (refreshed - refreshStart) / 1_000_000,
                                (System.nanoTime() - refreshed) / 1_000_000);
                    }
                } finally {
                    ledger.clear();
                    changes.clear();
                    asOf = null;
                }
            }
        };
        // The semantic stage runs only where text is analysed and the setting turns it on; the model
        // loads on the first note.
        org.tessera.indexer.nlp.semantic.ConceptTagger concepts = settings.analyseText() && settings.semanticStage() ? org.tessera.indexer.nlp.semantic.ConceptTagger.loadDefault() : null;
        return new IngestPipeline(connection, mappings, extractor, text, concepts,
                new FellegiSunterLinker(LinkageSettings.defaults(), nicknames), nicknames, stages, scoring, settings, clock);
    }
}

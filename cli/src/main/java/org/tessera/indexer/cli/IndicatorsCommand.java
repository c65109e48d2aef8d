package org.tessera.indexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tessera.indexer.bench.PercolateBenchmark;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.indicators.CodeCoverage;
import org.tessera.indexer.indicators.EventFields;
import org.tessera.indexer.indicators.EventPercolator;
import org.tessera.indexer.indicators.Indicator;
import org.tessera.indexer.indicators.IndicatorBackfill;
import org.tessera.indexer.indicators.IndicatorCatalogue;
import org.tessera.indexer.indicators.IndicatorHit;
import org.tessera.indexer.indicators.IndicatorStore;
import org.tessera.indexer.indicators.Severity;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code tessera indicators list|load|test|evaluate|benchmark}: the indicator catalogue from the command line. */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "List the indicator catalogue, load it into the percolator index, test text against it, benchmark percolation.",
        subcommands = {IndicatorsCommand.ListCommand.class, IndicatorsCommand.Load.class, IndicatorsCommand.TestCommand.class, IndicatorsCommand.Evaluate.class, IndicatorsCommand.Calibrate.class, TrainClassifierCommand.class, IndicatorsCommand.Check.class,
                IndicatorsCommand.Benchmark.class})
public final class IndicatorsCommand extends CommandGroup {

    @Option(names = "--catalogue", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder of indicator *.yaml files (default: the shipped mappings/indicators).")
    Path catalogueFolder;

    /** The evidence rules of the shipped text pipeline without the context head (training and calibration, which fit what the head is applied over). */
    static org.tessera.indexer.indicators.NlpEvidenceContext shippedRules() {
        return resolver(false);
    }

    /** The shipped text pipeline's resolver, with the shipped context head over lexical hits or without it. */
    private static org.tessera.indexer.indicators.NlpEvidenceContext resolver(boolean lexicalContextHead) {
        return org.tessera.indexer.indicators.NlpEvidenceContext.of(
                new org.tessera.indexer.nlp.analysis.CaseNotePipeline(new org.tessera.indexer.nlp.opennlp.OpenNlpModels()),
                lexicalContextHead);
    }

    IndicatorCatalogue catalogue() {
        return catalogueFolder == null ? IndicatorCatalogue.loadDefault() : IndicatorCatalogue.load(catalogueFolder, EventFields.loadDefault());
    }

    /**
     * The ingest's evidence-context resolver (the rules, and the shipped context head over lexical hits
     * unless the setting {@code tessera.nlp.lexical-context-head} turns it off); {@code override}, when
     * not null, decides instead of the setting.
     */
    org.tessera.indexer.indicators.NlpEvidenceContext contexts(Boolean override) {
        boolean head = override != null ? override
                : org.tessera.indexer.ingest.pipeline.IngestSettings.lexicalContextHead(options.settings());
        return resolver(head);
    }

    OpenSearchConnection connect() {
        OpenSearchConnection connection = options.openConnection();
        new IndexManager(connection, IndexDefinitions.loadDefault()).ensureAll();
        return connection;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the catalogue as a table.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        IndicatorsCommand parent;

        @Option(names = "--markdown", description = "Print the table of docs/indicators.md (and the notes) instead.")
        boolean markdown;

        @Override
        public Integer call() {
            IndicatorCatalogue catalogue = parent.catalogue();
            PrintStream out = System.out;
            if (markdown) {
                out.println("| Group | ID | Title | Severity | Weight | Agencies | Half-life (days) | Applies to | Concern | Reaches siblings | Kind | Enabled |");
                out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
                for (Indicator i : catalogue.all()) {
                    out.println("| " + String.join(" | ", i.group(), i.id(), i.title(), i.severity().label(), String.valueOf(i.weight()),
                            String.join(", ", i.agencies()), String.valueOf(i.halfLifeDays()), i.appliesTo().label(),
                            i.concern().equals(i.id()) ? "" : i.concern(), i.reachesSiblings() ? "yes" : "", i.kind(),
                            i.enabled() ? "yes" : "**no**") + " |");
                }
                out.println();
                out.println("Notes where the catalogue departs from the research CSV:");
                out.println();
                catalogue.all().stream().filter(i -> i.note() != null).forEach(i -> out.println("- **" + i.id() + "**: " + i.note()));
                return 0;
            }
            out.printf("%-6s %-16s %-6s %6s %5s %-15s %-3s %s%n", "ID", "GROUP", "SEV", "WEIGHT", "HALF", "KIND", "ON", "TITLE");
            for (Indicator i : catalogue.all()) {
                out.printf("%-6s %-16s %-6s %6.1f %5d %-15s %-3s %s%n", i.id(), i.group(), i.severity().label(), i.weight(),
                        i.halfLifeDays(), i.kind(), i.enabled() ? "yes" : "no", i.title());
            }
            out.printf("%d indicators: %d stored queries, %d rules, %d disabled%n", catalogue.size(), catalogue.enabledQueries().size(),
                    catalogue.enabledRules().size(), catalogue.all().stream().filter(i -> !i.enabled()).count());
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load enabled query indicators into the percolator index (idempotent; removes disabled and deleted ones).")
    static final class Load implements Callable<Integer> {
        @ParentCommand
        IndicatorsCommand parent;

        @Option(names = "--backfill", description = "Backfill added or changed indicators over the indexed events.")
        boolean backfill;

        @Override
        public Integer call() {
            IndicatorCatalogue catalogue = parent.catalogue();
            try (OpenSearchConnection connection = parent.connect()) {
                IndicatorStore.LoadResult result = new IndicatorStore(connection).load(catalogue);
                System.out.printf("added %d, updated %d, unchanged %d, removed %d%n", result.added().size(), result.updated().size(),
                        result.unchanged(), result.removed().size());
                if (!result.changed().isEmpty()) {
                    System.out.println("changed: " + String.join(" ", result.changed()));
                }
                if (backfill) {
                    // the stream path's resolver, so a backfilled hit is the hit an ingest would store
                    IndicatorBackfill filler = new IndicatorBackfill(connection, parent.contexts(null));
                    for (String id : result.changed()) {
                        IndicatorBackfill.Result done = filler.run(catalogue.get(id), false);
                        System.out.printf("backfill %-6s %d events hit, %d updated%n", id, done.hitsByEvent().size(), done.updated());
                    }
                    connection.refresh(connection.alias("events"));
                }
            }
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Percolate text through the loaded indicators and show each hit with its evidence and context. "
                    + "With '-', read one text per line from stdin and answer one line per text.")
    static final class TestCommand implements Callable<Integer> {
        private static final ObjectMapper JSON = EngineJson.MAPPER;

        @ParentCommand
        IndicatorsCommand parent;

        @Parameters(paramLabel = "TEXT|-", description = "the text, or - for one text per line on stdin")
        String text;

        @Mixin
        CommonOptions options;

        /** {@code --format}: text (default), json or jsonl. */
        String format;

        @Option(names = "--agency", description = "agency of the test event (police, health, ...)")
        String agency;

        @Option(names = "--record-type", description = "record_type of the test event")
        String recordType;

        @Option(names = "--subject-age", description = "subject_age of the test event, in years")
        Double subjectAge;

        @Option(names = "--lexical-context-head", negatable = true, description = "the context head reads the sentence of every "
                + "lexical hit (ADR 0039); --no-lexical-context-head: the rules alone (default: the setting "
                + "tessera.nlp.lexical-context-head, on unless set false, as an ingest reads it)")
        Boolean lexicalContextHead;

        @Override
        public Integer call() throws Exception {
            format = options.format("text", "text", "json", "jsonl");
            try (OpenSearchConnection connection = parent.connect()) {
                IndicatorStore store = new IndicatorStore(connection);
                if (store.storedDocuments().isEmpty()) {
                    System.err.println("indicators index is empty: loading the catalogue first");
                    store.load(parent.catalogue());
                }
                EventPercolator percolator = new EventPercolator(connection, parent.contexts(lexicalContextHead));
                if (!"-".equals(text)) {
                    ObjectNode event = event(text);
                    print(event, percolator.percolate(List.of(event)).getFirst(), false);
                    return 0;
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                List<ObjectNode> batch = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    batch.add(event(line));
                    if (batch.size() == 200) {
                        flush(percolator, batch);
                    }
                }
                flush(percolator, batch);
            }
            return 0;
        }

        private void flush(EventPercolator percolator, List<ObjectNode> batch) throws Exception {
            if (batch.isEmpty()) {
                return;
            }
            List<List<IndicatorHit>> results = percolator.percolate(batch);
            for (int i = 0; i < batch.size(); i++) {
                print(batch.get(i), results.get(i), true);
            }
            System.out.flush();
            batch.clear();
        }

        private ObjectNode event(String value) {
            return Event.builder().text(value).agency(agency).recordType(recordType)
                    .subjectAge(subjectAge).build().toDocument();
        }

        private void print(ObjectNode event, List<IndicatorHit> hits, boolean oneLine) throws Exception {
            if (format.equals("text")) {
                if (oneLine) {
                    List<String> parts = new ArrayList<>();
                    for (IndicatorHit h : hits) {
                        parts.add(h.indicatorId() + (h.counts() ? "" : "(" + String.join(",", h.context().labels()) + ")") + " \"" + matched(event, h) + "\"");
                    }
                    System.out.println(hits.isEmpty() ? "-" : String.join("; ", parts));
                    return;
                }
                if (hits.isEmpty()) {
                    System.out.println("no indicator hit");
                }
                for (IndicatorHit h : hits) {
                    System.out.printf("%-6s %-6s %-7s %-24s %s%n", h.indicatorId(), h.severity().label(), h.counts() ? "counts" : "ignored",
                            String.join(",", h.context().labels()), h.evidenceStart() >= 0
                                    ? "\"" + matched(event, h) + "\" [" + h.evidenceStart() + "-" + h.evidenceEnd() + "] in: " + h.evidence()
                                    : h.evidence());
                }
                return;
            }
            ArrayNode array = JSON.createArrayNode();
            for (IndicatorHit h : hits) {
                ObjectNode json = h.toJson();
                if (h.evidenceStart() >= 0) {
                    json.put("matched", matched(event, h));
                }
                array.add(json);
            }
            if (format.equals("json") && !oneLine) {
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
            } else {
                System.out.println(JSON.writeValueAsString(array));
            }
        }

        private static String matched(ObjectNode event, IndicatorHit hit) {
            return hit.evidenceStart() >= 0 ? Event.fromDocument(event).text().substring(hit.evidenceStart(), hit.evidenceEnd()) : hit.evidence();
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "For each indicator, the code fields its query reads and which shipped source mappings write them; "
                    + "then the codes mappings write that no indicator reads.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        IndicatorsCommand parent;

        @Option(names = "--sources", description = "Folder of source mapping *.yaml files (default: the shipped mappings/sources).")
        Path sources;

        @Override
        public Integer call() {
            org.tessera.indexer.ingest.SourceMappings mappings = sources == null
                    ? org.tessera.indexer.ingest.SourceMappings.loadAllFromClasspath("mappings/sources")
                    : org.tessera.indexer.ingest.SourceMappings.loadAll(sources);
            System.out.print(CodeCoverage.of(parent.catalogue(), mappings.all()).render());
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Percolate a labelled concern corpus (JSON Lines, nlp-models/eval/README.md) through the loaded indicators, "
                    + "each item with its agency and subject_age, and print per concern and overall the affirmed recall, the share of "
                    + "non-affirmed items counting at full weight (per context) and the 'none' distractors counting.")
    static final class Evaluate implements Callable<Integer> {
        @ParentCommand
        IndicatorsCommand parent;

        @Parameters(paramLabel = "CORPUS", arity = "1..*", description = "the corpus file(s) (*.jsonl), evaluated as one")
        List<Path> corpora;

        @Mixin
        ConcernsOption concerns;

        @Mixin
        ClassifierRecipeOption recipe;

        @Option(names = "--cross-validate", paramLabel = "K", defaultValue = "0",
                description = "development figures of the semantic stage with a trained classifier: train it (thresholds by inner "
                        + "cross-validation) K times, each time without one K-th of the corpus, and tag that K-th with it; implies "
                        + "--semantic; refuses a frozen held-out file (default: 0, off)")
        int crossValidate;

        @Option(names = "--gate", defaultValue = "all", description = "with --cross-validate: cues, all or anchors (default: ${DEFAULT-VALUE})")
        String gate;

        @Option(names = "--shipped-context-head", description = "with --cross-validate: every fold reads context with the shipped "
                + "context head (nlp-models/context-head.json: in sample for the writers it was trained on, its provenance names them) "
                + "instead of training one per fold (a development aid: the per-fold heads cost most of the run)")
        boolean shippedContextHead;

        @Option(names = "--positives", defaultValue = "affirmed",
                description = "with --cross-validate: affirmed or all (default: ${DEFAULT-VALUE})")
        String positives;

        @Option(names = "--by-writer", description = "with --cross-validate: one fold per writer (id prefix, one per corpus file): each "
                + "writer's items are tagged by a classifier trained on the other writers only (the proxy for unseen writers)")
        boolean byWriter;

        @Option(names = "--context-head", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "the context head reads each semantic match's sentence and discounts what it judges qualified (ADR 0021): "
                        + "the shipped head, or with --cross-validate one trained in each fold; --no-context-head: the rules alone "
                        + "(default: ${DEFAULT-VALUE})")
        boolean contextHead;

        @Option(names = "--lexical-context-head", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "the context head reads the sentence of every lexical hit too, as shipped (ADR 0039); with "
                        + "--cross-validate each fold's head; --no-lexical-context-head: lexical hits by the rules alone "
                        + "(default: ${DEFAULT-VALUE})")
        boolean lexicalContextHead;

        @Option(names = "--vector-cache", paramLabel = "FILE", description = "with --cross-validate: keep sentence vectors in FILE across "
                + "runs (a development aid: the figures are the same without it)")
        Path vectorCache;

        @Option(names = "--lexical-only", description = "with --cross-validate: percolate without the semantic stage (lexical "
                + "hits read by each fold's context head, trained without the fold's items, unless --no-lexical-context-head)")
        boolean lexicalOnly;

        @Option(names = "--misses", description = "also list the misses: affirmed items not recalled, non-affirmed items and distractors that counted")
        boolean misses;

        @Option(names = "--semantic", description = "also run the semantic stage (mappings/semantic/concepts.yaml), "
                + "as an ingest does with the setting tessera.nlp.semantic-stage=true; default: lexical queries only, as shipped")
        boolean semantic;

        @Override
        public Integer call() throws Exception {
            IndicatorCatalogue catalogue = parent.catalogue();
            org.tessera.indexer.indicators.evaluation.ConcernMap map = concerns.read(catalogue);
            List<org.tessera.indexer.indicators.evaluation.ConcernItem> items = new ArrayList<>();
            for (Path corpus : corpora) {
                if (crossValidate > 0 && org.tessera.indexer.indicators.evaluation.ConcernCorpus.isHeldOut(corpus)) {
                    throw new CommandLine.ParameterException(new CommandLine(this), "a held-out corpus is never trained on: " + corpus);
                }
            }
            // one writer per file, also when two files share an id prefix
            items.addAll(org.tessera.indexer.indicators.evaluation.ConcernCorpus.readAll(corpora));
            try (OpenSearchConnection connection = parent.connect()) {
                // the catalogue being evaluated (unchanged indicators are left alone)
                new IndicatorStore(connection).load(catalogue);
                // lexical hits: the shipped head reads every hit's sentence, as an ingest does (ADR 0039; cross-validating, each
                // fold's own head); --no-lexical-context-head or --no-context-head: the rules alone
                var rules = parent.contexts(false);
                EventPercolator percolator = new EventPercolator(connection, parent.contexts(contextHead && lexicalContextHead));
                var weight = org.tessera.indexer.indicators.evaluation.HitWeight.of(
                        org.tessera.indexer.scoring.ScoringParameters.loadDefault().contextWeights());
                org.tessera.indexer.indicators.evaluation.ConcernEvaluation result;
                if (crossValidate > 0) {
                    var catalogueOfConcepts = org.tessera.indexer.nlp.semantic.ConceptCatalogue.loadDefault();
                    var encoder = new org.tessera.indexer.indicators.evaluation.CachingSentenceEncoder(
                            new org.tessera.indexer.nlp.semantic.MiniLmSentenceEncoder(catalogueOfConcepts.variant()), vectorCache);
                    var options = org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer.Options.defaults().with(gate, positives, crossValidate)
                            .with(byWriter, contextHead && !shippedContextHead);
                    options = recipe.apply(options);
                    // the catalogue alone needs no sentence vector: its folds train context heads only, which read words; word heads
                    // read words too (ADR 0044)
                    var vectors = lexicalOnly || options.readsWords()
                            ? org.tessera.indexer.indicators.evaluation.ConcernClassifierTraining.NO_VECTORS : encoder;
                    var examples = org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer.examples(items, catalogueOfConcepts,
                            vectors, rules);
                    var negativeExamples = org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer.examples(
                            org.tessera.indexer.indicators.evaluation.ConcernClassifierTraining.negatives(recipe.negatives, new ArrayList<>()),
                            catalogueOfConcepts, vectors, rules);
                    // each fold's head also learns the catalogue's examples, as the shipped head does (ADR 0034, ADR 0039)
                    var folds = org.tessera.indexer.indicators.evaluation.ConcernClassifierTrainer.crossValidate(examples, catalogueOfConcepts, encoder, options,
                            !lexicalOnly, org.tessera.indexer.indicators.evaluation.ContextHeadTrainer.catalogueExamples(
                                    org.tessera.indexer.indicators.evaluation.ContextHeadTrainer.catalogueTexts(catalogue)), negativeExamples);
                    var cv = shippedContextHead && contextHead
                            ? folds.withContextHead(org.tessera.indexer.nlp.semantic.ContextHead.loadDefault().orElseThrow()) : folds;
                    System.out.printf("cross-validated: %s, %s, features %s, gate %s, positives %s, %d negatives-only items, distractor cost "
                                    + "%.1f, routine ceiling %s, L1 %s, context head %s (each item read by models that never saw it)%n",
                            byWriter ? "one fold per writer " + cv.names() : crossValidate + " folds",
                            lexicalOnly ? "catalogue alone (semantic stage off)" : "catalogue + semantic stage",
                            recipe.features, gate, positives, negativeExamples.size(), recipe.distractorCost,
                            options.ceiled() ? options.routineCeiling() : "none", options.l1(),
                            shippedContextHead && contextHead ? "the shipped one" + (lexicalContextHead ? ", over lexical and semantic hits" : "")
                                    : contextHead ? "trained per fold" + (lexicalContextHead ? ", over lexical and semantic hits" : ", over semantic matches")
                                    : "none (rules alone)");
                    result = org.tessera.indexer.indicators.evaluation.CorpusPercolation.crossValidated(items, map,
                            head -> new EventPercolator(connection, contextHead && lexicalContextHead ? rules.withContextHead(head) : rules), weight, cv,
                            (model, head) -> lexicalOnly ? null
                                    : new org.tessera.indexer.nlp.semantic.ConceptTagger(catalogueOfConcepts, encoder, model, head));
                } else {
                    result = org.tessera.indexer.indicators.evaluation.CorpusPercolation.evaluate(items, map, percolator, weight,
                            semantic ? shippedTagger(contextHead) : null);
                }
                System.out.print(result.render(misses));
            }
            return 0;
        }

        /** The shipped semantic stage, with or without the shipped context head. */
        private static org.tessera.indexer.nlp.semantic.ConceptTagger shippedTagger(boolean contextHead) {
            var concepts = org.tessera.indexer.nlp.semantic.ConceptCatalogue.loadDefault();
            return new org.tessera.indexer.nlp.semantic.ConceptTagger(concepts,
                    new org.tessera.indexer.nlp.semantic.MiniLmSentenceEncoder(concepts.variant()),
                    org.tessera.indexer.nlp.semantic.ConcernClassifier.loadDefault(concepts).orElse(null),
                    contextHead ? org.tessera.indexer.nlp.semantic.ContextHead.loadDefault().orElse(null) : null);
        }
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = "Choose each semantic concept's threshold on a DEVELOPMENT corpus (refuses a held-out file) and print them "
                    + "with what each gains and costs there; copy them into mappings/semantic/concepts.yaml. Needs no engine.")
    static final class Calibrate implements Callable<Integer> {
        @ParentCommand
        IndicatorsCommand parent;

        @Parameters(paramLabel = "CORPUS", description = "the development corpus (*.jsonl)")
        Path corpus;

        @Mixin
        ConcernsOption concerns;

        @Override
        public Integer call() {
            if (corpus.getFileName().toString().toLowerCase(Locale.ROOT).contains("heldout")) {
                throw new CommandLine.ParameterException(new CommandLine(this), "calibrate never reads a held-out corpus: " + corpus);
            }
            var map = concerns.read(parent.catalogue());
            var items = org.tessera.indexer.indicators.evaluation.ConcernCorpus.read(corpus);
            var choices = org.tessera.indexer.indicators.evaluation.ConceptCalibration.calibrate(items, map,
                    org.tessera.indexer.nlp.semantic.ConceptTagger.loadDefault(), shippedRules());
            System.out.print(org.tessera.indexer.indicators.evaluation.ConceptCalibration.render(choices));
            return 0;
        }
    }

    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = "Percolate generated events through the stream path and through a raw percolate search; print docs/s and the ratio.")
    static final class Benchmark implements Callable<Integer> {
        @ParentCommand
        IndicatorsCommand parent;

        @Option(names = "--docs", defaultValue = "20000", description = "documents to percolate (default: ${DEFAULT-VALUE})")
        int docs;

        @Option(names = "--batch", defaultValue = "500", description = "documents per request (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--rounds", defaultValue = "1", description = "repeat and print each round (default: ${DEFAULT-VALUE})")
        int rounds;

        @Override
        public Integer call() {
            IndicatorCatalogue catalogue = parent.catalogue();
            try (OpenSearchConnection connection = parent.connect()) {
                new IndicatorStore(connection).load(catalogue);
                // the ingest's resolver: the benchmark times what an ingest percolates, the context head included by default
                PercolateBenchmark benchmark = new PercolateBenchmark(connection, parent.contexts(null));
                List<ObjectNode> generated = PercolateBenchmark.generate(catalogue, docs, 42);
                for (int r = 0; r < rounds; r++) {
                    PercolateBenchmark.print(benchmark.run(generated, batch), benchmark.environment(), catalogue.enabledQueries().size(), System.out);
                }
            }
            return 0;
        }
    }
}

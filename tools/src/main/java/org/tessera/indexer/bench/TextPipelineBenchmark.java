package org.tessera.indexer.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.TextLimits;
import org.tessera.indexer.nlp.Token;
import org.tessera.indexer.nlp.analysis.CaseNotePipeline;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.training.AnnotatedNote;
import org.tessera.indexer.nlp.training.CaseNoteTemplateGenerator;
import org.tessera.indexer.nlp.training.TemplateFamily;

/**
 * Prints the throughput of the whole case-note pipeline (sentences, tokens, entities, rules,
 * context) on this machine, single-threaded and with one thread per core.
 *
 * <pre>
 * java -cp indexer/target/classes:indexer/target/lib/* org.tessera.indexer.nlp.TextPipelineBenchmark [notes]
 * </pre>
 */
public final class TextPipelineBenchmark {

    private TextPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        List<String> notes = new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, 7)
                .notes(count).stream().map(AnnotatedNote::text).toList();
        long chars = notes.stream().mapToLong(String::length).sum();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Java %s, %d cores available, max heap %d MB, %s%n",
                Runtime.version(), cores, Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getRuntimeMXBean().getVmName());
        System.out.printf(Locale.ROOT, "%d generated held-out notes, %.0f chars per note on average%n",
                count, (double) chars / count);

        long t0 = System.nanoTime();
        CaseNotePipeline pipeline = new CaseNotePipeline(new OpenNlpModels());
        pipeline.analyze(notes.getFirst());
        System.out.printf(Locale.ROOT, "model loading and first note: %.0f ms%n", (System.nanoTime() - t0) / 1e6);

        // warm-up: let the JIT compile the hot paths before measuring
        run("warm-up", pipeline, notes, Math.max(1, cores));
        run("1 thread", pipeline, notes, 1);
        if (cores > 1) {
            run(cores + " threads", pipeline, notes, cores);
        }
        stages(notes);
        semantic(notes, args.length > 1 ? java.nio.file.Path.of(args[1]) : null);
    }

    /** Notes the semantic stage's variants are timed on (each embeds up to five sentences a note at ~6 ms CPU each). */
    private static final int SEMANTIC_NOTES = 1000;

    /**
     * The semantic stage over the same notes (the first {@value #SEMANTIC_NOTES}), after the text pipeline (ingest runs both in its analysis
     * pool): one thread, thread CPU time per note, and how many sentences were embedded (the gate let
     * them through and the vector was not cached already), for the exemplar rule (ADR 0014) and the
     * shipped classifier with each gate (ADR 0018; {@code anchors}, ADR 0037, when its heads have anchors).
     */
    private static void semantic(List<String> all, java.nio.file.Path other) throws java.io.IOException {
        List<String> notes = all.subList(0, Math.min(all.size(), SEMANTIC_NOTES));
        long t0 = System.nanoTime();
        org.tessera.indexer.nlp.semantic.ConceptTagger shipped = org.tessera.indexer.nlp.semantic.ConceptTagger.loadDefault();
        shipped.tag(notes.getFirst());
        System.out.printf(Locale.ROOT, "semantic stage: model and exemplars loaded in %.0f ms; %d notes%n", (System.nanoTime() - t0) / 1e6,
                notes.size());
        var catalogue = shipped.catalogue();
        var encoder = new org.tessera.indexer.nlp.semantic.MiniLmSentenceEncoder(catalogue.variant());
        List<org.tessera.indexer.nlp.semantic.ConceptTagger> taggers = new ArrayList<>();
        taggers.add(new org.tessera.indexer.nlp.semantic.ConceptTagger(catalogue, encoder));
        var classifier = shipped.classifier();
        if (classifier != null) {
            // the shipped file's own gate last (anchors, when its heads have them: ADR 0037)
            for (String gate : classifier.gatedByAnchors() ? List.of("cues", "all", "anchors") : List.of("cues", "all")) {
                taggers.add(new org.tessera.indexer.nlp.semantic.ConceptTagger(catalogue, encoder,
                        classifier.withGate(gate)));
            }
        }
        if (other != null) { // a classifier file beside the shipped one (word heads: ADR 0044)
            try (var in = java.nio.file.Files.newInputStream(other)) {
                taggers.add(new org.tessera.indexer.nlp.semantic.ConceptTagger(catalogue, encoder,
                        org.tessera.indexer.nlp.semantic.ConcernClassifier.parse(in, other.toString(), catalogue)));
            }
        }
        var threads = ManagementFactory.getThreadMXBean();
        for (var tagger : taggers) {
            tagger.tag(notes.getFirst());
            long sentences = 0;
            long embeddedBefore = tagger.embeddedSentences();
            long matches = 0;
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (String text : notes) {
                for (int at = 0; at < text.length(); at = org.tessera.indexer.nlp.semantic.ConceptTagger.sentenceEndOf(text, at)) {
                    sentences++;
                }
                matches += tagger.tag(text).size();
            }
            long candidates = tagger.embeddedSentences() - embeddedBefore;
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuUs = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / notes.size();
            System.out.printf(Locale.ROOT, "semantic stage (%s), 1 thread: %.0f notes/s, %.0f us CPU a note; %d of %d sentences "
                    + "embedded (the others gated out or cached), %d concept matches; load %.1f%n",
                    tagger.classifier() != null ? "classifier over " + tagger.classifier().features() + ", gate " + tagger.classifier().gate()
                            : "exemplar similarity",
                    notes.size() / seconds, cpuUs, candidates, sentences, matches,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Single-threaded time per stage, to see where the time goes. */
    private static void stages(List<String> notes) {
        OpenNlpModels models = new OpenNlpModels();
        var splitter = new org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter(models);
        var tokenizer = new org.tessera.indexer.nlp.opennlp.OpenNlpTokenizer(models);
        var names = new org.tessera.indexer.nlp.opennlp.OpenNlpEntityFinder(splitter, tokenizer, models.entityModel());
        var rules = new org.tessera.indexer.nlp.rules.RuleEntityFinder();
        var context = new org.tessera.indexer.nlp.context.ContextAnalyzer(splitter);
        long split = 0;
        long tok = 0;
        long ner = 0;
        long rule = 0;
        long ctx = 0;
        for (int round = 0; round < 2; round++) { // first round warms up
            split = tok = ner = rule = ctx = 0;
            for (String text : notes) {
                long t0 = System.nanoTime();
                List<Sentence> sentences = splitter.split(text);
                long t1 = System.nanoTime();
                List<List<Token>> tokens = new ArrayList<>();
                for (Sentence s : sentences) {
                    tokens.add(tokenizer.tokenize(s.text()));
                }
                long t2 = System.nanoTime();
                names.find(text, sentences, tokens);
                long t3 = System.nanoTime();
                rules.find(text);
                long t4 = System.nanoTime();
                context.analyze(text, sentences);
                long t5 = System.nanoTime();
                split += t1 - t0;
                tok += t2 - t1;
                ner += t3 - t2;
                rule += t4 - t3;
                ctx += t5 - t4;
            }
        }
        double n = notes.size();
        System.out.printf(Locale.ROOT, "per note, 1 thread: sentences %.0f us, tokens %.0f us, entity model %.0f us, "
                + "rules %.0f us, context %.0f us%n", split / n / 1e3, tok / n / 1e3, ner / n / 1e3, rule / n / 1e3,
                ctx / n / 1e3);
    }

    /**
     * Wall time of analysing one note that holds a single unbroken word of each length (letters
     * only, and letters with full stops), with the default {@link TextLimits}: the cost must grow
     * with the length, not its square.
     */
    public static void longWords(int[] lengths) {
        CaseNotePipeline pipeline = new CaseNotePipeline(new OpenNlpModels(), TextLimits.defaults());
        pipeline.analyze("Warm up. Mum denies any domestic abuse.");
        for (String unit : new String[] {"a", "a."}) {
            for (int length : lengths) {
                String text = "Note about the child. " + unit.repeat(length / unit.length()) + " End of note.";
                long t0 = System.nanoTime();
                TextAnalysis analysis = pipeline.analyze(text);
                System.out.printf(Locale.ROOT, "word of %,7d characters ('%s' repeated): %6.2f s, %d sentences, %d warning(s)%n",
                        length, unit, (System.nanoTime() - t0) / 1e9, analysis.sentences().size(), analysis.warnings().size());
            }
        }
    }

    private static void run(String label, CaseNotePipeline pipeline, List<String> notes, int threads) throws Exception {
        AtomicLong sentences = new AtomicLong();
        AtomicLong entities = new AtomicLong();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = offset; i < notes.size(); i += threads) {
                        TextAnalysis a = pipeline.analyze(notes.get(i));
                        sentences.addAndGet(a.sentences().size());
                        entities.addAndGet(a.entities().size());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "%-10s %6d notes in %6.2f s: %8.0f notes/s, %8.0f sentences/s, %d entities%n",
                label, notes.size(), secs, notes.size() / secs, sentences.get() / secs, entities.get());
    }
}

package org.tessera.indexer.nlp.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import opennlp.tools.namefind.BioCodec;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.Span;
import opennlp.tools.util.TrainingParameters;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.analysis.EntityMerger;
import org.tessera.indexer.nlp.EntityType;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.SentenceSplitter;
import org.tessera.indexer.nlp.TextTokenizer;
import org.tessera.indexer.nlp.Token;
import org.tessera.indexer.nlp.opennlp.OpenNlpEntityFinder;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;
import org.tessera.indexer.nlp.opennlp.OpenNlpTokenizer;
import org.tessera.indexer.nlp.rules.RuleEntityFinder;

/**
 * Trains Tessera's entity model (person, location, organisation) on generated notes of the
 * training template family, evaluates the whole entity step (model plus rules) on notes of
 * the held-out family, and writes the model and a Markdown report.
 *
 * <pre>
 * java -cp indexer/target/classes:indexer/target/lib/* \
 *   org.tessera.indexer.nlp.training.NerModelTrainer --out nlp-models/en-ner-tessera.bin \
 *   --report nlp-models/evaluation.md
 * </pre>
 * Options: {@code --train-notes N} (8000), {@code --eval-notes N} (800), {@code --seed N} (20260101),
 * {@code --iterations N} (150), {@code --cutoff N} (2).
 */
public final class NerModelTrainer {

    /** The entity types the statistical model learns; the others come from rules. */
    public static final Set<EntityType> MODEL_TYPES =
            EnumSet.of(EntityType.PERSON, EntityType.LOCATION, EntityType.ORGANISATION);

    /** Training settings. */
    public record Settings(int trainNotes, int evalNotes, long seed, int iterations, int cutoff) {
        public Settings {
            if (trainNotes < 1 || evalNotes < 1 || iterations < 1 || cutoff < 0) {
                throw new IllegalArgumentException("bad training settings");
            }
        }

        public static Settings defaults() {
            return new Settings(8000, 800, 20260101L, 150, 2);
        }
    }

    /** What a training run produced. */
    public record Result(TokenNameFinderModel model, EntityEvaluation heldOut, EntityEvaluation inFamily,
                         int trainingSentences, Duration trainingTime) {
    }

    private final SentenceSplitter splitter;
    private final TextTokenizer tokenizer;

    public NerModelTrainer(SentenceSplitter splitter, TextTokenizer tokenizer) {
        this.splitter = splitter;
        this.tokenizer = tokenizer;
    }

    public Result train(Settings settings) throws IOException {
        List<AnnotatedNote> trainNotes =
                new CaseNoteTemplateGenerator(TemplateFamily.TRAINING, settings.seed()).notes(settings.trainNotes());
        List<NameSample> samples = new ArrayList<>();
        for (AnnotatedNote note : trainNotes) {
            samples.addAll(samples(note));
        }
        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        params.put(TrainingParameters.THREADS_PARAM, 1);
        byte[] features;
        try (var in = NerModelTrainer.class.getResourceAsStream("ner-features.xml")) {
            if (in == null) {
                throw new IllegalStateException("feature descriptor ner-features.xml missing");
            }
            features = in.readAllBytes();
        }
        TokenNameFinderFactory factory =
                TokenNameFinderFactory.create(null, features, Map.of(), new BioCodec());
        Instant t0 = Instant.now();
        TokenNameFinderModel model =
                NameFinderME.train("en", null, ObjectStreamUtils.createObjectStream(samples), params, factory);
        Duration took = Duration.between(t0, Instant.now());

        OpenNlpEntityFinder finder = new OpenNlpEntityFinder(splitter, tokenizer, () -> model);
        RuleEntityFinder rules = new RuleEntityFinder();
        List<AnnotatedNote> heldOut =
                new CaseNoteTemplateGenerator(TemplateFamily.HELD_OUT, settings.seed() + 1).notes(settings.evalNotes());
        List<AnnotatedNote> inFamily =
                new CaseNoteTemplateGenerator(TemplateFamily.TRAINING, settings.seed() + 2).notes(settings.evalNotes());
        Function<String, List<EntityMention>> pipeline =
                text -> EntityMerger.merge(text, finder.find(text), rules.find(text));
        return new Result(model, EntityEvaluation.of(heldOut, pipeline), EntityEvaluation.of(inFamily, pipeline),
                samples.size(), took);
    }

    /** One name sample per sentence; gold spans are widened to whole tokens. */
    List<NameSample> samples(AnnotatedNote note) {
        List<NameSample> out = new ArrayList<>();
        boolean first = true;
        for (Sentence s : splitter.split(note.text())) {
            List<Token> tokens = tokenizer.tokenize(s.text());
            if (tokens.isEmpty()) {
                continue;
            }
            String[] words = tokens.stream().map(Token::text).toArray(String[]::new);
            List<Span> names = new ArrayList<>();
            for (EntityMention g : note.entities()) {
                if (!MODEL_TYPES.contains(g.type()) || g.start() < s.start() || g.end() > s.end()) {
                    continue;
                }
                int from = -1;
                int to = -1;
                for (int t = 0; t < tokens.size(); t++) {
                    int ts = s.start() + tokens.get(t).start();
                    int te = s.start() + tokens.get(t).end();
                    if (ts < g.end() && g.start() < te) {
                        if (from < 0) {
                            from = t;
                        }
                        to = t + 1;
                    }
                }
                if (from >= 0) {
                    names.add(new Span(from, to, g.type().modelName()));
                }
            }
            out.add(new NameSample(words, names.toArray(Span[]::new), first));
            first = false;
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        Settings d = Settings.defaults();
        Settings settings = new Settings(
                Integer.parseInt(opts.getOrDefault("--train-notes", "" + d.trainNotes())),
                Integer.parseInt(opts.getOrDefault("--eval-notes", "" + d.evalNotes())),
                Long.parseLong(opts.getOrDefault("--seed", "" + d.seed())),
                Integer.parseInt(opts.getOrDefault("--iterations", "" + d.iterations())),
                Integer.parseInt(opts.getOrDefault("--cutoff", "" + d.cutoff())));
        Path out = Path.of(opts.getOrDefault("--out", "nlp-models/en-ner-tessera.bin"));
        Path report = Path.of(opts.getOrDefault("--report", "nlp-models/evaluation.md"));

        OpenNlpModels models = new OpenNlpModels();
        NerModelTrainer trainer =
                new NerModelTrainer(new OpenNlpSentenceSplitter(models), new OpenNlpTokenizer(models));
        Result r = trainer.train(settings);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            r.model().serialize(os);
        }
        String md = report(settings, r, args);
        Files.writeString(report, md);
        System.out.println(md);
        System.out.println("model written to " + out.toAbsolutePath());
    }

    static String report(Settings s, Result r, String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Entity model evaluation (en-ner-tessera.bin)\n\n");
        sb.append("Generated by `NerModelTrainer ").append(String.join(" ", args)).append("`.\n\n");
        sb.append(String.format(Locale.ROOT,
                "Training: %d notes of the TRAINING template family (%d sentences), seed %d, "
                        + "maxent, %d iterations, cutoff %d, trained in %d s.%n%n",
                s.trainNotes(), r.trainingSentences(), s.seed(), s.iterations(), s.cutoff(),
                r.trainingTime().toSeconds()));
        sb.append("Scores are strict: type, start and end offsets must all match the gold span. ")
                .append("PERSON, LOCATION, ORGANISATION come from the model; DATE, POSTCODE, PHONE, ")
                .append("NHS_NUMBER from `RuleEntityFinder`; rule mentions win on overlap.\n\n");
        sb.append(String.format(Locale.ROOT,
                "## Held-out: %d notes from the HELD_OUT template family (seed %d)%n%n", s.evalNotes(), s.seed() + 1));
        sb.append("Templates never seen in training; a quarter of the names, towns and organisations ")
                .append("never appear in training notes either.\n\n");
        sb.append(r.heldOut().markdownTable());
        sb.append(String.format(Locale.ROOT, "%nModel types micro-F1: %.3f%n%n",
                r.heldOut().micro(MODEL_TYPES).f1()));
        sb.append("Sample errors (first 40):\n\n");
        for (String e : r.heldOut().sampleErrors()) {
            sb.append("- ").append(e.replace("\n", " ")).append('\n');
        }
        sb.append(String.format(Locale.ROOT,
                "%n## For comparison: %d fresh notes from the TRAINING family (seed %d)%n%n", s.evalNotes(), s.seed() + 2));
        sb.append(r.inFamily().markdownTable());
        sb.append(String.format(Locale.ROOT, "%nModel types micro-F1: %.3f%n", r.inFamily().micro(MODEL_TYPES).f1()));
        return sb.toString();
    }
}

package org.tessera.indexer.nlp.analysis;

import org.tessera.indexer.nlp.EntityFinder;
import org.tessera.indexer.nlp.EntityMention;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.SentenceSplitter;
import org.tessera.indexer.nlp.TextLimits;
import org.tessera.indexer.nlp.TextTokenizer;
import org.tessera.indexer.nlp.Token;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tessera.indexer.nlp.context.ContextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.nlp.context.TriggerCatalogue;
import org.tessera.indexer.nlp.names.PersonNameRules;
import org.tessera.indexer.nlp.opennlp.OpenNlpEntityFinder;
import org.tessera.indexer.nlp.opennlp.OpenNlpModels;
import org.tessera.indexer.nlp.opennlp.OpenNlpSentenceSplitter;
import org.tessera.indexer.nlp.opennlp.OpenNlpTokenizer;
import org.tessera.indexer.nlp.rules.RuleEntityFinder;

/**
 * The case-note pipeline: OpenNLP sentences and tokens, Tessera's entity model for people,
 * places and organisations, rules for dates, postcodes, phone and NHS numbers, and the
 * ConText-style context analyzer. Sentences are split once and tokenised once per text.
 *
 * <p>Thread-safe: models are loaded lazily once and shared; the OpenNLP tools that keep
 * state live one per thread.
 */
public final class CaseNotePipeline implements TextAnalyzer {

    private final SentenceSplitter splitter;
    private final TextTokenizer tokenizer;
    private final OpenNlpEntityFinder modelFinder;
    private final EntityFinder ruleFinder;
    private final ContextAnalyzer context;
    private final TextLimits limits;

    /** The standard pipeline over the given models; history is judged against the current year. */
    public CaseNotePipeline(OpenNlpModels models) {
        this(models, Year.now().getValue());
    }

    /** The standard pipeline within {@code limits}; history is judged against the current year. */
    public CaseNotePipeline(OpenNlpModels models, TextLimits limits) {
        this(new OpenNlpSentenceSplitter(models, limits.maxTokenChars()), new OpenNlpTokenizer(models, limits.maxTokenChars()), models,
                Year.now().getValue(), limits);
    }

    /** The standard pipeline within the default limits; years before {@code referenceYear} mark history ("in 2019"). */
    public CaseNotePipeline(OpenNlpModels models, int referenceYear) {
        this(new OpenNlpSentenceSplitter(models, TextLimits.defaults().maxTokenChars()),
                new OpenNlpTokenizer(models, TextLimits.defaults().maxTokenChars()), models, referenceYear, TextLimits.defaults());
    }

    private CaseNotePipeline(SentenceSplitter splitter, TextTokenizer tokenizer, OpenNlpModels models,
                             int referenceYear, TextLimits limits) {
        this(splitter, tokenizer, new OpenNlpEntityFinder(splitter, tokenizer, models.entityModel()),
                new RuleEntityFinder(),
                new ContextAnalyzer(splitter, TriggerCatalogue.standard(), referenceYear), limits);
    }

    public CaseNotePipeline(SentenceSplitter splitter, TextTokenizer tokenizer, OpenNlpEntityFinder modelFinder,
                            EntityFinder ruleFinder, ContextAnalyzer context) {
        this(splitter, tokenizer, modelFinder, ruleFinder, context, TextLimits.defaults());
    }

    public CaseNotePipeline(SentenceSplitter splitter, TextTokenizer tokenizer, OpenNlpEntityFinder modelFinder,
                            EntityFinder ruleFinder, ContextAnalyzer context, TextLimits limits) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.modelFinder = Objects.requireNonNull(modelFinder, "modelFinder");
        this.ruleFinder = Objects.requireNonNull(ruleFinder, "ruleFinder");
        this.context = Objects.requireNonNull(context, "context");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Within the {@link TextLimits}: only the first {@code maxAnalysisChars} are analysed, and
     * analysis stops at the sentence where {@code maxAnalysisTime} ran out; each is a warning on
     * the result. All offsets stay those of {@code text}.
     */
    @Override
    public TextAnalysis analyze(String text) {
        Objects.requireNonNull(text, "text");
        long deadline = System.nanoTime() + limits.maxAnalysisTime().toNanos();
        List<String> warnings = new ArrayList<>();
        String analysed = text;
        if (text.length() > limits.maxAnalysisChars()) {
            analysed = text.substring(0, limits.maxAnalysisChars());
            warnings.add(String.format(java.util.Locale.ROOT,
                    "text analysis covered the first %,d of %,d characters (%s); the rest is searchable but has no entities or context",
                    limits.maxAnalysisChars(), text.length(), TextLimits.MAX_ANALYSIS_CHARS));
        }
        longWords(analysed, warnings);
        List<Sentence> sentences = splitter.split(analysed);
        List<List<Token>> tokens = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            if (System.nanoTime() > deadline) {
                int end = tokens.isEmpty() ? 0 : sentences.get(tokens.size() - 1).end();
                warnings.add(String.format(java.util.Locale.ROOT,
                        "text analysis stopped after %d s (%s) at character %,d of %,d; the rest is searchable but has no entities or context",
                        limits.maxAnalysisTime().toSeconds(), TextLimits.MAX_ANALYSIS_SECONDS, end, text.length()));
                sentences = sentences.subList(0, tokens.size());
                analysed = analysed.substring(0, end);
                break;
            }
            tokens.add(tokenizer.tokenize(s.text()));
        }
        List<EntityMention> model = PersonNameRules.standard().apply(analysed, modelFinder.find(analysed, sentences, tokens));
        List<EntityMention> entities = EntityMerger.merge(analysed, model, ruleFinder.find(analysed));
        return new TextAnalysis(sentences, entities, context.analyze(analysed, sentences), warnings);
    }

    /** A warning when words longer than the token limit are kept whole (a base64 blob, a line of dashes). */
    private void longWords(String text, List<String> warnings) {
        int count = 0;
        int longest = 0;
        int run = 0;
        for (int i = 0, n = text.length(); i <= n; i++) {
            if (i == n || Character.isWhitespace(text.charAt(i))) {
                if (run > limits.maxTokenChars()) {
                    count++;
                    longest = Math.max(longest, run);
                }
                run = 0;
            } else {
                run++;
            }
        }
        if (count > 0) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "%d word(s) longer than %d characters (%s; the longest %,d) kept whole, one token each",
                    count, limits.maxTokenChars(), TextLimits.MAX_TOKEN_CHARS, longest));
        }
    }

    @Override
    public MentionContext contextOf(String text, int start, int end) {
        return context.contextOf(text, start, end);
    }

    @Override
    public MentionContext contextOf(String text, int start, int end, java.util.List<int[]> hitSpans) {
        return context.contextOf(text, start, end, hitSpans);
    }

    /**
     * As {@link #contextOf(String, int, int)} for a note written in {@code noteYear}: "in 2019"
     * marks history only in notes written after 2019.
     */
    public MentionContext contextOf(String text, int start, int end, int noteYear) {
        return context.withReferenceYear(noteYear).contextOf(text, start, end);
    }

    /** As {@link #contextOf(String, int, int)} reusing the sentences of an earlier analysis. */
    public MentionContext contextOf(String text, TextAnalysis analysis, int start, int end) {
        return context.contextOf(text, analysis.sentences(), start, end);
    }
}

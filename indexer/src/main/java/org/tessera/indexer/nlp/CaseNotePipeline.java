package org.tessera.indexer.nlp;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tessera.indexer.nlp.context.ContextAnalyzer;
import org.tessera.indexer.nlp.context.MentionContext;
import org.tessera.indexer.nlp.context.TriggerCatalogue;
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

    /** The standard pipeline over the given models; history is judged against the current year. */
    public CaseNotePipeline(OpenNlpModels models) {
        this(models, Year.now().getValue());
    }

    /** The standard pipeline; years before {@code referenceYear} mark history ("in 2019"). */
    public CaseNotePipeline(OpenNlpModels models, int referenceYear) {
        this(new OpenNlpSentenceSplitter(models), new OpenNlpTokenizer(models), models, referenceYear);
    }

    private CaseNotePipeline(SentenceSplitter splitter, TextTokenizer tokenizer, OpenNlpModels models,
                             int referenceYear) {
        this(splitter, tokenizer, new OpenNlpEntityFinder(splitter, tokenizer, models.entityModel()),
                new RuleEntityFinder(),
                new ContextAnalyzer(splitter, TriggerCatalogue.standard(), referenceYear));
    }

    public CaseNotePipeline(SentenceSplitter splitter, TextTokenizer tokenizer, OpenNlpEntityFinder modelFinder,
                            EntityFinder ruleFinder, ContextAnalyzer context) {
        this.splitter = Objects.requireNonNull(splitter, "splitter");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.modelFinder = Objects.requireNonNull(modelFinder, "modelFinder");
        this.ruleFinder = Objects.requireNonNull(ruleFinder, "ruleFinder");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public TextAnalysis analyze(String text) {
        Objects.requireNonNull(text, "text");
        List<Sentence> sentences = splitter.split(text);
        List<List<Token>> tokens = new ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            tokens.add(tokenizer.tokenize(s.text()));
        }
        List<EntityMention> entities = EntityMerger.merge(text,
                modelFinder.find(text, sentences, tokens), ruleFinder.find(text));
        return new TextAnalysis(sentences, entities, context.analyze(text, sentences));
    }

    @Override
    public MentionContext contextOf(String text, int start, int end) {
        return context.contextOf(text, start, end);
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

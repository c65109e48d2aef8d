package org.tessera.indexer.nlp.opennlp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.namefind.DefaultNameContextGenerator;
import opennlp.tools.namefind.NameContextGenerator;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameFinderSequenceValidator;
import opennlp.tools.namefind.TokenNameFinder;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.AdditionalContextFeatureGenerator;
import opennlp.tools.util.featuregen.WindowFeatureGenerator;

/**
 * {@link NameFinderME#find(String[])} for a GIS name-finder model, giving the same spans with
 * the same probabilities for less work (checked against opennlp-tools 2.5.6.1).
 *
 * <p>The stock beam search evaluates the model for each token once per beam candidate, and each
 * evaluation looks up and sums every feature of the token. All but the last four features do
 * not depend on the candidate: {@link DefaultNameContextGenerator} appends the candidate's
 * previous outcomes ({@code po=}, {@code pow=}, {@code powf=}, {@code ppo=}) after the
 * feature generators' features, and {@link GISModel} adds parameters outcome by outcome in
 * feature order, starting from the uniform log prior. So the sums over the shared features
 * are taken once per token and each candidate continues from them with its four features,
 * then exponentiates and normalises as {@code GISModel} does: the same floating-point
 * operations in the same order, hence the same bits. The beam itself ({@link BeamSearch}:
 * which candidates are expanded, the per-candidate probability cut, the minimum score, the
 * fallback when nothing passed, ties in its priority queue) is reproduced step for step.
 *
 * <p>For the Tessera model's feature generators the shared features come from a
 * {@link NameFeatureMemo}, which resolves each distinct word's features once; for any other
 * model, from the model's own context generator.
 *
 * <p>Not thread-safe: like {@code NameFinderME} it keeps adaptive data (outcomes of earlier
 * sentences of the document) and scratch arrays; one per thread over a shared model.
 */
final class ExactBeamNameDecoder implements TokenNameFinder {

    /** TokenNameFinderModel's artifact name for the maxent model (private there). */
    private static final String MAXENT_ARTIFACT = "nameFinder.model";
    /** BeamSearch's score below which a sequence is dropped (its private zeroLog). */
    private static final double MIN_SEQUENCE_SCORE = -100000;
    /** How many features DefaultNameContextGenerator appends after the generators' when given outcomes. */
    static final int CANDIDATE_FEATURES = 4;
    /** DefaultNameContextGenerator's candidate features, in the order it appends them. */
    private static final String PREVIOUS_OUTCOME = "po=";
    private static final String WORD_FEATURE = "pow=";
    private static final String WORD_CLASS_FEATURE = "powf=";
    private static final String SECOND_PREVIOUS_OUTCOME = "ppo=";
    /** DefaultNameContextGenerator's previous outcome before the first token. */
    static final String BEFORE_START = "other";
    /** What NameFinderME.find(String[]) passes as additional context. */
    static final String[][] NO_ADDITIONAL_CONTEXT = new String[0][];

    /** The order of Sequence.compareTo: best score first. */
    private static final Comparator<Candidate> BEST_FIRST = (a, b) -> Double.compare(b.score, a.score);

    private final int beamSize;
    private final Map<String, Context> parameters;
    private final String[] outcomes;
    /** Outcome count; also the state "no previous outcome" in the tables below. */
    private final int none;
    private final double uniformLogPrior;
    /** Whether outcome o may follow state s: {@code allowed[s][o]}. */
    private final boolean[][] allowed;
    private final Context[] previousOutcomeFeature;
    private final Context[] secondPreviousOutcomeFeature;
    private final NameContextGenerator contextGenerator;
    private final SequenceCodec<String> codec;
    /**
     * The shared features with each word's part built once, for the Tessera model's generators;
     * null for a model with other generators, whose features come from {@link #contextGenerator}.
     */
    private final NameFeatureMemo memo;
    private final NameFeatureMemo.FeatureSink addToSharedSums;

    // Per token, reused: sums over the shared features, and the word features by previous state.
    private final double[] sharedSums;
    private final Context[] wordFeature;
    private final Context[] wordClassFeature;
    private final boolean[] wordFeaturesKnown;
    private String wordClass;
    // With the memo: the sentence's words, and the word of the token being scored.
    private NameFeatureMemo.Prepared sentence;
    private NameFeatureMemo.Word word;
    // Per candidate, reused.
    private final double[] scores;
    private final double[] sortedScores;
    private double[] lastProbs = new double[0];

    /** Whether this decoder reproduces NameFinderME for the model; if not, use NameFinderME. */
    static boolean supports(TokenNameFinderModel model) {
        return model.getArtifact(MAXENT_ARTIFACT) instanceof GISModel
                && model.getFactory().createSequenceCodec().createSequenceValidator().getClass()
                        == NameFinderSequenceValidator.class
                && model.getFactory().createContextGenerator().getClass() == DefaultNameContextGenerator.class;
    }

    ExactBeamNameDecoder(TokenNameFinderModel model) {
        this(model, true);
    }

    /**
     * {@code memoiseWords} false keeps every model on the generic path (the generators asked per
     * token), for comparing both.
     */
    ExactBeamNameDecoder(TokenNameFinderModel model, boolean memoiseWords) {
        Objects.requireNonNull(model, "model");
        if (!supports(model)) {
            throw new IllegalArgumentException("not a GIS model with BIO outcomes and the default context generator");
        }
        // As TokenNameFinderModel.getNameFinderSequenceModel() sizes its BeamSearch.
        String size = model.getManifestProperty(BeamSearch.BEAM_SIZE_PARAMETER);
        this.beamSize = size == null ? NameFinderME.DEFAULT_BEAM_SIZE : Integer.parseInt(size);

        GISModel gis = model.getArtifact(MAXENT_ARTIFACT);
        Object[] data = gis.getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) data[1];
        this.parameters = pmap;
        this.outcomes = ((String[]) data[2]).clone();
        this.none = outcomes.length;
        if (gis.getNumOutcomes() != none) {
            throw new IllegalArgumentException("outcome count differs from the outcome names");
        }
        // GISModel is built with a UniformPrior (by its reader and its trainer alike), whose log
        // prior is this value for every outcome.
        this.uniformLogPrior = StrictMath.log(1.0 / none);

        this.codec = model.getFactory().createSequenceCodec();
        this.allowed = allowedTransitions(codec.createSequenceValidator(), outcomes);

        // The same context generator NameFinderME builds, including its window over additional
        // context, which find(String[]) leaves empty.
        this.contextGenerator = model.getFactory().createContextGenerator();
        AdditionalContextFeatureGenerator additional = new AdditionalContextFeatureGenerator();
        additional.setCurrentContext(NO_ADDITIONAL_CONTEXT);
        contextGenerator.addFeatureGenerator(new WindowFeatureGenerator(additional, 8, 8));

        this.previousOutcomeFeature = new Context[none + 1];
        this.secondPreviousOutcomeFeature = new Context[none + 1];
        for (int s = 0; s <= none; s++) {
            previousOutcomeFeature[s] = parameters.get(PREVIOUS_OUTCOME + stateName(s));
            secondPreviousOutcomeFeature[s] = parameters.get(SECOND_PREVIOUS_OUTCOME + stateName(s));
        }
        this.sharedSums = new double[none];
        this.addToSharedSums = row -> {
            for (int o = 0; o < row.length; o++) {
                sharedSums[o] += row[o];
            }
        };
        this.wordFeature = new Context[none + 1];
        this.wordClassFeature = new Context[none + 1];
        this.wordFeaturesKnown = new boolean[none + 1];
        this.scores = new double[none];
        this.sortedScores = new double[none];
        this.memo = memoiseWords
                ? NameFeatureMemo.forModel(model, parameters, outcomes, contextGenerator, NameFeatureMemo.DEFAULT_CAPACITY)
                : null;
    }

    /** Whether the features come from the word memo (true for the Tessera model). */
    boolean memoisesWords() {
        return memo != null;
    }

    /**
     * NameFinderSequenceValidator looks only at the last previous outcome (if any) and the
     * proposed one, so its answers fit a table.
     */
    private static boolean[][] allowedTransitions(SequenceValidator<String> validator, String[] outcomes) {
        int none = outcomes.length;
        boolean[][] allowed = new boolean[none + 1][none];
        for (int o = 0; o < none; o++) {
            allowed[none][o] = validator.validSequence(0, new String[0], new String[0], outcomes[o]);
            for (int s = 0; s < none; s++) {
                allowed[s][o] = validator.validSequence(1, new String[0], new String[] {outcomes[s]}, outcomes[o]);
            }
        }
        return allowed;
    }

    private String stateName(int state) {
        return state == none ? BEFORE_START : outcomes[state];
    }

    @Override
    public Span[] find(String[] tokens) {
        if (memo != null) {
            sentence = memo.prepare(tokens);
        }
        Candidate best = bestSequence(tokens);
        String[] names = new String[best.length];
        int[] outcomeIds = new int[best.length];
        double[] probs = new double[best.length];
        for (Candidate c = best; c.length > 0; c = c.parent) {
            names[c.length - 1] = outcomes[c.outcome];
            outcomeIds[c.length - 1] = c.outcome;
            probs[c.length - 1] = c.prob;
        }
        lastProbs = probs;
        if (memo != null) {
            memo.rememberOutcomes(tokens, outcomeIds);
        } else {
            contextGenerator.updateAdaptiveData(tokens, names);
        }
        Span[] spans = codec.decode(Arrays.asList(names));
        // NameFinderME.setProbs: the mean of the outcome probabilities over the span.
        for (int k = 0; k < spans.length; k++) {
            double p = 0;
            for (int t = spans[k].getStart(); t < spans[k].getEnd(); t++) {
                p += probs[t];
            }
            p /= spans[k].length();
            spans[k] = new Span(spans[k], p);
        }
        return spans;
    }

    /** As NameFinderME.probs(): the probability of each outcome of the last sentence's best sequence. */
    double[] probs() {
        return lastProbs.clone();
    }

    @Override
    public void clearAdaptiveData() {
        contextGenerator.clearAdaptiveData();
        if (memo != null) {
            memo.clearDocument();
        }
    }

    /** BeamSearch.bestSequences with one sequence asked for and its minimum score. */
    private Candidate bestSequence(String[] tokens) {
        PriorityQueue<Candidate> prev = new PriorityQueue<>(beamSize, BEST_FIRST);
        PriorityQueue<Candidate> next = new PriorityQueue<>(beamSize, BEST_FIRST);
        prev.add(Candidate.START);
        for (int i = 0; i < tokens.length; i++) {
            int expand = Math.min(beamSize, prev.size());
            for (int sc = 0; !prev.isEmpty() && sc < expand; sc++) {
                Candidate top = prev.remove();
                if (sc == 0) {
                    startToken(i, tokens, top);
                }
                score(tokens[i], top);
                double min = beamCut();
                boolean[] canFollow = allowed[top.length > 0 ? top.outcome : none];
                for (int o = 0; o < none; o++) {
                    if (scores[o] >= min && canFollow[o]) {
                        offer(next, top, o);
                    }
                }
                if (next.isEmpty()) {
                    for (int o = 0; o < none; o++) {
                        if (canFollow[o]) {
                            offer(next, top, o);
                        }
                    }
                }
            }
            prev.clear();
            PriorityQueue<Candidate> swap = prev;
            prev = next;
            next = swap;
        }
        if (prev.isEmpty()) {
            // NameFinderME fails here too (a null best sequence), for a sentence of tens of
            // thousands of improbable tokens.
            throw new IllegalStateException("no label sequence scored above " + MIN_SEQUENCE_SCORE);
        }
        return prev.remove();
    }

    /**
     * BeamSearch's cut: {@code sorted[max(0, n - beamSize)]} of the scores sorted ascending, that
     * is the beamSize-th largest score (or the smallest, for fewer outcomes), found by selecting
     * the largest that many times rather than sorting. Scores are probabilities, never NaN or
     * -0.0, so comparing them orders them as Arrays.sort does.
     */
    private double beamCut() {
        System.arraycopy(scores, 0, sortedScores, 0, none);
        int rank = Math.min(beamSize, none);
        for (int r = 0; r < rank; r++) {
            int largest = r;
            for (int o = r + 1; o < none; o++) {
                if (sortedScores[o] > sortedScores[largest]) {
                    largest = o;
                }
            }
            double swap = sortedScores[r];
            sortedScores[r] = sortedScores[largest];
            sortedScores[largest] = swap;
        }
        return sortedScores[rank - 1];
    }

    private void offer(PriorityQueue<Candidate> next, Candidate top, int outcome) {
        Candidate c = new Candidate(top, outcome, scores[outcome]);
        if (c.score > MIN_SEQUENCE_SCORE) {
            next.add(c);
        }
    }

    /**
     * The sums over token {@code i}'s shared features. The generators are asked with the
     * outcomes of the first candidate expanded, as the stock search first asks them (and its
     * CachedFeatureGenerator then answers the other candidates from that).
     */
    private void startToken(int i, String[] tokens, Candidate first) {
        if (memo != null) {
            Arrays.fill(sharedSums, uniformLogPrior);
            memo.forEachShared(sentence, i, addToSharedSums);
            word = sentence.words()[i];
            return;
        }
        String[] previous = new String[first.length];
        for (Candidate c = first; c.length > 0; c = c.parent) {
            previous[c.length - 1] = outcomes[c.outcome];
        }
        String[] context = contextGenerator.getContext(i, tokens, previous, NO_ADDITIONAL_CONTEXT);
        int shared = context.length - CANDIDATE_FEATURES;
        Arrays.fill(sharedSums, uniformLogPrior);
        for (int f = 0; f < shared; f++) {
            add(sharedSums, parameters.get(context[f]));
        }
        // The first candidate's "pow=<previous>,<token>" and "powf=<previous>,<class>" come with
        // the context; the class in the latter saves computing it (a dozen regexes) again.
        Arrays.fill(wordFeaturesKnown, false);
        int state = first.length > 0 ? first.outcome : none;
        wordFeature[state] = parameters.get(context[shared + 1]);
        wordClassFeature[state] = parameters.get(context[shared + 2]);
        wordFeaturesKnown[state] = true;
        wordClass = context[shared + 2].substring(WORD_CLASS_FEATURE.length() + stateName(state).length() + 1);
    }

    /** GISModel.eval for the candidate's context, into {@link #scores}. */
    private void score(String token, Candidate top) {
        int previous = top.length > 0 ? top.outcome : none;
        int secondPrevious = top.length > 1 ? top.parent.outcome : none;
        if (memo != null) {
            wordFeature[previous] = memo.previousWordFeature(word, previous);
            wordClassFeature[previous] = memo.previousClassFeature(word, previous);
        } else if (!wordFeaturesKnown[previous]) {
            wordFeature[previous] = parameters.get(WORD_FEATURE + stateName(previous) + "," + token);
            wordClassFeature[previous] = parameters.get(WORD_CLASS_FEATURE + stateName(previous) + "," + wordClass);
            wordFeaturesKnown[previous] = true;
        }
        System.arraycopy(sharedSums, 0, scores, 0, none);
        add(scores, previousOutcomeFeature[previous]);
        add(scores, wordFeature[previous]);
        add(scores, wordClassFeature[previous]);
        add(scores, secondPreviousOutcomeFeature[secondPrevious]);
        double sum = 0;
        for (int o = 0; o < none; o++) {
            scores[o] = StrictMath.exp(scores[o]);
            sum += scores[o];
        }
        for (int o = 0; o < none; o++) {
            scores[o] /= sum;
        }
    }

    /** ArrayMath.sumFeatures for one feature (its value is 1, and x * 1.0 == x exactly). */
    private static void add(double[] sums, Context feature) {
        if (feature != null) {
            int[] to = feature.getOutcomes();
            double[] weights = feature.getParameters();
            for (int j = 0; j < to.length; j++) {
                sums[to[j]] += weights[j];
            }
        }
    }

    /** A Sequence of opennlp, sharing its prefix with its parent. */
    private static final class Candidate {
        static final Candidate START = new Candidate();

        final Candidate parent;
        final int outcome;
        final double prob;
        final double score;
        final int length;

        private Candidate() {
            this.parent = null;
            this.outcome = -1;
            this.prob = 1;
            this.score = 0;
            this.length = 0;
        }

        Candidate(Candidate parent, int outcome, double prob) {
            this.parent = parent;
            this.outcome = outcome;
            this.prob = prob;
            this.score = parent.score + StrictMath.log(prob);
            this.length = parent.length + 1;
        }
    }
}

package org.tessera.indexer.nlp.opennlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import opennlp.tools.ml.model.Context;
import opennlp.tools.namefind.NameContextGenerator;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;
import opennlp.tools.util.featuregen.OutcomePriorFeatureGenerator;
import opennlp.tools.util.featuregen.PrefixFeatureGenerator;
import opennlp.tools.util.featuregen.SuffixFeatureGenerator;
import opennlp.tools.util.featuregen.TokenClassFeatureGenerator;
import opennlp.tools.util.featuregen.TokenFeatureGenerator;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The model contexts of a token's shared features (what the feature generators of Tessera's
 * entity model give, before {@code DefaultNameContextGenerator}'s four previous-outcome features),
 * with everything that depends on one word alone built and looked up once per distinct word.
 *
 * <p>Of the generators in {@link #DESCRIPTOR}, the token, token-class, prefix and suffix
 * features of a word are the same wherever the word sits: the windows only put {@code p1},
 * {@code n2} ... before them. So a word's features for every window offset are resolved to the
 * model's {@link Context} objects once and kept. The word bigrams depend on two words only,
 * so they are kept per pair of adjacent words; the class bigrams per pair of token classes; per
 * token only the previous-map feature (the document's adaptive data) and the sentence-begin
 * feature are chosen. The contexts come out in the generators' order, leaving out the features the model
 * does not know (they add nothing to a sum), so summing them gives the bits GISModel gets. They
 * come as dense rows of weights by outcome (see {@link FeatureSink}): a row is one array read
 * straight through, where a context is two arrays read by index.
 *
 * <p>Used only for a model whose feature descriptor is {@link #DESCRIPTOR} (comments and
 * layout aside) and whose own generators give, on probe sentences, the same contexts in the
 * same order ({@link #forModel}); any other model keeps the generic path.
 *
 * <p>Not thread-safe: one per decoder. Memory is bounded as in {@link WordSplitMemo}: at
 * {@code capacity} words the memo starts afresh.
 */
final class NameFeatureMemo {

    /** The descriptor of {@code nlp-models/en-ner-tessera.bin}, whose generators this class reproduces. */
    static final String DESCRIPTOR = """
            <featureGenerators cache="true" name="nameFinder">
              <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                <int name="prevLength">2</int>
                <int name="nextLength">2</int>
                <generator class="opennlp.tools.util.featuregen.TokenClassFeatureGeneratorFactory"/>
              </generator>
              <generator class="opennlp.tools.util.featuregen.WindowFeatureGeneratorFactory">
                <int name="prevLength">2</int>
                <int name="nextLength">2</int>
                <generator class="opennlp.tools.util.featuregen.TokenFeatureGeneratorFactory">
                  <bool name="lowercase">true</bool>
                </generator>
              </generator>
              <generator class="opennlp.tools.util.featuregen.DefinitionFeatureGeneratorFactory"/>
              <generator class="opennlp.tools.util.featuregen.PreviousMapFeatureGeneratorFactory"/>
              <generator class="opennlp.tools.util.featuregen.BigramNameFeatureGeneratorFactory"/>
              <generator class="opennlp.tools.util.featuregen.SentenceFeatureGeneratorFactory">
                <bool name="begin">true</bool>
                <bool name="end">false</bool>
              </generator>
              <generator class="opennlp.tools.util.featuregen.PrefixFeatureGeneratorFactory">
                <int name="length">3</int>
              </generator>
              <generator class="opennlp.tools.util.featuregen.SuffixFeatureGeneratorFactory">
                <int name="length">3</int>
              </generator>
            </featureGenerators>
            """;
    /** TokenNameFinderModel's artifact name for the feature descriptor. */
    static final String DESCRIPTOR_ARTIFACT = "generator.featuregen";
    /** Words (and, separately, word pairs) kept per thread: about 13 MB when full. */
    static final int DEFAULT_CAPACITY = 20_000;

    /** The window of both windowed generators in {@link #DESCRIPTOR}. */
    private static final int PREVIOUS_WORDS = 2;
    private static final int NEXT_WORDS = 2;
    private static final int SLOTS = 1 + PREVIOUS_WORDS + NEXT_WORDS;
    /** CachedFeatureGenerator's capacity ({@code cache="true"}): how many tokens' features it keeps. */
    private static final int FEATURE_CACHE_TOKENS = 100;
    /** Word classes seen get small ids; FeatureGeneratorUtil.tokenFeature knows about twenty. */
    private static final int MAX_WORD_CLASSES = 64;
    /** Where in a pair's bigram rows the right word's feature is, and the left word's. */
    private static final int BIGRAM_BEFORE = 0;
    private static final int BIGRAM_AFTER = 1;

    /** Word-local generators, in the descriptor's order; the first two are windowed. */
    private final AdaptiveFeatureGenerator tokenClass = new TokenClassFeatureGenerator(true);
    private final AdaptiveFeatureGenerator token = new TokenFeatureGenerator(true);
    private final AdaptiveFeatureGenerator prefix = new PrefixFeatureGenerator(3);
    private final AdaptiveFeatureGenerator suffix = new SuffixFeatureGenerator(3);

    private final Map<String, Context> parameters;
    private final String[] outcomes;
    private final int none;
    private final int capacity;
    /**
     * Each known context as a dense row of weights by outcome (0.0 where it has none), shared by
     * all words whose features have that context.
     */
    private final Map<Context, double[]> rows = new IdentityHashMap<>();
    private final double[][] definition;
    private final double[] sentenceBegin;
    /** {@code pd=<outcome>} by outcome; {@code pd=null} at {@code none}. */
    private final double[][] previousMapFeature;

    private final Map<String, Word> words = new HashMap<>();
    /**
     * {@code pw,w=<left>,<right>} and {@code w,nw=<left>,<right>} rows by adjacent words, cleared
     * with the words (whose identity keys them) or at {@code capacity} pairs.
     */
    private final Map<WordPair, double[][]> pairs = new HashMap<>();
    private final Map<String, Integer> wordClassIds = new HashMap<>();
    private final List<String> wordClassNames = new ArrayList<>();
    /** {@code powf=<state>,<class>} by class id, then state; rows filled when a class is first seen. */
    private final Context[][] previousClassFeature = new Context[MAX_WORD_CLASSES][];
    /** {@code pwc,wc=<left>,<right>} and {@code wc,nc=<left>,<right>} by class ids. */
    private final double[][][] classBigramBefore = new double[MAX_WORD_CLASSES][MAX_WORD_CLASSES][];
    private final double[][][] classBigramAfter = new double[MAX_WORD_CLASSES][MAX_WORD_CLASSES][];
    private final boolean[][] classBigramsKnown = new boolean[MAX_WORD_CLASSES][MAX_WORD_CLASSES];

    // The document's adaptive data, as PreviousMapFeatureGenerator keeps it: token -> its last outcome.
    private final Map<String, Integer> previousOutcome = new HashMap<>();
    // NameFinderME's feature cache answers the same token array again from the features it built
    // for it before (for at most FEATURE_CACHE_TOKENS tokens): the last sentence, to do the same.
    private Prepared last;

    private final List<String> scratch = new ArrayList<>();
    private final String[] one = new String[1];

    private NameFeatureMemo(Map<String, Context> parameters, String[] outcomes, int capacity) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.outcomes = outcomes.clone();
        this.none = outcomes.length;
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        scratch.clear();
        new OutcomePriorFeatureGenerator().createFeatures(scratch, new String[] {""}, 0, null);
        this.definition = resolve(scratch, "");
        this.sentenceBegin = row(parameters.get("S=begin"));
        this.previousMapFeature = new double[none + 1][];
        for (int s = 0; s <= none; s++) {
            previousMapFeature[s] = row(parameters.get("pd=" + (s == none ? null : outcomes[s])));
        }
    }

    /**
     * A memo for the model, or null when its generators are not the ones this class
     * reproduces. {@code generator} is a context generator of the model's own (as the decoder
     * builds it), used only to check, on probe sentences, that both give the same contexts.
     */
    static NameFeatureMemo forModel(TokenNameFinderModel model, Map<String, Context> parameters, String[] outcomes,
                                    NameContextGenerator generator, int capacity) {
        Object descriptor = model.getArtifact(DESCRIPTOR_ARTIFACT);
        if (!(descriptor instanceof byte[] bytes)
                || !canonical(bytes).equals(canonical(DESCRIPTOR.getBytes(StandardCharsets.UTF_8)))
                || !eachOutcomeOncePerContext(parameters.values())) {
            return null;
        }
        NameFeatureMemo memo = new NameFeatureMemo(parameters, outcomes, capacity);
        return memo.agreesWith(generator, ProbeText.SENTENCES) ? memo : null;
    }

    /** Whether no context lists an outcome twice, so that a dense row holds each of its weights as it is. */
    static boolean eachOutcomeOncePerContext(Collection<Context> contexts) {
        for (Context c : contexts) {
            int[] to = c.getOutcomes();
            for (int j = 0; j < to.length; j++) {
                for (int k = 0; k < j; k++) {
                    if (to[k] == to[j]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The memo with no checks, for a test comparing it with a model's generators. */
    static NameFeatureMemo unchecked(Map<String, Context> parameters, String[] outcomes) {
        return new NameFeatureMemo(parameters, outcomes, DEFAULT_CAPACITY);
    }

    /**
     * Whether, sentence after sentence of one document, this memo gives the contexts of the
     * generator's features in the same order, leaving out those the model does not know.
     * Clears the document's adaptive data of both before and after.
     */
    boolean agreesWith(NameContextGenerator generator, List<String[]> sentences) {
        generator.clearAdaptiveData();
        clearDocument();
        try {
            List<double[]> expected = new ArrayList<>();
            List<double[]> actual = new ArrayList<>();
            FeatureSink collect = actual::add;
            int shift = 0;
            for (String[] source : sentences) {
                String[] tokens = source.clone(); // a new array, as the entity finder passes
                String[] preds = new String[tokens.length];
                Arrays.fill(preds, ExactBeamNameDecoder.BEFORE_START);
                Prepared prepared = prepare(tokens);
                for (int i = 0; i < tokens.length; i++) {
                    expected.clear();
                    actual.clear();
                    String[] context = generator.getContext(i, tokens, preds, ExactBeamNameDecoder.NO_ADDITIONAL_CONTEXT);
                    for (int f = 0; f < context.length - ExactBeamNameDecoder.CANDIDATE_FEATURES; f++) {
                        Context c = parameters.get(context[f]);
                        if (c != null) {
                            expected.add(dense(c));
                        }
                    }
                    forEachShared(prepared, i, collect);
                    if (!sameRows(expected, actual)) {
                        return false;
                    }
                }
                // Some outcomes, different per sentence, so that the previous-map feature varies.
                int[] outcomeIds = new int[tokens.length];
                String[] names = new String[tokens.length];
                for (int i = 0; i < tokens.length; i++) {
                    outcomeIds[i] = (i + shift) % none;
                    names[i] = outcomes[outcomeIds[i]];
                }
                shift++;
                generator.updateAdaptiveData(tokens, names);
                rememberOutcomes(tokens, outcomeIds);
            }
            return true;
        } finally {
            generator.clearAdaptiveData();
            clearDocument();
        }
    }

    /** Forgets the document's adaptive data, as PreviousMapFeatureGenerator.clearAdaptiveData. */
    void clearDocument() {
        previousOutcome.clear();
    }

    /** As PreviousMapFeatureGenerator.updateAdaptiveData: each token's outcome, the last one winning. */
    void rememberOutcomes(String[] tokens, int[] outcomeIds) {
        for (int i = 0; i < tokens.length; i++) {
            previousOutcome.put(tokens[i], outcomeIds[i]);
        }
    }

    /** A sentence's words and previous-map states, looked up once before the beam search. */
    Prepared prepare(String[] tokens) {
        if (tokens.length == 0) {
            // NameFinderME asks the generators nothing, so its cache still holds the last array.
            return new Prepared(tokens, new Word[0], new int[0], new double[0][][]);
        }
        if (last != null && last.tokens == tokens && tokens.length <= FEATURE_CACHE_TOKENS) {
            return last;
        }
        Word[] row = new Word[tokens.length];
        int[] previousMapStates = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            row[i] = word(tokens[i]);
            Integer outcome = previousOutcome.get(tokens[i]);
            previousMapStates[i] = outcome == null ? none : outcome;
        }
        double[][][] bigrams = new double[tokens.length - 1][][];
        for (int i = 0; i + 1 < tokens.length; i++) {
            bigrams[i] = bigramRows(tokens[i], tokens[i + 1], row[i], row[i + 1]);
        }
        last = new Prepared(tokens, row, previousMapStates, bigrams);
        return last;
    }

    /**
     * Where the known contexts of token {@code i}'s shared features go, in order, as dense rows
     * (weights by outcome, 0.0 where the context has none). Adding a row's 0.0s leaves a sum of
     * weights as it is, since such a sum is never -0.0 (it starts at a log prior and only two
     * zeros of that sign add up to -0.0), so the rows give the sums GISModel takes.
     */
    @FunctionalInterface
    interface FeatureSink {
        void add(double[] row);
    }

    /**
     * Gives the known contexts of token {@code i}'s shared features in the order the generators of
     * {@link #DESCRIPTOR} make the features: the token-class window (the token, then p1, p2, n1,
     * n2), the token window likewise, {@code def}, {@code pd=}, the bigrams before and after,
     * {@code S=begin}, then the prefixes and suffixes.
     */
    void forEachShared(Prepared sentence, int i, FeatureSink sink) {
        Word[] row = sentence.words;
        int n = row.length;
        for (int g = 0; g < 2; g++) {
            int base = g * SLOTS;
            addAll(sink, row[i].windowed[base]);
            for (int k = 1; k <= PREVIOUS_WORDS && i - k >= 0; k++) {
                addAll(sink, row[i - k].windowed[base + k]);
            }
            for (int k = 1; k <= NEXT_WORDS && i + k < n; k++) {
                addAll(sink, row[i + k].windowed[base + PREVIOUS_WORDS + k]);
            }
        }
        addAll(sink, definition);
        addRow(sink, previousMapFeature[sentence.previousMapStates[i]]);
        if (i > 0) {
            addRow(sink, sentence.bigrams[i - 1][BIGRAM_BEFORE]);
            classBigrams(row[i - 1], row[i]);
            addRow(sink, classBigramBefore[row[i - 1].wordClass][row[i].wordClass]);
        }
        if (i + 1 < n) {
            addRow(sink, sentence.bigrams[i][BIGRAM_AFTER]);
            classBigrams(row[i], row[i + 1]);
            addRow(sink, classBigramAfter[row[i].wordClass][row[i + 1].wordClass]);
        }
        if (i == 0) {
            addRow(sink, sentenceBegin);
        }
        addAll(sink, row[i].affixes);
    }

    /** {@code pow=<state>,<token>}, the state being an outcome or {@code none} for the sentence start. */
    Context previousWordFeature(Word word, int state) {
        return word.previousWord[state];
    }

    /** {@code powf=<state>,<token class>}. */
    Context previousClassFeature(Word word, int state) {
        return previousClassFeature[word.wordClass][state];
    }

    int size() {
        return words.size();
    }

    private static void addAll(FeatureSink sink, double[][] known) {
        for (double[] r : known) {
            sink.add(r);
        }
    }

    private static void addRow(FeatureSink sink, double[] known) {
        if (known != null) {
            sink.add(known);
        }
    }

    /** The rows of {@code pw,w=<left>,<right>} (a feature of right) and {@code w,nw=<left>,<right>} (of left). */
    private double[][] bigramRows(String left, String right, Word leftWord, Word rightWord) {
        WordPair key = new WordPair(leftWord, rightWord);
        double[][] known = pairs.get(key);
        if (known != null) {
            return known;
        }
        double[][] computed = new double[2][];
        computed[BIGRAM_BEFORE] = row(parameters.get("pw,w=" + left + "," + right));
        computed[BIGRAM_AFTER] = row(parameters.get("w,nw=" + left + "," + right));
        if (pairs.size() >= capacity) {
            pairs.clear();
        }
        pairs.put(key, computed);
        return computed;
    }

    private static boolean sameRows(List<double[]> expected, List<double[]> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int r = 0; r < expected.size(); r++) {
            if (!Arrays.equals(expected.get(r), actual.get(r))) {
                return false;
            }
        }
        return true;
    }

    /** The context's weights by outcome, 0.0 for the outcomes it has none for. */
    private double[] dense(Context context) {
        double[] out = new double[none];
        int[] to = context.getOutcomes();
        double[] weights = context.getParameters();
        for (int j = 0; j < to.length; j++) {
            out[to[j]] = weights[j];
        }
        return out;
    }

    /** The shared dense row of a known context; null for an unknown one. */
    private double[] row(Context context) {
        return context == null ? null : rows.computeIfAbsent(context, this::dense);
    }

    private void classBigrams(Word left, Word right) {
        if (!classBigramsKnown[left.wordClass][right.wordClass]) {
            String pair = wordClassNames.get(left.wordClass) + "," + wordClassNames.get(right.wordClass);
            classBigramBefore[left.wordClass][right.wordClass] = row(parameters.get("pwc,wc=" + pair));
            classBigramAfter[left.wordClass][right.wordClass] = row(parameters.get("wc,nc=" + pair));
            classBigramsKnown[left.wordClass][right.wordClass] = true;
        }
    }

    private Word word(String text) {
        Word known = words.get(text);
        if (known != null) {
            return known;
        }
        Word computed = compute(text);
        if (words.size() >= capacity) {
            words.clear();
            pairs.clear();
        }
        words.put(text, computed);
        return computed;
    }

    private Word compute(String text) {
        one[0] = text;
        double[][][] windowed = new double[2 * SLOTS][][];
        AdaptiveFeatureGenerator[] windowedGenerators = {tokenClass, token};
        for (int g = 0; g < 2; g++) {
            scratch.clear();
            windowedGenerators[g].createFeatures(scratch, one, 0, null);
            windowed[g * SLOTS] = resolve(scratch, "");
            for (int k = 1; k <= PREVIOUS_WORDS; k++) {
                windowed[g * SLOTS + k] = resolve(scratch, "p" + k);
            }
            for (int k = 1; k <= NEXT_WORDS; k++) {
                windowed[g * SLOTS + PREVIOUS_WORDS + k] = resolve(scratch, "n" + k);
            }
        }
        scratch.clear();
        prefix.createFeatures(scratch, one, 0, null);
        suffix.createFeatures(scratch, one, 0, null);
        double[][] affixes = resolve(scratch, "");
        int wordClass = wordClassId(FeatureGeneratorUtil.tokenFeature(text));
        Context[] previousWord = new Context[none + 1];
        for (int s = 0; s <= none; s++) {
            previousWord[s] = parameters.get("pow=" + stateName(s) + "," + text);
        }
        return new Word(wordClass, windowed, affixes, previousWord);
    }

    private int wordClassId(String wordClass) {
        Integer id = wordClassIds.get(wordClass);
        if (id != null) {
            return id;
        }
        int next = wordClassNames.size();
        if (next == MAX_WORD_CLASSES) {
            // FeatureGeneratorUtil has a fixed, small set of classes; more means a changed OpenNLP.
            throw new IllegalStateException("more than " + MAX_WORD_CLASSES + " token classes");
        }
        Context[] row = new Context[none + 1];
        for (int s = 0; s <= none; s++) {
            row[s] = parameters.get("powf=" + stateName(s) + "," + wordClass);
        }
        previousClassFeature[next] = row;
        wordClassIds.put(wordClass, next);
        wordClassNames.add(wordClass);
        return next;
    }

    private String stateName(int state) {
        return state == none ? ExactBeamNameDecoder.BEFORE_START : outcomes[state];
    }

    /** The rows of the known contexts of the features, each with {@code windowPrefix} before it, in order. */
    private double[][] resolve(List<String> features, String windowPrefix) {
        List<double[]> known = new ArrayList<>(features.size());
        for (String f : features) {
            Context c = parameters.get(windowPrefix + f);
            if (c != null) {
                known.add(row(c));
            }
        }
        return known.toArray(new double[0][]);
    }

    /** The descriptor's elements, attributes and texts, without comments or layout. */
    static String canonical(byte[] descriptor) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setIgnoringComments(true);
            Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(descriptor)).getDocumentElement();
            StringBuilder out = new StringBuilder();
            canonical(root, out);
            return out.toString();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return "unreadable descriptor: " + e.getMessage();
        }
    }

    private static void canonical(Element element, StringBuilder out) {
        out.append('<').append(element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        Map<String, String> sorted = new TreeMap<>();
        for (int a = 0; a < attributes.getLength(); a++) {
            sorted.put(attributes.item(a).getNodeName(), attributes.item(a).getNodeValue());
        }
        sorted.forEach((k, v) -> out.append(' ').append(k).append("=\"").append(v).append('"'));
        out.append('>');
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                canonical(e, out);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                out.append(child.getNodeValue().strip());
            }
        }
        out.append("</").append(element.getTagName()).append('>');
    }

    /** What one word contributes wherever it is: the model's contexts of its word-local features. */
    static final class Word {
        /** Id of FeatureGeneratorUtil.tokenFeature(word). */
        private final int wordClass;
        /** Rows of the known contexts by windowed generator and slot: the word itself, then p1, p2, then n1, n2. */
        private final double[][][] windowed;
        private final double[][] affixes;
        /** {@code pow=<state>,<word>} by previous state. */
        private final Context[] previousWord;

        private Word(int wordClass, double[][][] windowed, double[][] affixes, Context[] previousWord) {
            this.wordClass = wordClass;
            this.windowed = windowed;
            this.affixes = affixes;
            this.previousWord = previousWord;
        }
    }

    /** A sentence's tokens with their words and previous-map states (outcome id, or none). */
    record Prepared(String[] tokens, Word[] words, int[] previousMapStates, double[][][] bigrams) {
    }

    /** Two adjacent words, by identity: one Word per distinct text while the memo holds it. */
    private record WordPair(Word left, Word right) {
    }

    /** Sentences of a made-up document that reach every generator: edges, repeats, classes, punctuation. */
    private static final class ProbeText {
        static final List<String[]> SENTENCES = List.of(
                "Mia Ali ( 7 ) visited Stroud High School with her mum on 12/03/2024 .".split(" "),
                "Mia said Ali 's dad , Lee DUNN , rang 07700 900418 from GL5 3AB .".split(" "),
                "SW and DSL agreed : Mia Ali to be seen weekly by Dr. Patel at Gloucester Royal Hospital .".split(" "),
                new String[] {"Mia"},
                "The police were called . Mia was upset ; mum , dad and Ali were there .".split(" "));
    }
}

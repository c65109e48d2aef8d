package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The semantic stage: finds the sentences of a note that say one of the concepts in other words
 * than the catalogue's phrases. A sentence is a candidate for a concept when it holds one of the
 * concept's cue words (a cheap lexical pre-filter: most sentences are never embedded); a candidate
 * sentence is embedded once and compared with every candidate concept's exemplars; at or above the
 * concept's threshold it is a {@link ConceptMatch}, anchored on its cue words so that the context
 * analyser judges it like a lexical hit (every cue word is judged; any negation, hypothesis, history
 * or doubt on one of them applies, as for the phrases of a proximity match).
 *
 * <p>Thread-safe: exemplars are embedded once, lazily; sentence vectors are cached by text (at most
 * {@value #CACHE_LIMIT}, then the cache starts afresh), since notes repeat sentences.
 */
public final class ConceptTagger {

    static final int CACHE_LIMIT = 100_000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'&-]*|[%£]");
    /** Longer sentences are cut for the model (its window is 256 word pieces; a sentence that long is rare). */
    private static final int MAX_SENTENCE_CHARS = 600;
    /** Cue words per concept and sentence whose context is judged (the most qualified wins). */
    static final int MAX_ANCHORS = 4;

    /** Words of a sentence judged for context when it holds no cue word of the concept (classifier matches). */
    static final int MAX_SENTENCE_ANCHORS = 12;

    private final ConceptCatalogue catalogue;
    private final SentenceEncoder encoder;
    private final ConcernClassifier classifier;
    private final ContextHead contextHead;
    private final ConcurrentHashMap<String, float[]> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder embedded = new java.util.concurrent.atomic.LongAdder();
    private volatile List<float[][]> exemplarVectors;

    /** Recognises concepts by nearest-exemplar similarity and the concepts' thresholds. */
    public ConceptTagger(ConceptCatalogue catalogue, SentenceEncoder encoder) {
        this(catalogue, encoder, null);
    }

    /**
     * @param classifier the trained heads that decide a match (ADR 0018); null: nearest-exemplar similarity
     *                   and the concepts' thresholds decide (ADR 0014)
     */
    public ConceptTagger(ConceptCatalogue catalogue, SentenceEncoder encoder, ConcernClassifier classifier) {
        this(catalogue, encoder, classifier, null);
    }

    /**
     * @param contextHead the trained context head that reads each classifier match's sentence (ADR 0021); null: the
     *                    rule-based context alone judges matches
     */
    public ConceptTagger(ConceptCatalogue catalogue, SentenceEncoder encoder, ConcernClassifier classifier, ContextHead contextHead) {
        this.catalogue = catalogue;
        this.encoder = encoder;
        this.classifier = classifier;
        this.contextHead = contextHead;
    }

    /** The shipped concepts with the model their file names, and the shipped classifier and context head when there are. */
    public static ConceptTagger loadDefault() {
        ConceptCatalogue catalogue = ConceptCatalogue.loadDefault();
        return new ConceptTagger(catalogue, new MiniLmSentenceEncoder(catalogue.variant()),
                ConcernClassifier.loadDefault(catalogue).orElse(null), ContextHead.loadDefault().orElse(null));
    }

    /** The context head reading classifier matches, or null. */
    public ContextHead contextHead() {
        return contextHead;
    }

    /** How many sentences this tagger has embedded (cache misses), for benchmarks. */
    public long embeddedSentences() {
        return embedded.sum();
    }

    /** The classifier deciding matches, or null when exemplar similarity does. */
    public ConcernClassifier classifier() {
        return classifier;
    }

    public ConceptCatalogue catalogue() {
        return catalogue;
    }

    /** A candidate sentence's nearest exemplar for one concept, whatever the threshold (for calibration). */
    public record Candidate(Concept concept, int start, int end, int anchorStart, int anchorEnd, String exemplar, double similarity,
                            double background, List<Integer> anchors) {

        /** At or above the concept's threshold and nearer to it than to ordinary notes. */
        public boolean matches() {
            return similarity >= concept.threshold() && similarity > background;
        }


        public ConceptMatch match() {
            return new ConceptMatch(concept.id(), concept.indicator(), start, end, anchorStart, anchorEnd, exemplar, similarity, anchors);
        }
    }

    /** The concept matches of a text, in sentence order, at most one per concept and sentence. */
    public List<ConceptMatch> tag(String text) {
        if (classifier != null) {
            return classified(text);
        }
        List<ConceptMatch> matches = new ArrayList<>();
        for (Candidate candidate : candidates(text)) {
            if (candidate.matches()) {
                matches.add(candidate.match());
            }
        }
        return matches;
    }

    /** Every candidate (a sentence cued for a concept) with its nearest exemplar and similarity. */
    public List<Candidate> candidates(String text) {
        List<Candidate> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        List<Concept> concepts = catalogue.concepts();
        List<float[][]> exemplars = exemplarVectors();
        float[][] background = exemplars.getLast();
        for (int[] sentence : sentences(text)) {
            int start = sentence[0];
            int end = sentence[1];
            List<List<Integer>> anchors = anchors(text, start, end, concepts);
            float[] vector = null;
            float backgroundSimilarity = -2f;
            for (int c = 0; c < concepts.size(); c++) {
                if (anchors.get(c) == null) {
                    continue;
                }
                if (vector == null) {
                    vector = vector(text.substring(start, Math.min(end, start + MAX_SENTENCE_CHARS)).strip());
                    backgroundSimilarity = -2f;
                    for (float[] row : background) {
                        backgroundSimilarity = Math.max(backgroundSimilarity, SentenceEncoder.dot(vector, row));
                    }
                }
                Nearest nearest = Nearest.of(vector, exemplars.get(c));
                int best = nearest.index();
                float bestSimilarity = nearest.similarity();
                Concept concept = concepts.get(c);
                List<Integer> cueSpans = anchors.get(c);
                out.add(new Candidate(concept, start, trimEnd(text, start, end), cueSpans.get(0), cueSpans.get(1),
                        concept.exemplars().get(best), bestSimilarity, backgroundSimilarity, List.copyOf(cueSpans)));
            }
        }
        return out;
    }

    /**
     * The classifier's matches. Word heads (ADR 0044, {@link ConcernClassifier#readsWords}) read each sentence that passes the
     * gate as its {@link WordFeatures} and embed nothing; a word match's explanation names the sentence's words that pushed its
     * head's score up most. Otherwise each sentence that passes the gate is embedded (the uncached ones of a
     * text in one call) and every head judges it (with the gate {@code anchors}, every head holding one of the
     * sentence's word stems as an anchor: a cheap pass over the words decides what is embedded at all); a match's context is judged at the concept's cue words
     * in the sentence, else at the sentence's words ({@link #contextAnchors}); its explanation is the
     * probability and the concept's nearest exemplar.
     */
    private List<ConceptMatch> classified(String text) {
        List<ConceptMatch> matches = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return matches;
        }
        List<Concept> concepts = catalogue.concepts();
        List<int[]> sentences = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        List<Set<String>> stems = new ArrayList<>();
        for (int[] sentence : sentences(text)) {
            int start = sentence[0];
            int trimmed = trimEnd(text, start, sentence[1]);
            if (start >= trimmed) {
                continue;
            }
            Set<String> sentenceStems = classifier.gatedByAnchors() ? ConcernClassifier.stems(text, start, trimmed) : null;
            if (sentenceStems != null ? classifier.anchoredByAny(sentenceStems) : embeddable(text, start, trimmed, concepts)) {
                sentences.add(new int[] {start, trimmed});
                strings.add(text.substring(start, Math.min(trimmed, start + MAX_SENTENCE_CHARS)).strip());
                stems.add(sentenceStems);
            }
        }
        if (sentences.isEmpty()) {
            return matches;
        }
        // word heads (ADR 0044) read the sentence's word features: nothing is embedded
        List<float[]> vectors = classifier.readsWords() ? null : vectors(strings);
        List<float[][]> exemplars = null;
        for (int s = 0; s < sentences.size(); s++) {
            int start = sentences.get(s)[0];
            int end = sentences.get(s)[1];
            float[] vector = vectors == null ? null : vectors.get(s);
            Set<String> features = vectors == null ? WordFeatures.of(text, start, end) : null;
            ContextHead.Judgement judgement = null;
            for (ConcernClassifier.Head head : classifier.heads()) {
                if (stems.get(s) != null && !head.anchoredBy(stems.get(s))) {
                    continue; // the gate anchors: this head judges only sentences holding one of its own anchors
                }
                double p = vector != null ? head.probability(vector) : head.probability(features);
                if (p < head.threshold()) {
                    continue;
                }
                List<String> reasons = List.of();
                if (features != null) {
                    reasons = head.reasons(features, 3).stream().map(f -> WordFeatures.surface(text, start, end, f)).toList();
                    if (reasons.isEmpty()) {
                        continue; // a word head's match needs a word of the sentence for it, to show as the reason
                    }
                }
                int c = indexOf(concepts, head.concept());
                Concept concept = concepts.get(c);
                String exemplar = "";
                double similarity = Double.NaN;
                if (vector != null) {
                    if (exemplars == null) {
                        exemplars = exemplarVectors();
                    }
                    Nearest nearest = Nearest.of(vector, exemplars.get(c));
                    exemplar = concept.exemplars().get(nearest.index());
                    similarity = nearest.similarity();
                }
                List<Integer> anchors = contextAnchors(text, start, end, concept);
                if (contextHead != null && judgement == null) {
                    judgement = contextHead.judge(strings.get(s));
                }
                matches.add(new ConceptMatch(concept.id(), concept.indicator(), start, end, anchors.get(0), anchors.get(1),
                        exemplar, similarity, anchors, p, judgement, reasons));
            }
        }
        return matches;
    }

    private boolean embeddable(String text, int start, int end, List<Concept> concepts) {
        if (classifier.gatedByCues()) {
            for (List<Integer> spans : anchors(text, start, end, concepts)) {
                if (spans != null) {
                    return true;
                }
            }
            return false;
        }
        int letters = 0;
        for (int i = start; i < end && letters < ConcernClassifier.MIN_LETTERS; i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        return letters >= ConcernClassifier.MIN_LETTERS;
    }

    private static int indexOf(List<Concept> concepts, String id) {
        for (int c = 0; c < concepts.size(); c++) {
            if (concepts.get(c).id().equals(id)) {
                return c;
            }
        }
        throw new IllegalStateException("no concept " + id);
    }

    /**
     * The words whose context decides a match of {@code concept} in the sentence [start, end): its cue
     * words (at most {@value #MAX_ANCHORS}), else the sentence's words of three letters or more (at most
     * {@value #MAX_SENTENCE_ANCHORS}), so that a negation, hypothesis, history or doubt anywhere in a
     * sentence the classifier recognised without a cue word still applies. Start, end pairs.
     */
    public static List<Integer> contextAnchors(String text, int start, int end, Concept concept) {
        List<Integer> cued = anchors(text, start, end, List.of(concept)).getFirst();
        if (cued != null) {
            return List.copyOf(cued);
        }
        List<Integer> spans = new ArrayList<>();
        Matcher word = WORD.matcher(text).region(start, end);
        while (word.find() && spans.size() < 2 * MAX_SENTENCE_ANCHORS) {
            if (word.end() - word.start() >= 3) {
                spans.add(word.start());
                spans.add(word.end());
            }
        }
        if (spans.isEmpty()) {
            spans.add(start);
            spans.add(end);
        }
        return List.copyOf(spans);
    }

    /** Whether some sentence of {@code text} holds a cue word of one of {@code concepts} (the {@code cues} gate). */
    public static boolean cuedByAny(String text, List<Concept> concepts) {
        for (List<Integer> spans : anchors(text, 0, text.length(), concepts)) {
            if (spans != null) {
                return true;
            }
        }
        return false;
    }

    /** Per concept, its cue words in the sentence as start, end pairs (at most {@value #MAX_ANCHORS}), or null. */
    private static List<List<Integer>> anchors(String text, int start, int end, List<Concept> concepts) {
        List<List<Integer>> anchors = new ArrayList<>(Collections.nCopies(concepts.size(), null));
        Matcher word = WORD.matcher(text).region(start, end);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            for (int c = 0; c < concepts.size(); c++) {
                if (concepts.get(c).cuedBy(lower)) {
                    List<Integer> spans = anchors.get(c);
                    if (spans == null) {
                        spans = new ArrayList<>(2 * MAX_ANCHORS);
                        anchors.set(c, spans);
                    }
                    if (spans.size() < 2 * MAX_ANCHORS) {
                        spans.add(word.start());
                        spans.add(word.end());
                    }
                }
            }
        }
        return anchors;
    }

    /** Where the stage's sentence starting at {@code from} ends (for reports counting sentences). */
    public static int sentenceEndOf(String text, int from) {
        return sentenceEnd(text, from);
    }

    /** Just after the sentence that starts at {@code from}: a line break, or . ! ? followed by a space. */
    /** The sentences of a text as {start, end}: start after leading white space, end as {@link #sentenceEnd} gives it; empty ones left out. */
    private static List<int[]> sentences(String text) {
        List<int[]> out = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = sentenceEnd(text, at);
            int start = at;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            if (start < end) {
                out.add(new int[] {start, end});
            }
            at = end;
        }
        return out;
    }

    static int sentenceEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i + 1;
            }
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
            i++;
        }
        return text.length();
    }

    private static int trimEnd(String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private float[] vector(String sentence) {
        float[] cached = cache.get(sentence);
        if (cached != null) {
            return cached;
        }
        float[] vector = encoder.encode(List.of(sentence)).getFirst();
        embedded.increment();
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(sentence, vector);
        return vector;
    }

    /** The vectors of several sentences: cached ones from the cache, the others encoded in one call. */
    private List<float[]> vectors(List<String> sentences) {
        float[][] out = new float[sentences.size()][];
        List<String> missing = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            out[i] = cache.get(sentences.get(i));
            if (out[i] == null) {
                missing.add(sentences.get(i));
                where.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<float[]> encoded = encoder.encode(missing);
            embedded.add(missing.size());
            if (cache.size() + missing.size() > CACHE_LIMIT) {
                cache.clear();
            }
            for (int m = 0; m < missing.size(); m++) {
                out[where.get(m)] = encoded.get(m);
                cache.put(missing.get(m), encoded.get(m));
            }
        }
        return Arrays.asList(out);
    }

    private List<float[][]> exemplarVectors() {
        List<float[][]> loaded = exemplarVectors;
        if (loaded == null) {
            synchronized (this) {
                loaded = exemplarVectors;
                if (loaded == null) {
                    List<float[][]> rows = new ArrayList<>();
                    for (Concept concept : catalogue.concepts()) {
                        rows.add(encoder.encode(concept.exemplars()).toArray(new float[0][]));
                    }
                    // last: the ordinary sentences every candidate must beat
                    rows.add(encoder.encode(catalogue.background()).toArray(new float[0][]));
                    loaded = List.copyOf(rows);
                    exemplarVectors = loaded;
                }
            }
        }
        return loaded;
    }

    /**
     * Stores matches on an event: {@code concepts} (the sorted concept ids, read by the indicators'
     * stored queries) and {@code concept_matches} (the explanation, read when a hit is built).
     * Nothing is written when there are none, so events without a match are unchanged.
     */
    public static void attach(ObjectNode event, List<ConceptMatch> matches) {
        if (matches.isEmpty()) {
            return;
        }
        ArrayNode ids = event.putArray("concepts");
        new TreeSet<>(matches.stream().map(ConceptMatch::concept).toList()).forEach(ids::add);
        ArrayNode array = event.putArray("concept_matches");
        matches.forEach(m -> array.add(m.toJson()));
    }

    /** The matches stored on an event for one indicator (the inverse of {@link #attach}). */
    public static List<ConceptMatch> matchesFor(JsonNode event, String indicatorId) {
        List<ConceptMatch> out = new ArrayList<>();
        for (JsonNode node : event.path("concept_matches")) {
            if (indicatorId.equals(node.path("indicator").asText())) {
                out.add(ConceptMatch.fromJson(node));
            }
        }
        return out;
    }

    /** The exemplar row nearest a sentence vector (first of equals), and its cosine (-2 when there are none). */
    private record Nearest(int index, float similarity) {
        static Nearest of(float[] vector, float[][] rows) {
            int best = 0;
            float bestSimilarity = -2f;
            for (int e = 0; e < rows.length; e++) {
                float similarity = SentenceEncoder.dot(vector, rows[e]);
                if (similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    best = e;
                }
            }
            return new Nearest(best, bestSimilarity);
        }
    }
}

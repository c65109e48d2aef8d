package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trained context head (ADR 0021): a linear classifier over a sentence's words and word pairs that
 * says whether the sentence states a concern as a present fact or qualifies it (denied, an outcome
 * that found nothing, resolved, in the past, in doubt, or only a possibility), for the qualifiers of
 * other writers that the rule-based {@code ContextAnalyzer} has no trigger for ("screening completed:
 * no concerns identified", "mental health is stable", "self-harmed in 2012 but not since").
 *
 * <p>Five logistic heads share the features: {@code qualified} (any non-affirmed context) decides,
 * at or above {@link #threshold}; the other four ({@code negated}, {@code hypothetical},
 * {@code historical}, {@code uncertain}) name the context, the most probable one wins. The head only
 * ever discounts a match the rules would count at full weight, and it says why: the label, the
 * probability and the word features that pushed hardest towards "qualified" ({@link Judgement#explanation}).
 *
 * <p>Read from {@value #DEFAULT}, written by the tools module's {@code ContextHeadTrainer} from
 * development data only; validated at load (labels, finite weights, threshold in (0,1), provenance
 * with SHA-256). Immutable and thread-safe.
 *
 * @param threshold  probability of {@code qualified} at or above which a sentence is judged qualified
 * @param bias       per head, in {@link #HEADS} order
 * @param vocabulary feature (a word, two words joined by a space, {@code <year>} for 1900-2099, {@code <?>}
 *                   for a sentence ending in a question mark) to its weight per head
 */
public record ContextHead(ConcernClassifier.Provenance provenance, double threshold, double[] bias,
                          Map<String, float[]> vocabulary) {

    public static final String DEFAULT = "nlp-models/context-head.json";
    /** The heads in file order: the deciding one first, then the four labels. */
    public static final List<String> HEADS = List.of("qualified", "negated", "hypothetical", "historical", "uncertain");
    private static final Set<String> KEYS = Set.of("provenance", "threshold", "heads", "bias", "vocabulary");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}£%]+(?:'[\\p{L}]+)?");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;

    public ContextHead {
        Objects.requireNonNull(provenance, "provenance");
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1 (exclusive), was " + threshold);
        }
        if (bias.length != HEADS.size()) {
            throw new IllegalArgumentException("bias needs " + HEADS.size() + " values");
        }
        bias = bias.clone();
        Map<String, float[]> copy = new HashMap<>();
        vocabulary.forEach((k, v) -> {
            if (v.length != HEADS.size()) {
                throw new IllegalArgumentException("feature '" + k + "' needs " + HEADS.size() + " weights");
            }
            copy.put(k, v.clone());
        });
        vocabulary = Map.copyOf(copy);
    }

    /**
     * The head's reading of one sentence.
     *
     * @param label       {@code affirmed} or one of the four labels of {@link #HEADS}
     * @param probability of {@code qualified}
     * @param cues        the features that pushed hardest towards "qualified" (at most three), for the explanation
     */
    public record Judgement(String label, double probability, List<String> cues) {
        public Judgement {
            cues = List.copyOf(cues);
        }

        public boolean qualified() {
            return !label.equals("affirmed");
        }

        /** e.g. {@code context head: negated p=0.83 ("denies", "no concerns")}. */
        public String explanation() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "context head: %s p=%.2f", label, probability));
            if (!cues.isEmpty()) {
                out.append(" (");
                for (int i = 0; i < cues.size(); i++) {
                    out.append(i == 0 ? "" : ", ").append('"').append(cues.get(i)).append('"');
                }
                out.append(')');
            }
            return out.toString();
        }
    }

    /** The features of a sentence: lower-cased words and adjacent pairs, years as {@code <year>}, {@code <?>} at a final "?". */
    public static Set<String> features(String sentence) {
        Set<String> out = new LinkedHashSet<>();
        String previous = null;
        for (String word : tokens(sentence)) {
            out.add(word);
            if (previous != null) {
                out.add(previous + " " + word);
            }
            previous = word;
        }
        if (sentence.strip().endsWith("?")) {
            out.add("<?>");
        }
        return out;
    }

    /** Per head, the raw score of the features (bias + weights / sqrt(feature count)). */
    public double[] scores(Set<String> features) {
        return scores(features, Set.of());
    }

    /** As {@link #scores(Set)}, without the weights of {@code left} (still counted in the scale). */
    private double[] scores(Set<String> features, Set<String> left) {
        double[] z = bias.clone();
        double scale = features.isEmpty() ? 0 : 1 / Math.sqrt(features.size());
        for (String f : features) {
            float[] w = left.contains(f) ? null : vocabulary.get(f);
            if (w != null) {
                for (int h = 0; h < z.length; h++) {
                    z[h] += w[h] * scale;
                }
            }
        }
        return z;
    }

    /** The probability that the sentence is qualified. */
    public double probability(String sentence) {
        return sigmoid(scores(features(sentence))[0]);
    }

    /** Reads one sentence: affirmed below the threshold, else the most probable of the four labels, with its reasons. */
    public Judgement judge(String sentence) {
        return judge(sentence, Set.of());
    }

    /**
     * Reads the sentence of a hit whose matched words are {@code hitWords} (lower-cased, {@link #words}): the hit's own
     * words never argue for discounting it, so a feature made only of them ("not completed" in the phrase "review not
     * completed") that pushes towards "qualified" is left out of the score, and the sentence is judged qualified only
     * when a cue of its own remains (a feature outside the hit pushing towards "qualified"): the explanation names it.
     * Other features, and the feature count that scales them, are as trained.
     *
     * @param hitWords the matched words (empty: the whole sentence is read, as for a semantic match)
     */
    public Judgement judge(String sentence, Set<String> hitWords) {
        Set<String> features = features(sentence);
        Set<String> own = new LinkedHashSet<>();
        for (String f : features) {
            if (!hitWords.isEmpty() && hitWords.containsAll(List.of(f.split(" ")))
                    && vocabulary.containsKey(f) && vocabulary.get(f)[0] > 0) {
                own.add(f);
            }
        }
        double[] z = scores(features, own);
        double p = sigmoid(z[0]);
        List<String> cues = features.stream().filter(f -> !own.contains(f) && vocabulary.containsKey(f) && vocabulary.get(f)[0] > 0)
                .sorted(Comparator.<String>comparingDouble(f -> -vocabulary.get(f)[0]).thenComparing(Comparator.naturalOrder()))
                .limit(3).toList();
        if (p < threshold || cues.isEmpty()) {
            return new Judgement("affirmed", p, List.of());
        }
        int best = 1;
        for (int h = 2; h < HEADS.size(); h++) {
            if (z[h] > z[best]) {
                best = h;
            }
        }
        return new Judgement(HEADS.get(best), p, cues);
    }

    /** The lower-cased words of a text as {@link #features} reads them (a year as {@code <year>}), e.g. a hit's matched words. */
    public static Set<String> words(String text) {
        return new LinkedHashSet<>(tokens(text));
    }

    /** The lower-cased words in order, a year 1900-2099 as {@code <year>}. */
    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(YEAR.matcher(m.group()).matches() ? "<year>" : m.group());
        }
        return out;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** The shipped head; empty when the file is absent. */
    public static Optional<ContextHead> loadDefault() {
        try (InputStream in = ContextHead.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            return in == null ? Optional.empty() : Optional.of(parse(in, DEFAULT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates a head file; a bad file fails with the file and the problem. */
    public static ContextHead parse(InputStream in, String file) throws IOException {
        JsonNode root = ModelFile.readObject(in, file, KEYS);
        List<String> heads = new ArrayList<>();
        root.path("heads").forEach(h -> heads.add(h.asText()));
        if (!heads.equals(HEADS)) {
            throw new IllegalArgumentException(file + ": heads must be " + HEADS + ", were " + heads);
        }
        double threshold = root.path("threshold").asDouble(-1);
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException(file + ": threshold must be between 0 and 1 (exclusive)");
        }
        double[] bias = numbers(root.path("bias"), file + ": bias");
        Map<String, float[]> vocabulary = new HashMap<>();
        if (!root.path("vocabulary").isObject() || root.path("vocabulary").isEmpty()) {
            throw new IllegalArgumentException(file + ": a non-empty object 'vocabulary' is required");
        }
        root.path("vocabulary").fields().forEachRemaining(e -> {
            double[] w = numbers(e.getValue(), file + ": feature '" + e.getKey() + "'");
            float[] f = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                f[i] = (float) w[i];
            }
            vocabulary.put(e.getKey(), f);
        });
        return new ContextHead(ConcernClassifier.Provenance.read(root.path("provenance"), file), threshold, bias, vocabulary);
    }

    private static double[] numbers(JsonNode node, String where) {
        if (!node.isArray() || node.size() != HEADS.size()) {
            throw new IllegalArgumentException(where + " needs " + HEADS.size() + " numbers");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            if (!node.get(i).isNumber() || !Double.isFinite(node.get(i).asDouble())) {
                throw new IllegalArgumentException(where + ": value " + i + " is not a finite number");
            }
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    /** Writes the file {@link #parse} reads (features sorted, weights to 5 significant digits). */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        provenance.write(root.putObject("provenance"));
        root.put("threshold", Math.round(threshold * 100) / 100.0);
        ArrayNode heads = root.putArray("heads");
        HEADS.forEach(heads::add);
        ArrayNode b = root.putArray("bias");
        for (double x : bias) {
            b.add(round(x));
        }
        ObjectNode v = root.putObject("vocabulary");
        new TreeMap<>(vocabulary).forEach((k, w) -> {
            ArrayNode row = v.putArray(k);
            for (float x : w) {
                row.add(round(x));
            }
        });
        Files.writeString(file, JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    }

    private static double round(double x) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.5g", x));
    }
}

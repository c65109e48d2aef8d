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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A trained classifier over the sentence embeddings (ADR 0018): one logistic-regression head per
 * concept of {@code mappings/semantic/concepts.yaml}, with the probability threshold chosen by
 * cross-validation on the development data. Read from {@value #DEFAULT}, written by the tools
 * module's {@code ConcernClassifierTrainer} (the file records its training command, corpora with
 * their SHA-256 and the date), validated at load against the concept catalogue: a bad file fails
 * with the file and the problem. Immutable and thread-safe.
 *
 * @param model      the sentence-embedding model the heads were trained on (must be the catalogue's)
 * @param gate       which sentences are embedded: {@code cues} (only those holding a cue word of some
 *                   concept), {@code all} (every sentence with at least {@value #MIN_LETTERS} letters) or
 *                   {@code anchors} (only those holding an anchor of some head, and a head judges only a sentence
 *                   holding one of its own anchors: {@link Head#anchors})
 * @param provenance how the file was made (command, date, corpora and hashes, cross-validated figures)
 * @param features   what a head reads (ADR 0044): {@value #EMBEDDING} (the sentence vector of {@code model}: each head has
 *                   {@value #DIMENSIONS} weights) or {@value #WORDS} (the sentence's {@link WordFeatures}: each head has a sparse
 *                   weight per feature, {@link Head#words}; nothing is embedded, {@code model} is {@link WordFeatures#MODEL})
 */
public record ConcernClassifier(String model, String gate, Provenance provenance, List<Head> heads, String features) {

    public static final String DEFAULT = "nlp-models/concern-classifier.json";
    public static final int DIMENSIONS = 384;
    /** {@link #features}: the heads read the sentence vector. */
    public static final String EMBEDDING = "embedding";
    /** {@link #features}: the heads read the sentence's word stems and stem pairs ({@link WordFeatures}). */
    public static final String WORDS = "words";
    /**
     * The file format this class writes: 2 (ADR 0044) adds {@code version} and {@code features} and the heads' {@code words};
     * a file without {@code version} is format 1 (heads over the embedding only).
     */
    public static final int VERSION = 2;
    private static final Set<String> FEATURES = Set.of(EMBEDDING, WORDS);
    static final int MIN_LETTERS = 12;
    private static final Set<String> GATES = Set.of("cues", "all", "anchors");
    /** An anchor is a word's first {@value} characters (the whole word when shorter), lower-cased: {@link #stems}. */
    public static final int ANCHOR_CHARS = WordFeatures.STEM_CHARS;
    private static final Set<String> KEYS = Set.of("version", "features", "model", "gate", "provenance", "heads");
    private static final Set<String> HEAD_KEYS = Set.of("concept", "bias", "threshold", "weights", "anchors", "words");
    private static final ObjectMapper JSON = org.tessera.indexer.opensearch.EngineJson.MAPPER;

    /** How and from what the file was trained. */
    public record Provenance(String command, String trained, List<String> corpora, String notes) {
        public Provenance {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(trained, "trained");
            corpora = List.copyOf(corpora);
            notes = notes == null ? "" : notes;
        }

        /** Reads a model file's {@code provenance} object: command, trained (date) and corpora ("FILE sha256:<64 hex>") required. */
        public static Provenance read(JsonNode p, String file) {
            if (p.path("command").asText("").isBlank() || p.path("trained").asText("").isBlank() || !p.path("corpora").isArray()
                    || p.path("corpora").isEmpty()) {
                throw new IllegalArgumentException(file + ": provenance needs command, trained (date) and corpora (file and SHA-256)");
            }
            List<String> corpora = new ArrayList<>();
            for (JsonNode c : p.path("corpora")) {
                if (!c.asText("").matches(".+ sha256:[0-9a-f]{64}.*")) {
                    throw new IllegalArgumentException(file + ": provenance corpus '" + c.asText() + "' must read 'FILE sha256:<64 hex>'");
                }
                corpora.add(c.asText());
            }
            return new Provenance(p.path("command").asText(), p.path("trained").asText(), corpora, p.path("notes").asText(""));
        }

        /** Writes what {@link #read} reads into {@code node}. */
        public void write(ObjectNode node) {
            node.put("command", command);
            node.put("trained", trained);
            ArrayNode list = node.putArray("corpora");
            corpora.forEach(list::add);
            node.put("notes", notes);
        }
    }

    /**
     * One concept's head: {@code p = sigmoid(bias + weights . v)}; a sentence is the concept's at {@code p >= threshold}.
     *
     * @param anchors with the gate {@code anchors}: the word stems ({@link #stems}) of which a sentence must hold one before
     *                this head judges it (learned from the training corpora: words that say this concern, not routine text);
     *                empty: every embedded sentence is judged
     * @param words   a word head's weights ({@link ConcernClassifier#WORDS}): per {@link WordFeatures} feature; empty for a head
     *                over the embedding (whose {@code weights} are then the vector's)
     */
    public record Head(String concept, double bias, float[] weights, double threshold, Set<String> anchors, Map<String, Float> words) {
        public Head {
            Objects.requireNonNull(concept, "concept");
            weights = weights.clone();
            anchors = Set.copyOf(anchors);
            words = Map.copyOf(words);
        }

        /** A head over the embedding. */
        public Head(String concept, double bias, float[] weights, double threshold, Set<String> anchors) {
            this(concept, bias, weights, threshold, anchors, Map.of());
        }

        /** A head over the embedding that judges every embedded sentence (no anchors). */
        public Head(String concept, double bias, float[] weights, double threshold) {
            this(concept, bias, weights, threshold, Set.of());
        }

        /** A word head ({@link ConcernClassifier#WORDS}). */
        public static Head ofWords(String concept, double bias, Map<String, Float> words, double threshold, Set<String> anchors) {
            return new Head(concept, bias, new float[0], threshold, anchors, words);
        }

        public double probability(float[] vector) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
                z += weights[i] * vector[i];
            }
            return 1.0 / (1.0 + Math.exp(-z));
        }

        /** A word head's probability for a sentence of these {@link WordFeatures}: {@code sigmoid(bias + sum of the features' weights)}. */
        public double probability(Set<String> features) {
            return 1.0 / (1.0 + Math.exp(-score(words, bias, features)));
        }

        /** The features that pushed this head's score up most (at most {@code limit}, strongest first): a word match's reasons. */
        public List<String> reasons(Set<String> features, int limit) {
            return features.stream().filter(f -> words.getOrDefault(f, 0f) > 0)
                    .sorted(Comparator.<String>comparingDouble(f -> -words.get(f)).thenComparing(Comparator.naturalOrder()))
                    .limit(limit).toList();
        }

        /** Whether a sentence whose {@link #stems} are {@code stems} may be judged by this head: it has no anchors, or holds one. */
        public boolean anchoredBy(Set<String> stems) {
            return anchors.isEmpty() || holdsAny(stems, anchors);
        }
    }

    /** Whether {@code stems} (a sentence's, {@link #stems}) hold one of {@code anchors}. */
    public static boolean holdsAny(Set<String> stems, Set<String> anchors) {
        for (String stem : stems) {
            if (anchors.contains(stem)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The anchor stems of {@code text[start, end)}: each word (letters and digits, with inner {@code ' & -}) lower-cased, a
     * final {@code 's} dropped, cut to its first {@value #ANCHOR_CHARS} characters. Cheap: one pass, no model.
     */
    public static Set<String> stems(String text, int start, int end) {
        return new HashSet<>(WordFeatures.stems(text, start, end));
    }

    /** {@code bias + sum of weights[f]}: a linear score over sparse binary features (a feature without a weight adds 0). */
    public static double score(Map<String, Float> weights, double bias, Set<String> features) {
        double z = bias;
        for (String f : features) {
            Float w = weights.get(f);
            if (w != null) {
                z += w;
            }
        }
        return z;
    }

    /** Whether a sentence with these stems is embedded under the gate {@code anchors}: some head holds one as an anchor. */
    public boolean anchoredByAny(Set<String> stems) {
        for (Head head : heads) {
            if (!head.anchors().isEmpty() && head.anchoredBy(stems)) {
                return true;
            }
        }
        return false;
    }

    public ConcernClassifier {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provenance, "provenance");
        heads = List.copyOf(heads);
        if (!GATES.contains(gate)) {
            throw new IllegalArgumentException("gate must be one of " + GATES + ", was '" + gate + "'");
        }
        if (!FEATURES.contains(features)) {
            throw new IllegalArgumentException("features must be one of " + FEATURES + ", was '" + features + "'");
        }
    }

    /** Heads over the embedding ({@value #EMBEDDING}). */
    public ConcernClassifier(String model, String gate, Provenance provenance, List<Head> heads) {
        this(model, gate, provenance, heads, EMBEDDING);
    }

    /** Whether the heads read words ({@value #WORDS}): no sentence is embedded. */
    public boolean readsWords() {
        return features.equals(WORDS);
    }

    /** The same heads under another gate. */
    public ConcernClassifier withGate(String gate) {
        return new ConcernClassifier(model, gate, provenance, heads, features);
    }

    public boolean gatedByCues() {
        return gate.equals("cues");
    }

    /** Whether only sentences holding a head's anchor are embedded and judged by it (the gate {@code anchors}). */
    public boolean gatedByAnchors() {
        return gate.equals("anchors");
    }

    /** The shipped classifier, checked against the shipped concepts; empty when the file is absent. */
    public static Optional<ConcernClassifier> loadDefault(ConceptCatalogue catalogue) {
        try (InputStream in = ConcernClassifier.class.getClassLoader().getResourceAsStream(DEFAULT)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(parse(in, DEFAULT, catalogue));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and validates a classifier file: the model must be the catalogue's and every head must name one of its concepts. */
    public static ConcernClassifier parse(InputStream in, String file, ConceptCatalogue catalogue) throws IOException {
        JsonNode root = ModelFile.readObject(in, file, KEYS);
        JsonNode version = root.path("version");
        if (!version.isMissingNode() && !(version.isInt() && version.asInt() >= 1 && version.asInt() <= VERSION)) {
            throw new IllegalArgumentException(file + ": version must be 1 to " + VERSION + ", was " + version);
        }
        String features = root.path("features").asText(EMBEDDING);
        if (root.has("features") && version.isMissingNode()) {
            throw new IllegalArgumentException(file + ": 'features' needs version " + VERSION);
        }
        if (!FEATURES.contains(features)) {
            throw new IllegalArgumentException(file + ": features must be one of " + FEATURES + ", was '" + features + "'");
        }
        boolean words = features.equals(WORDS);
        String model = root.path("model").asText("");
        String expected = words ? WordFeatures.MODEL : catalogue.model();
        if (!model.equals(expected)) {
            throw new IllegalArgumentException(file + ": trained on model '" + model + "' but " + (words ? "word heads read '"
                    : "the concepts use '") + expected + "'");
        }
        String gate = root.path("gate").asText("");
        if (!GATES.contains(gate)) {
            throw new IllegalArgumentException(file + ": gate must be one of " + GATES + ", was '" + gate + "'");
        }
        Provenance provenance = Provenance.read(root.path("provenance"), file);
        Set<String> known = new HashSet<>();
        catalogue.concepts().forEach(c -> known.add(c.id()));
        Set<String> seen = new HashSet<>();
        List<Head> heads = new ArrayList<>();
        if (!root.path("heads").isArray() || root.path("heads").isEmpty()) {
            throw new IllegalArgumentException(file + ": a non-empty list 'heads' is required");
        }
        for (JsonNode node : root.path("heads")) {
            String concept = node.path("concept").asText("");
            String where = file + ": head " + concept + ": ";
            node.fieldNames().forEachRemaining(key -> {
                if (!HEAD_KEYS.contains(key)) {
                    throw new IllegalArgumentException(where + "unknown key '" + key + "'");
                }
            });
            if (!known.contains(concept)) {
                throw new IllegalArgumentException(where + "no such concept in " + ConceptCatalogue.DEFAULT);
            }
            if (!seen.add(concept)) {
                throw new IllegalArgumentException(where + "duplicate head");
            }
            double threshold = node.path("threshold").asDouble(-1);
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException(where + "threshold must be between 0 and 1 (exclusive)");
            }
            double bias = node.path("bias").asDouble(Double.NaN);
            if (!node.path("bias").isNumber() || !Double.isFinite(bias)) {
                throw new IllegalArgumentException(where + "needs a finite bias");
            }
            float[] weights = words ? new float[0] : vectorWeights(node.path("weights"), where);
            Map<String, Float> wordWeights = words ? wordWeights(node, where) : Map.of();
            if (!words && node.has("words")) {
                throw new IllegalArgumentException(where + "'words' belong to a file of features '" + WORDS + "'");
            }
            Set<String> anchors = new HashSet<>();
            JsonNode a = node.path("anchors");
            if (!a.isMissingNode() && !a.isArray()) {
                throw new IllegalArgumentException(where + "anchors must be a list of word stems");
            }
            for (JsonNode stem : a) {
                String text = stem.asText("");
                if (!stem.isTextual() || text.isEmpty() || text.length() > ANCHOR_CHARS || !text.equals(text.toLowerCase(Locale.ROOT))
                        || text.chars().anyMatch(Character::isWhitespace)) {
                    throw new IllegalArgumentException(where + "anchor '" + text + "' must be a lower-case word stem of 1 to "
                            + ANCHOR_CHARS + " characters");
                }
                anchors.add(text);
            }
            if (gate.equals("anchors") && anchors.isEmpty()) {
                throw new IllegalArgumentException(where + "the gate 'anchors' needs a non-empty list 'anchors' on every head");
            }
            heads.add(new Head(concept, bias, weights, threshold, anchors, wordWeights));
        }
        return new ConcernClassifier(model, gate, provenance, heads, features);
    }

    private static float[] vectorWeights(JsonNode w, String where) {
        if (!w.isArray() || w.size() != DIMENSIONS) {
            throw new IllegalArgumentException(where + "needs a finite bias and " + DIMENSIONS + " weights, found " + w.size());
        }
        float[] weights = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            double value = w.get(i).asDouble(Double.NaN);
            if (!w.get(i).isNumber() || !Double.isFinite(value)) {
                throw new IllegalArgumentException(where + "weight " + i + " is not a finite number");
            }
            weights[i] = (float) value;
        }
        return weights;
    }

    /** A word head's {@code words}: a non-empty object of {@link WordFeatures} features to finite weights, and no {@code weights}. */
    private static Map<String, Float> wordWeights(JsonNode node, String where) {
        if (node.has("weights")) {
            throw new IllegalArgumentException(where + "a word head has 'words', not 'weights'");
        }
        JsonNode w = node.path("words");
        if (!w.isObject() || w.isEmpty()) {
            throw new IllegalArgumentException(where + "a word head needs a non-empty object 'words' (feature to weight)");
        }
        Map<String, Float> out = new HashMap<>();
        for (var e : w.properties()) {
            if (!WordFeatures.valid(e.getKey())) {
                throw new IllegalArgumentException(where + "word feature '" + e.getKey() + "' is not one or two lower-case stems of 1 to "
                        + WordFeatures.STEM_CHARS + " characters");
            }
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                throw new IllegalArgumentException(where + "word feature '" + e.getKey() + "' has no finite weight");
            }
            out.put(e.getKey(), (float) e.getValue().asDouble());
        }
        return out;
    }

    /** Writes the file {@link #parse} reads (weights to 6 significant digits). */
    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("features", features);
        root.put("model", model);
        root.put("gate", gate);
        provenance.write(root.putObject("provenance"));
        ArrayNode array = root.putArray("heads");
        for (Head head : heads) {
            ObjectNode node = array.addObject();
            node.put("concept", head.concept());
            node.put("bias", round(head.bias()));
            node.put("threshold", Math.round(head.threshold() * 100) / 100.0);
            if (!head.anchors().isEmpty()) {
                ArrayNode a = node.putArray("anchors");
                new TreeSet<>(head.anchors()).forEach(a::add);
            }
            if (readsWords()) {
                ObjectNode w = node.putObject("words");
                new TreeMap<>(head.words()).forEach((f, x) -> w.put(f, round(x)));
            } else {
                ArrayNode w = node.putArray("weights");
                for (float x : head.weights()) {
                    w.add(round(x));
                }
            }
        }
        Files.writeString(file, JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
    }

    private static double round(double x) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6g", x));
    }
}

package org.tessera.indexer.scoring;

import org.tessera.indexer.indicators.Severity;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every number of the risk model, loaded from {@code mappings/scoring.yaml}; the meaning and the
 * reasons for each default are in {@code docs/scoring.md}. A bad file fails fast with the file
 * name and every problem found.
 *
 * @param weightFrom          where a hit's raw weight comes from: the severity table here, or the hit's own weight
 * @param severityWeights     raw weight per severity
 * @param halfLifeDays        default half-life per severity (an indicator's own half-life wins)
 * @param repeatFactor        r: the k-th strongest hit of the same indicator counts r^(k-1)
 * @param householdFactor     multiplier for hits that reach the child through a household adult
 * @param householdBackfillDays how long before the first record placing a child in a household it is assumed to have lived there
 * @param maxAgeDays          hits older than this at the as-of date are left out entirely
 * @param breadth             the bonus for several agencies seeing concerns
 * @param bands               score thresholds of the amber and red bands
 * @param velocityWindowDays  N in velocity = (score now - score N days ago) * 30 / N
 * @param watchlist           defaults of the watchlist
 * @param contextWeights      the factor on a counting hit said historically or with uncertainty (evidence, but weaker)
 */
public record ScoringParameters(
        WeightSource weightFrom,
        Map<Severity, Double> severityWeights,
        Map<Severity, Double> halfLifeDays,
        double repeatFactor,
        double householdFactor,
        int householdBackfillDays,
        int maxAgeDays,
        Breadth breadth,
        Bands bands,
        int velocityWindowDays,
        Watchlist watchlist,
        ContextWeights contextWeights) {

    public static final String CLASSPATH_FILE = "mappings/scoring.yaml";

    /** Where a hit's raw weight comes from. */
    public enum WeightSource { SEVERITY, HIT }

    /**
     * @param windowDays     only counting hits this recent make an agency "seeing" the child
     * @param perExtraAgency multiplier added per agency beyond the first
     * @param maxMultiplier  cap of the multiplier
     */
    public record Breadth(int windowDays, double perExtraAgency, double maxMultiplier) {
        public Breadth {
            require(windowDays > 0, "breadth.window_days must be positive");
            require(perExtraAgency >= 0, "breadth.per_extra_agency must not be negative");
            require(maxMultiplier >= 1, "breadth.max_multiplier must be at least 1");
        }

        public double multiplier(int agencies) {
            return Math.min(maxMultiplier, 1 + perExtraAgency * Math.max(0, agencies - 1));
        }
    }

    public record Bands(double amber, double red) {
        public Bands {
            require(amber > 0, "bands.amber must be positive");
            require(red > amber, "bands.red must be above bands.amber");
        }
    }

    /**
     * @param periodDays  default period of the watchlist: a listed child has new counting evidence within it
     * @param minConcerns distinct live concerns (within the breadth window) that make an amber or
     *                    red child's picture cumulative: the watchlist's first section
     * @param minConcernPoints points a concern must still be worth to be live: old, decayed
     *                    concerns are history, not part of the current picture
     * @param minRise     for the second section (amber or red with fewer concerns): the smallest rise
     *                    over the period that lists a child who did not enter its band within it
     */
    public record Watchlist(int periodDays, int minConcerns, double minConcernPoints, double minRise) {
        public Watchlist {
            require(periodDays > 0, "watchlist.period_days must be positive");
            require(minConcerns >= 1, "watchlist.min_concerns must be at least 1");
            require(minConcernPoints >= 0, "watchlist.min_concern_points must not be negative");
            require(minRise > 0, "watchlist.min_rise must be positive");
        }
    }

    /**
     * The factor on a counting hit whose context is historical ("in 2019", "previously") or uncertain
     * ("possible", "allegation", "?"): such a hit stays visible as evidence and scores at this fraction
     * of its weight; with both labels the smaller factor applies.
     */
    public record ContextWeights(double historical, double uncertain) {
        public static final ContextWeights NONE = new ContextWeights(1.0, 1.0);

        public ContextWeights {
            require(historical >= 0 && historical <= 1, "context_weights.historical must be in [0, 1]");
            require(uncertain >= 0 && uncertain <= 1, "context_weights.uncertain must be in [0, 1]");
        }

        /** @param labels a hit's context labels, comma-separated as stored ({@code "uncertain,historical"}); null is affirmed */
        public double factor(String labels) {
            if (labels == null || labels.isEmpty()) {
                return 1.0;
            }
            double factor = 1.0;
            for (String label : labels.split(",")) {
                switch (label.strip()) {
                    case "historical" -> factor = Math.min(factor, historical);
                    case "uncertain" -> factor = Math.min(factor, uncertain);
                    default -> { }
                }
            }
            return factor;
        }
    }

    public ScoringParameters {
        require(weightFrom != null, "weight_from is required");
        severityWeights = complete(severityWeights, "severity_weights");
        halfLifeDays = complete(halfLifeDays, "half_life_days");
        require(repeatFactor > 0 && repeatFactor <= 1, "repeat_factor must be in (0, 1]");
        require(householdFactor >= 0 && householdFactor <= 1, "household_factor must be in [0, 1]");
        require(householdBackfillDays >= 0, "household_backfill_days must not be negative");
        require(maxAgeDays > 0, "max_age_days must be positive");
        require(breadth != null && bands != null && watchlist != null, "breadth, bands and watchlist are required");
        require(velocityWindowDays > 0, "velocity_window_days must be positive");
        contextWeights = contextWeights == null ? ContextWeights.NONE : contextWeights;
    }

    /** The defaults documented in {@code docs/scoring.md}, identical to the shipped {@code mappings/scoring.yaml}. */
    public static ScoringParameters defaults() {
        return new ScoringParameters(WeightSource.SEVERITY,
                Map.of(Severity.LOW, 1.5, Severity.MEDIUM, 4.0, Severity.HIGH, 10.0),
                Map.of(Severity.LOW, 90.0, Severity.MEDIUM, 180.0, Severity.HIGH, 365.0),
                0.5, 0.5, 180, 1095,
                new Breadth(365, 0.25, 2.0),
                new Bands(5.0, 10.0),
                30,
                new Watchlist(90, 3, 0.75, 2.0),
                new ContextWeights(0.5, 0.5));
    }

    public double weight(Severity severity) {
        return severityWeights.get(severity);
    }

    public double halfLife(Severity severity) {
        return halfLifeDays.get(severity);
    }

    /** Reads the shipped {@code mappings/scoring.yaml} from the classpath. */
    public static ScoringParameters loadDefault() {
        try (InputStream in = ScoringParameters.class.getClassLoader().getResourceAsStream(CLASSPATH_FILE)) {
            if (in == null) {
                throw new IllegalStateException("scoring parameters " + CLASSPATH_FILE + " not on the classpath");
            }
            return parse(in.readAllBytes(), "classpath:" + CLASSPATH_FILE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CLASSPATH_FILE + ": " + e.getMessage(), e);
        }
    }

    public static ScoringParameters load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read scoring parameters " + file + ": " + e.getMessage(), e);
        }
    }

    private static final Set<String> KEYS = Set.of("weight_from", "severity_weights", "half_life_days", "repeat_factor",
            "household_factor", "household_backfill_days", "max_age_days", "breadth", "bands", "velocity_window_days", "watchlist",
            "context_weights");
    private static final Map<String, Set<String>> SECTION_KEYS = Map.of(
            "breadth", Set.of("window_days", "per_extra_agency", "max_multiplier"),
            "bands", Set.of("amber", "red"),
            "watchlist", Set.of("period_days", "min_concerns", "min_concern_points", "min_rise"),
            "context_weights", Set.of("historical", "uncertain"));

    /** Parses YAML; missing keys take the defaults, unknown keys and invalid values are errors naming {@code origin}. */
    static ScoringParameters parse(byte[] yaml, String origin) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException("scoring parameters " + origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException("scoring parameters " + origin + ": expected a mapping at the top level");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                problems.add("unknown key '" + name + "'");
            } else if (SECTION_KEYS.containsKey(name) && root.get(name).isObject()) {
                for (Iterator<String> keys = root.get(name).fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!SECTION_KEYS.get(name).contains(key)) {
                        problems.add("unknown key '" + name + "." + key + "' (allowed: " + new java.util.TreeSet<>(SECTION_KEYS.get(name)) + ")");
                    }
                }
            }
        }
        ScoringParameters d = defaults();
        Reader r = new Reader(root, problems);
        WeightSource weightFrom = r.text("weight_from").map(v -> {
            try {
                return WeightSource.valueOf(v.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("weight_from must be severity or hit, was '" + v + "'");
                return d.weightFrom();
            }
        }).orElse(d.weightFrom());
        Map<Severity, Double> weights = r.severityMap("severity_weights", d.severityWeights());
        Map<Severity, Double> halfLives = r.severityMap("half_life_days", d.halfLifeDays());
        double repeat = r.number("repeat_factor", d.repeatFactor());
        double household = r.number("household_factor", d.householdFactor());
        int backfill = (int) r.number("household_backfill_days", d.householdBackfillDays());
        int maxAge = (int) r.number("max_age_days", d.maxAgeDays());
        int velocity = (int) r.number("velocity_window_days", d.velocityWindowDays());
        double windowDays = r.number("breadth.window_days", d.breadth().windowDays());
        double perAgency = r.number("breadth.per_extra_agency", d.breadth().perExtraAgency());
        double maxMultiplier = r.number("breadth.max_multiplier", d.breadth().maxMultiplier());
        double amber = r.number("bands.amber", d.bands().amber());
        double red = r.number("bands.red", d.bands().red());
        double period = r.number("watchlist.period_days", d.watchlist().periodDays());
        double minConcerns = r.number("watchlist.min_concerns", d.watchlist().minConcerns());
        double minConcernPoints = r.number("watchlist.min_concern_points", d.watchlist().minConcernPoints());
        double minRise = r.number("watchlist.min_rise", d.watchlist().minRise());
        double historical = r.number("context_weights.historical", d.contextWeights().historical());
        double uncertain = r.number("context_weights.uncertain", d.contextWeights().uncertain());
        if (problems.isEmpty()) {
            try {
                return new ScoringParameters(weightFrom, weights, halfLives, repeat, household, backfill, maxAge,
                        new Breadth((int) windowDays, perAgency, maxMultiplier), new Bands(amber, red), velocity,
                        new Watchlist((int) period, (int) minConcerns, minConcernPoints, minRise),
                        new ContextWeights(historical, uncertain));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalStateException("scoring parameters " + origin + ": " + String.join("; ", problems));
    }

    private record Reader(JsonNode root, List<String> problems) {
        java.util.Optional<String> text(String path) {
            JsonNode node = at(path);
            return node == null ? java.util.Optional.empty() : java.util.Optional.of(node.asText());
        }

        double number(String path, double fallback) {
            JsonNode node = at(path);
            if (node == null) {
                return fallback;
            }
            if (!node.isNumber()) {
                problems.add(path + " must be a number, was '" + node.asText() + "'");
                return fallback;
            }
            return node.asDouble();
        }

        Map<Severity, Double> severityMap(String path, Map<Severity, Double> fallback) {
            JsonNode node = at(path);
            if (node == null) {
                return fallback;
            }
            Map<Severity, Double> values = new EnumMap<>(fallback);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                var severity = Severity.read(field.getKey());
                if (severity.isEmpty()) {
                    problems.add(path + ": unknown severity '" + field.getKey() + "'");
                } else if (!field.getValue().isNumber() || !(field.getValue().asDouble() > 0)) {
                    problems.add(path + "." + field.getKey() + " must be a positive number");
                } else {
                    values.put(severity.get(), field.getValue().asDouble());
                }
            }
            return values;
        }

        private JsonNode at(String path) {
            JsonNode node = root;
            for (String part : path.split("\\.")) {
                node = node.get(part);
                if (node == null || node.isNull()) {
                    return null;
                }
            }
            return node;
        }
    }

    private static Map<Severity, Double> complete(Map<Severity, Double> values, String name) {
        require(values != null, name + " is required");
        for (Severity severity : Severity.values()) {
            Double value = values.get(severity);
            require(value != null && value > 0, name + "." + severity.label() + " must be a positive number");
        }
        return Map.copyOf(values);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}

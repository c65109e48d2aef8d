package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fellegi-Sunter parameters: prior match rate lambda among candidate pairs and, per comparison
 * level, m = P(level | match) and u = P(level | non-match). Match weight of a pair is
 * log2(lambda/(1-lambda)) + sum of log2(m/u) over its levels; the null level adds nothing.
 * Immutable and thread-safe.
 */
public final class MatchModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MatchModel.class);
    private static final double FLOOR = 1e-9;
    /** A level no match was seen at still happens sometimes (data-entry errors): cap its evidence. */
    private static final double M_FLOOR = 1e-4;

    private final double lambda;
    private final double[][] m;
    private final double[][] u;
    private final int iterations;
    /** Bits to take off a pattern for agreements that are one fact, by {@link #householdMask} (see {@link #dependence}). */
    private final double[] dependence;
    /** Whether the data has households (see {@link #households()}). */
    private final boolean households;
    /** Whether the candidate pairs show the data has none (see {@link #withoutHouseholds()}). */
    private final boolean withoutHouseholds;

    MatchModel(double lambda, double[][] m, double[][] u, int iterations) {
        this(lambda, m, u, iterations, new double[8]);
    }

    MatchModel(double lambda, double[][] m, double[][] u, int iterations, double[] dependence) {
        this(lambda, m, u, iterations, dependence, anyDependence(dependence));
    }

    MatchModel(double lambda, double[][] m, double[][] u, int iterations, double[] dependence, boolean households) {
        this(lambda, m, u, iterations, dependence, households, false);
    }

    MatchModel(double lambda, double[][] m, double[][] u, int iterations, double[] dependence, boolean households, boolean withoutHouseholds) {
        this.lambda = lambda;
        this.m = deepCopy(m);
        this.u = deepCopy(u);
        this.iterations = iterations;
        this.dependence = dependence.clone();
        this.households = households;
        this.withoutHouseholds = withoutHouseholds && !households;
    }

    private static boolean anyDependence(double[] dependence) {
        return Arrays.stream(dependence).anyMatch(d -> d > 0);
    }

    /** One level's parameters, for reports. */
    public record Level(String comparison, String level, double m, double u, double log2BayesFactor) {}

    public double lambda() { return lambda; }

    /** The parameters as JSON (for {@link LinkageParameters}). */
    com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var json = org.tessera.indexer.opensearch.EngineJson.MAPPER;
        var n = json.createObjectNode();
        n.put("lambda", lambda).put("iterations", iterations);
        n.set("m", json.valueToTree(m));
        n.set("u", json.valueToTree(u));
        n.set("dependence", json.valueToTree(dependence));
        n.put("households", households);
        n.put("without_households", withoutHouseholds);
        return n;
    }

    static MatchModel fromJson(com.fasterxml.jackson.databind.JsonNode n) {
        var json = org.tessera.indexer.opensearch.EngineJson.MAPPER;
        try {
            double[] dependence = json.treeToValue(n.path("dependence"), double[].class);
            // Models stored before the household test of candidate pairs (ADR 0045) read households from the dependence.
            boolean households = n.has("households") ? n.path("households").asBoolean() : anyDependence(dependence);
            // Models stored before ADR 0052 did not record it: they keep the auto-match threshold they were used with.
            boolean without = n.path("without_households").asBoolean(false);
            return new MatchModel(n.path("lambda").asDouble(), json.treeToValue(n.path("m"), double[][].class),
                    json.treeToValue(n.path("u"), double[][].class), n.path("iterations").asInt(), dependence, households, without);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("stored linkage model unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public int iterations() { return iterations; }

    public List<Level> levels() {
        List<Level> out = new ArrayList<>();
        for (int c = 0; c < Comparisons.COUNT; c++) {
            List<String> names = Comparisons.LEVELS.get(c);
            for (int l = 1; l < names.size(); l++) {
                out.add(new Level(Comparisons.NAMES.get(c), names.get(l), m[c][l], u[c][l], log2(m[c][l] / u[c][l])));
            }
        }
        return out;
    }

    double u(int comparison, int level) { return u[comparison][level]; }

    public double weight(int pattern) {
        double w = log2(lambda / (1 - lambda));
        for (int c = 0; c < Comparisons.COUNT; c++) {
            int l = Comparisons.level(pattern, c);
            if (l != 0) w += log2(m[c][l] / u[c][l]);
        }
        return w - dependence[householdMask(pattern)];
    }

    /** The correction, in bits, of each combination of family name, address and postcode agreeing ({@link #householdMask}). */
    public double[] dependence() { return dependence.clone(); }

    /**
     * Whether the data has households: siblings, parents and twins share a family name, an
     * address and a postcode. True when the random pairs show a {@link #dependence} between the
     * three, or when the candidate pairs do ({@link #householdTest}): a county reads as households
     * by the second (its random pairs almost never share an address), FEBRL and the no-household
     * sets by neither. Where it is false, u is counted among non-matches and a wide pair whose
     * given names differ may still be weighed (ADR 0045); where it is true, the twin check applies.
     */
    public boolean households() { return households; }

    /**
     * Whether the candidate pairs <em>show</em> that the data has no households (ADR 0052): no households by
     * {@link #households()}, and at least {@link #WITHOUT_HOUSEHOLDS_MIN_PAIRS} pairs of the household test's kind
     * (family name, address and postcode agreeing, given names and dates of birth present) to read it from. Records
     * of independent people (FEBRL, issue #18's sets "C" and "F") show it; a small input that cannot tell, with
     * none or a few such pairs, does not. Where it is true the linker merges from
     * {@link LinkageSettings#autoMatchWithoutHouseholds()}.
     */
    public boolean withoutHouseholds() { return withoutHouseholds; }

    /** Pairs the household test must have read before the data shows it has no households (see {@link #withoutHouseholds()}). */
    static final long WITHOUT_HOUSEHOLDS_MIN_PAIRS = 100;

    static final int ADDRESS = 4;

    /**
     * Which of family name (bit 0: any agreeing level), address (bit 1: tokens_0.8) and postcode
     * (bit 2: exact or one edit) agree in a pattern: the agreements a household shares.
     */
    static int householdMask(int pattern) {
        int family = Comparisons.level(pattern, FAMILY);
        int mask = family >= 1 && family <= 6 ? 1 : 0;
        if (Comparisons.level(pattern, ADDRESS) == 1) mask |= 2;
        int postcode = Comparisons.level(pattern, POSTCODE);
        if (postcode == 1 || postcode == 4) mask |= 4; // a mistyped postcode is still the household's
        return mask;
    }

    /** Random pairs a combination must be seen in before its dependence is believed. */
    static final int DEPENDENCE_MIN_PAIRS = 5;

    /**
     * The household correction. Fellegi-Sunter adds the evidence of each comparison as if they
     * were independent among non-matches; family name, address and postcode are not: people of one
     * household share all three, and one address has one postcode. Two siblings (or a parent and
     * child) would then score family, address and postcode as three rare coincidences, and twins
     * with a shared date of birth look like one person whose first name was mistyped.
     *
     * <p>From the random pairs that are different people for certain (first names and dates of
     * birth present and unrelated, identifiers not close: household members among them), for each combination S of these agreements seen at least
     * {@link #DEPENDENCE_MIN_PAIRS} times: correction(S) = log2(P(all of S) / product of P(each)),
     * at least 0. Where the fields are independent (FEBRL draws address and postcode apart) the
     * combination is never seen and nothing changes; where households share them (the county),
     * the shared address counts once.
     */
    static double[] dependence(Map<Integer, Long> randomPatterns) {
        double total = 0;
        double[] single = new double[3];
        double[] joint = new double[8];
        for (var e : randomPatterns.entrySet()) {
            // Different people for certain: first names and dates of birth both present and unrelated,
            // identifiers not close (a random pair of one person's records would inflate the joint).
            int given = Comparisons.level(e.getKey(), GIVEN), dob = Comparisons.level(e.getKey(), DOB), id = Comparisons.level(e.getKey(), IDENTIFIER);
            if (given != Comparisons.LEVELS.get(GIVEN).size() - 1 || dob != Comparisons.LEVELS.get(DOB).size() - 1 || id == 1 || id == 2) continue;
            double n = e.getValue();
            total += n;
            int mask = householdMask(e.getKey());
            for (int b = 0; b < 3; b++) if ((mask & (1 << b)) != 0) single[b] += n;
            for (int s = 3; s < 8; s++) if (Integer.bitCount(s) >= 2 && (mask & s) == s) joint[s] += n;
        }
        // Counts only: what the household test saw (joint below DEPENDENCE_MIN_PAIRS reads as no households).
        LOG.debug("household dependence: {} random pairs of different people, single {} joint {}", (long) total,
                Arrays.toString(single), Arrays.toString(joint));
        double[] out = new double[8];
        if (total == 0) return out;
        for (int s = 3; s < 8; s++) {
            if (Integer.bitCount(s) < 2 || joint[s] < DEPENDENCE_MIN_PAIRS) continue;
            double product = 1;
            for (int b = 0; b < 3; b++) if ((s & (1 << b)) != 0) product *= single[b] / total;
            out[s] = Math.max(0, log2((joint[s] / total) / product));
        }
        return out;
    }

    /**
     * The household test on the candidate pairs (ADR 0045). Among the pairs of the six rules that
     * agree on family name, address and postcode (what a household shares), with both given names
     * and both dates of birth present and no reference agreeing or one keystroke out: how often the
     * given names are unrelated ("else"), how often the dates of birth are, and how often both are.
     * Where records are corrupted copies of independent people (FEBRL, the no-household sets), a
     * replaced given name and a replaced date of birth are two corruptions and come together about
     * as often as chance has it: the odds ratio is near 1 (a heavily corrupted record loses several
     * fields, so somewhat above). Where households exist, a sister or a parent differs in both at
     * once and the odds ratio is far above 1. Unlike the dependence on random pairs, this needs no
     * random pair to share an address by chance, which at county scale almost none does (1 or 2 of
     * 128,000 surely different random pairs on the 40,000-children county, history 14.7).
     *
     * @param both      pairs whose given names and dates of birth are both unrelated
     * @param givenOnly pairs whose given names alone are unrelated
     * @param birthOnly pairs whose dates of birth alone are unrelated
     * @param neither   pairs where neither is
     */
    record HouseholdTest(long both, long givenOnly, long birthOnly, long neither) {
        /** Odds ratio of unrelated given name and unrelated date of birth, each cell plus one half. */
        double oddsRatio() {
            return (both + 0.5) * (neither + 0.5) / ((givenOnly + 0.5) * (birthOnly + 0.5));
        }

        /** At least {@link #DEPENDENCE_MIN_PAIRS} pairs differ in both, and the odds ratio is at least {@link #HOUSEHOLD_ODDS_RATIO}. */
        boolean households() {
            return both >= DEPENDENCE_MIN_PAIRS && oddsRatio() >= HOUSEHOLD_ODDS_RATIO;
        }

        /**
         * The upper end of the odds ratio's 95 % confidence interval (log odds ratio plus 1.96 standard errors, each cell
         * plus one half): how strong a household association the pairs read cannot rule out.
         */
        double oddsRatioUpperBound() {
            double se = Math.sqrt(1 / (both + 0.5) + 1 / (givenOnly + 0.5) + 1 / (birthOnly + 0.5) + 1 / (neither + 0.5));
            return oddsRatio() * Math.exp(1.96 * se);
        }

        /**
         * The pairs rule households out (session 18): at least {@link #WITHOUT_HOUSEHOLDS_MIN_PAIRS} were read, and even
         * the upper end of the odds ratio's confidence interval is below {@link #NO_HOUSEHOLD_ODDS_RATIO}, far under the
         * {@link #HOUSEHOLD_ODDS_RATIO} a household shows. A random-pair dependence is then not believed: a few random pairs
         * that agree on address and postcode with given names and dates of birth both unrelated are, in such data, copies of
         * one person corrupted in both fields (seen on development splits), not a household.
         */
        boolean rulesOutHouseholds() {
            return pairs() >= WITHOUT_HOUSEHOLDS_MIN_PAIRS && oddsRatioUpperBound() < NO_HOUSEHOLD_ODDS_RATIO;
        }

        /** Pairs the test read (the four cells). */
        long pairs() {
            return both + givenOnly + birthOnly + neither;
        }

        @Override
        public String toString() {
            return String.format("household test on candidate pairs agreeing on family name, address and postcode: "
                    + "given name and date of birth both unrelated %d, given name only %d, date of birth only %d, neither %d; "
                    + "odds ratio %.1f -> households %b", both, givenOnly, birthOnly, neither, oddsRatio(), households());
        }
    }

    /** The odds ratio from which the candidate pairs show households (see {@link HouseholdTest}). */
    static final double HOUSEHOLD_ODDS_RATIO = 10;

    /** The odds ratio the upper end of whose confidence interval must stay below for the candidate pairs to rule households out. */
    static final double NO_HOUSEHOLD_ODDS_RATIO = 3;

    static HouseholdTest householdTest(Map<Integer, Long> candidatePatterns) {
        int givenElse = Comparisons.LEVELS.get(GIVEN).size() - 1, dobElse = Comparisons.LEVELS.get(DOB).size() - 1;
        long both = 0, givenOnly = 0, birthOnly = 0, neither = 0;
        for (var e : candidatePatterns.entrySet()) {
            int p = e.getKey(), given = Comparisons.level(p, GIVEN), dob = Comparisons.level(p, DOB), id = Comparisons.level(p, IDENTIFIER);
            if (householdMask(p) != 7 || given == 0 || dob == 0 || id == 1 || id == 2) continue;
            long n = e.getValue();
            if (given == givenElse && dob == dobElse) both += n;
            else if (given == givenElse) givenOnly += n;
            else if (dob == dobElse) birthOnly += n;
            else neither += n;
        }
        return new HouseholdTest(both, givenOnly, birthOnly, neither);
    }

    /** The match weight (log2 odds) of a probability: the inverse of {@link #probability(double)}. */
    public static double weightOf(double probability) {
        return Math.log(probability / (1 - probability)) / Math.log(2);
    }

    public static double probability(double weight) {
        double b = Math.pow(2, weight);
        return Double.isInfinite(b) ? 1.0 : b / (1 + b);
    }

    static Map<String, String> explain(int pattern) {
        Map<String, String> out = new HashMap<>();
        for (int c = 0; c < Comparisons.COUNT; c++) {
            out.put(Comparisons.NAMES.get(c), Comparisons.LEVELS.get(c).get(Comparisons.level(pattern, c)));
        }
        return out;
    }

    /**
     * A training session: the candidate pairs whose pattern passes {@code filter} (a tight rule, so
     * matches are a fair share of them), and the comparisons that rule fixes (not estimated there).
     */
    record Session(String name, java.util.function.IntPredicate filter, Set<Integer> blockedComparisons) {}

    static final int GIVEN = 0, FAMILY = 1, DOB = 2, POSTCODE = 3, GENDER = 5, IDENTIFIER = 6;

    /** Splink-style sessions: each comparison is estimated in at least two of them. */
    static final List<Session> SESSIONS = List.of(
            new Session("same date of birth", p -> Comparisons.level(p, DOB) == 1, Set.of(DOB)),
            new Session("same given and family name", p -> Comparisons.level(p, GIVEN) == 1 && Comparisons.level(p, FAMILY) == 1, Set.of(GIVEN, FAMILY)),
            new Session("same postcode and given name", p -> Comparisons.level(p, POSTCODE) == 1 && Comparisons.level(p, GIVEN) == 1, Set.of(POSTCODE, GIVEN)),
            new Session("same other identifier", p -> Comparisons.level(p, IDENTIFIER) == 1, Set.of(IDENTIFIER)));

    /** High-precision agreement used only to start EM near the match component. */
    private static boolean strongAgreement(int p, Set<Integer> blocked) {
        int agree = 0;
        if (!blocked.contains(GIVEN) && Comparisons.level(p, GIVEN) >= 1 && Comparisons.level(p, GIVEN) <= 4) agree++;
        if (!blocked.contains(FAMILY) && Comparisons.level(p, FAMILY) >= 1 && Comparisons.level(p, FAMILY) <= 4) agree++;
        if (!blocked.contains(DOB) && Comparisons.level(p, DOB) >= 1 && Comparisons.level(p, DOB) <= 2) agree++;
        if (!blocked.contains(POSTCODE) && Comparisons.level(p, POSTCODE) == 1) agree++;
        if (!blocked.contains(IDENTIFIER) && Comparisons.level(p, IDENTIFIER) == 1) agree++;
        return agree >= 2;
    }

    /**
     * Estimates the model the way Splink does, so that weights mean the same thing:
     * <ul>
     *   <li>u from random pairs (almost all non-matches);</li>
     *   <li>m by expectation-maximisation over the pairs of one blocking rule at a time, with u
     *       fixed, leaving out the comparisons the rule forces to agree (their distribution in
     *       that session says nothing about matches); each comparison's m is the mean over the
     *       sessions that estimated it;</li>
     *   <li>the prior: the expected share of matches among all pairs (fixed point over the
     *       candidates, pairs outside blocking counted as non-matches).</li>
     * </ul>
     * Counts per distinct pattern, so cost does not grow with the number of pairs.
     */
    /** How many random pairs the reference prior for u is worth. */
    static final double PRIOR_PAIRS = 1000;

    /**
     * Reference u for a comparison: in a population, two random people rarely agree on a name,
     * date of birth, postcode or identifier (each agreeing level 0.5-1 %, the rest "else"); gender
     * agrees half the time.
     */
    static double[] priorU(int comparison, int levels) {
        double[] prior = new double[levels];
        if (Comparisons.NAMES.get(comparison).equals("gender")) {
            for (int l = 1; l < levels; l++) prior[l] = 1.0 / (levels - 1);
            return prior;
        }
        double agreeing = 0;
        for (int l = 1; l < levels - 1; l++) {
            prior[l] = l == 1 ? 0.005 : 0.01;
            agreeing += prior[l];
        }
        prior[levels - 1] = 1 - agreeing;
        return prior;
    }

    static MatchModel fit(Map<Integer, Long> candidatePatterns, Map<Integer, Long> randomPatterns,
                          double totalPairs, int maxIterations) {
        int C = Comparisons.COUNT;
        double[][] m = new double[C][];
        double[][] u = new double[C][];
        for (int c = 0; c < C; c++) {
            int L = Comparisons.LEVELS.get(c).size();
            m[c] = new double[L];
            u[c] = new double[L];
            double[] uc = new double[L];
            for (var e : randomPatterns.entrySet()) uc[Comparisons.level(e.getKey(), c)] += e.getValue();
            double total = 0;
            for (int l = 1; l < L; l++) total += uc[l];
            // Random pairs from a small input are few and full of true matches (four records of one
            // child among ten), so u is blended with a reference prior worth PRIOR_PAIRS pairs; the
            // data speaks for at most as many pairs as the input really has.
            double evidence = Math.min(total, totalPairs);
            double scale = total == 0 ? 0 : evidence / total;
            double[] prior = priorU(c, L);
            for (int l = 1; l < L; l++) {
                u[c][l] = clamp((uc[l] * scale + PRIOR_PAIRS * prior[l]) / (evidence + PRIOR_PAIRS));
                // Starting m: most matches agree exactly, the rest spread over the weaker levels.
                m[c][l] = l == 1 ? 0.85 : 0.15 / (L - 2);
            }
        }
        double[][] mSum = new double[C][];
        int[] estimates = new int[C];
        for (int c = 0; c < C; c++) mSum[c] = new double[m[c].length];
        int iterations = 0;
        for (Session session : SESSIONS) {
            Map<Integer, Long> patterns = new HashMap<>();
            long strong = 0, all = 0;
            for (var e : candidatePatterns.entrySet()) {
                if (!session.filter().test(e.getKey())) continue;
                patterns.put(e.getKey(), e.getValue());
                all += e.getValue();
                if (strongAgreement(e.getKey(), session.blockedComparisons())) strong += e.getValue();
            }
            if (all < 10) continue; // too few pairs to learn from
            double[][] ms = deepCopy(m);
            double lambda = Math.min(0.9, Math.max(0.001, (double) strong / all));
            for (int it = 0; it < maxIterations; it++, iterations++) {
                double[][] mNum = new double[C][];
                for (int c = 0; c < C; c++) mNum[c] = new double[ms[c].length];
                double sumG = 0, total = 0;
                for (var e : patterns.entrySet()) {
                    double g = posterior(e.getKey(), lambda, ms, u, session.blockedComparisons());
                    double n = e.getValue();
                    sumG += n * g;
                    total += n;
                    for (int c = 0; c < C; c++) {
                        int l = Comparisons.level(e.getKey(), c);
                        if (l != 0) mNum[c][l] += n * g;
                    }
                }
                double change = 0;
                for (int c = 0; c < C; c++) {
                    if (!session.blockedComparisons().contains(c)) change = Math.max(change, normaliseInto(mNum[c], ms[c]));
                }
                double newLambda = clamp(sumG / total);
                change = Math.max(change, Math.abs(newLambda - lambda));
                lambda = newLambda;
                if (change < 1e-6) break;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug(String.format("EM session '%s': %d pairs, lambda %.4f, m(given exact) %.3f, m(family exact) %.3f, m(dob exact) %.3f",
                        session.name(), all, lambda, ms[GIVEN][1], ms[FAMILY][1], ms[DOB][1]));
            }
            // A match class in which exact agreement on a name or the date of birth is not the most
            // common level is not the match class: EM has latched onto another mixture (at county
            // scale, "same given and family name" is mostly different people, and EM once settled
            // on m(dob exact) = 0.05, which made a disagreeing date of birth almost free).
            String implausible = implausible(ms, session.blockedComparisons());
            if (implausible != null) {
                LOG.debug("EM session '{}' discarded: {} is not the most likely level among its matches", session.name(), implausible);
                continue;
            }
            for (int c = 0; c < C; c++) {
                if (session.blockedComparisons().contains(c)) continue;
                double seen = 0;
                for (var e : patterns.entrySet()) if (Comparisons.level(e.getKey(), c) != 0) seen += e.getValue();
                if (seen == 0) continue; // comparison never observed in this session: nothing learnt
                for (int l = 1; l < ms[c].length; l++) mSum[c][l] += ms[c][l];
                estimates[c]++;
            }
        }
        for (int c = 0; c < C; c++) {
            if (estimates[c] == 0) continue;
            for (int l = 1; l < m[c].length; l++) m[c][l] = Math.max(M_FLOOR, mSum[c][l] / estimates[c]);
        }
        // A level never seen among the candidates has learnt nothing: it must not carry evidence either way.
        long[][] seen = new long[C][];
        for (int c = 0; c < C; c++) seen[c] = new long[m[c].length];
        for (var e : candidatePatterns.entrySet()) {
            for (int c = 0; c < C; c++) seen[c][Comparisons.level(e.getKey(), c)] += e.getValue();
        }
        for (int c = 0; c < C; c++) {
            for (int l = 1; l < m[c].length; l++) if (seen[c][l] == 0) m[c][l] = u[c][l];
        }
        double candidates = candidatePatterns.values().stream().mapToLong(Long::longValue).sum();
        double lambda = prior(candidatePatterns, clamp(Math.max(1, candidates) * 0.5 / Math.max(1, totalPairs)), m, u, totalPairs);
        // u was counted on random pairs, which hold true matches in the share lambda: their agreement
        // is the match class's (lambda * m), not chance. Removing it gives u among non-matches (ADR
        // 0045), at most a factor U_CORRECTION_LIMIT below the raw count, then the prior again. Only
        // where the data shows no households (no dependence between family name, address and
        // postcode): there, random pairs agreeing on them are household members as often as the
        // same person, and the sharper u merged twins (second development split P 0.9990 to 0.9975).
        double[] dependence = dependence(randomPatterns);
        HouseholdTest test = householdTest(candidatePatterns);
        // Counts only (no names): what the household test saw, once a linkage run.
        LOG.info("linkage model: {}; dependence on random pairs {}", test, anyDependence(dependence));
        // A dependence on a few random pairs where hundreds of candidate pairs rule households out is corrupted copies of
        // one person, not a household (session 18): neither the verdict nor the weights read it.
        if (anyDependence(dependence) && test.rulesOutHouseholds()) {
            LOG.info("linkage model: dependence on random pairs not believed, the candidate pairs rule households out (odds ratio at most {})",
                    String.format("%.1f", test.oddsRatioUpperBound()));
            dependence = new double[dependence.length];
        }
        boolean households = anyDependence(dependence) || test.households();
        for (int c = 0; c < C && !households; c++) {
            if (Comparisons.NAMES.get(c).equals("gender")) continue;
            int L = m[c].length;
            for (int l = 1; l < L - 1; l++) u[c][l] = clamp(Math.max(u[c][l] / U_CORRECTION_LIMIT, (u[c][l] - lambda * m[c][l]) / (1 - lambda)));
            double agreeing = 0;
            for (int l = 1; l < L - 1; l++) agreeing += u[c][l];
            u[c][L - 1] = clamp(1 - agreeing);
        }
        if (!households) lambda = prior(candidatePatterns, lambda, m, u, totalPairs);
        return new MatchModel(lambda, m, u, iterations, dependence, households, !households && test.pairs() >= WITHOUT_HOUSEHOLDS_MIN_PAIRS);
    }

    /** At most this factor between u as counted on random pairs and u among non-matches. */
    static final double U_CORRECTION_LIMIT = 4;

    /** The prior: expected share of matches among all pairs, a fixed point over the candidates (the rest count as non-matches). */
    private static double prior(Map<Integer, Long> candidatePatterns, double start, double[][] m, double[][] u, double totalPairs) {
        double lambda = start;
        for (int it = 0; it < 100; it++) {
            double expected = 0;
            for (var e : candidatePatterns.entrySet()) expected += e.getValue() * posterior(e.getKey(), lambda, m, u, Set.of());
            double next = clamp(expected / Math.max(1, totalPairs));
            if (Math.abs(next - lambda) < 1e-12) { lambda = next; break; }
            lambda = next;
        }
        return lambda;
    }

    private static String implausible(double[][] m, Set<Integer> blocked) {
        for (int c : new int[] {GIVEN, FAMILY, DOB}) {
            if (blocked.contains(c)) continue;
            for (int l = 2; l < m[c].length; l++) if (m[c][l] > m[c][1]) return Comparisons.NAMES.get(c) + " exact";
        }
        return null;
    }

    /** P(match | pattern), ignoring the comparisons a training session's rule forced to agree. */
    private static double posterior(int pattern, double lambda, double[][] m, double[][] u, Set<Integer> ignored) {
        double lm = Math.log(lambda), lu = Math.log(1 - lambda);
        for (int c = 0; c < Comparisons.COUNT; c++) {
            int l = Comparisons.level(pattern, c);
            if (l == 0 || ignored.contains(c)) continue;
            lm += Math.log(m[c][l]);
            lu += Math.log(u[c][l]);
        }
        return 1 / (1 + Math.exp(lu - lm));
    }

    private static double normaliseInto(double[] counts, double[] target) {
        double total = 0;
        for (int l = 1; l < counts.length; l++) total += counts[l];
        double change = 0;
        if (total <= 0) return 0;
        for (int l = 1; l < counts.length; l++) {
            double v = clamp(counts[l] / total);
            change = Math.max(change, Math.abs(v - target[l]));
            target[l] = v;
        }
        return change;
    }

    private static double clamp(double v) { return Math.min(1 - FLOOR, Math.max(FLOOR, v)); }

    private static double log2(double v) { return Math.log(v) / Math.log(2); }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) out[i] = a[i].clone();
        return out;
    }
}

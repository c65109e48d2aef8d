package org.tessera.indexer.linkage;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.normalise.Nicknames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Person linkage (see docs/linkage.md for the method and its measured figures):
 * <ol>
 *   <li>identical occurrences that share a valid strong identifier become one unit;</li>
 *   <li>human merge decisions, then shared valid strong identifiers (NHS number, UPN, PNC, a
 *       source's own person id), each checked by the model so a mistyped identifier on a
 *       different person goes to review instead of merging;</li>
 *   <li>blocking: candidate pairs share a key of at least one rule (full date of birth; family
 *       name sound + initial + birth year; postcode + initial; given + family name sound; any
 *       identifier; family name + initial + birth decade), each pair generated once;</li>
 *   <li>a Fellegi-Sunter model: u from random pairs, m by EM in training sessions, prior over all
 *       pairs, term-frequency adjustment of exact names;</li>
 *   <li>greedy constrained clustering: pairs at or above the auto-match probability, strongest
 *       first, join unless that would put two occurrences of one record together, join
 *       different valid NHS numbers / UPNs / PNCs, break a split decision, or join clearly
 *       different generations through a record without a date of birth; a pair goes to review
 *       instead when one side is an unnamed newborn, when births are a generation apart, or when
 *       one side also matches another person who cannot be the same.</li>
 * </ol>
 * Stateless and thread-safe; each call is independent.
 */
public final class FellegiSunterLinker implements PersonLinker {
    private static final Logger LOG = LoggerFactory.getLogger(FellegiSunterLinker.class);
    static final List<String> RULES = List.of("dob", "family_sound_initial_birth_year", "postcode_initial", "given_family_sound", "identifier", "family_initial_birth_decade");

    private final LinkageSettings settings;
    private final Nicknames nicknames;

    public FellegiSunterLinker(LinkageSettings settings, Nicknames nicknames) {
        this.settings = settings;
        this.nicknames = nicknames;
    }

    @Override
    public LinkageResult link(List<PersonOccurrence> input, Decisions decisions) {
        long start = System.nanoTime();
        List<PersonOccurrence> all = new ArrayList<>(input);
        all.sort(Comparator.comparing(PersonOccurrence::occurrenceId));
        int total = all.size();
        Set<String> ids = new HashSet<>();
        for (PersonOccurrence o : all) {
            if (!ids.add(o.occurrenceId())) throw new IllegalArgumentException("duplicate occurrence id " + o.occurrenceId());
        }
        DoubleMetaphone dm = new DoubleMetaphone();
        Features[] allF = new Features[total];
        for (int i = 0; i < total; i++) allF[i] = new Features(all.get(i), dm);

        // Identical occurrences carrying a valid strong identifier (a pupil's attendance rows, a
        // patient's appointments) would be joined by that identifier anyway: link one unit for them.
        Set<String> splitOccurrences = new HashSet<>();
        for (OccurrencePair p : decisions.split()) { splitOccurrences.add(p.first()); splitOccurrences.add(p.second()); }
        int[] unitOf = new int[total];
        List<Integer> repIndex = new ArrayList<>();
        List<Set<String>> unitEvents = new ArrayList<>();
        Map<String, List<Integer>> unitsBySignature = new HashMap<>();
        for (int i = 0; i < total; i++) {
            String sig = collapsible(allF[i]) && !splitOccurrences.contains(all.get(i).occurrenceId()) ? signature(allF[i]) : null;
            int unit = -1;
            if (sig != null) {
                for (int u : unitsBySignature.getOrDefault(sig, List.of())) {
                    if (!unitEvents.get(u).contains(all.get(i).eventId())) { unit = u; break; }
                }
            }
            if (unit < 0) {
                unit = repIndex.size();
                repIndex.add(i);
                unitEvents.add(new HashSet<>());
                if (sig != null) unitsBySignature.computeIfAbsent(sig, k -> new ArrayList<>()).add(unit);
            }
            unitEvents.get(unit).add(all.get(i).eventId());
            unitOf[i] = unit;
        }
        int n = repIndex.size();
        List<PersonOccurrence> occ = new ArrayList<>(n);
        Features[] f = new Features[n];
        for (int u = 0; u < n; u++) {
            occ.add(all.get(repIndex.get(u)));
            f[u] = allF[repIndex.get(u)];
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < total; i++) index.put(all.get(i).occurrenceId(), unitOf[i]);
        // Features of collapsed occurrences are no longer needed; at county scale they are gigabytes.
        java.util.Arrays.fill(allF, null);
        unitsBySignature.clear();
        Comparisons cmp = new Comparisons(nicknames);
        LOG.debug("linkage phase: features and units {} ms", (System.nanoTime() - start) / 1_000_000);

        // Blocking and comparison of candidates.
        String[][][] keys = new String[RULES.size()][n][];
        for (int i = 0; i < n; i++) for (int r = 0; r < RULES.size(); r++) keys[r][i] = blockingKeys(r, f[i]);
        PairList pairs = new PairList();
        int skipped = 0;
        for (int r = 0; r < RULES.size(); r++) {
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < n; i++) for (String k : keys[r][i]) blocks.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
            List<String> blockKeys = new ArrayList<>(blocks.keySet());
            blockKeys.sort(null);
            for (String k : blockKeys) {
                List<Integer> b = blocks.get(k);
                if (b.size() < 2) continue;
                if (b.size() > settings.maxBlockSize()) { skipped++; continue; }
                for (int x = 0; x < b.size(); x++) {
                    for (int y = x + 1; y < b.size(); y++) {
                        int i = b.get(x), j = b.get(y);
                        if (generatedEarlier(keys, r, i, j, k)) continue;
                        pairs.add(i, j, cmp.compare(f[i], f[j]));
                    }
                }
            }
        }
        Map<Integer, Long> candidatePatterns = new HashMap<>();
        for (int p = 0; p < pairs.size; p++) candidatePatterns.merge(pairs.pattern[p], 1L, Long::sum);
        LOG.debug("linkage phase: blocking and {} comparisons {} ms", pairs.size, (System.nanoTime() - start) / 1_000_000);
        Map<Integer, Long> randomPatterns = new HashMap<>();
        Random rnd = new Random(settings.seed());
        if (n >= 2) {
            for (int s = 0; s < settings.uSampleSize(); s++) {
                int i = rnd.nextInt(n), j = rnd.nextInt(n);
                if (i == j) continue;
                randomPatterns.merge(cmp.compare(f[i], f[j]), 1L, Long::sum);
            }
        }
        MatchModel model = MatchModel.fit(candidatePatterns, randomPatterns, (double) n * (n - 1) / 2, settings.emIterations());

        LOG.debug("linkage phase: u sample and EM {} ms", (System.nanoTime() - start) / 1_000_000);
        TermFrequencies tf = settings.termFrequencyAdjustment() ? TermFrequencies.of(f) : TermFrequencies.NONE;

        // Clustering.
        Clusters clusters = new Clusters(f, unitEvents, decisions, index);
        List<ReviewPair> review = new ArrayList<>();
        int strongLinks = 0, modelLinks = 0, guarded = 0;
        for (OccurrencePair p : sorted(decisions.merge())) {
            Integer a = index.get(p.first()), b = index.get(p.second());
            if (a != null && b != null) clusters.union(a, b);
        }
        Map<String, Integer> firstByStrong = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (var e : new java.util.TreeMap<>(f[i].strong).entrySet()) {
                Integer j = firstByStrong.putIfAbsent(e.getKey() + "=" + e.getValue(), i);
                if (j == null || clusters.find(i) == clusters.find(j)) continue;
                int pattern = cmp.compare(f[j], f[i]);
                double w = model.weight(pattern) + tf.adjustment(pattern, f[j], f[i], model);
                double prob = MatchModel.probability(w);
                if (prob < settings.reviewProbability()) {
                    review.add(new ReviewPair(new OccurrencePair(occ.get(j).occurrenceId(), occ.get(i).occurrenceId()), w, prob,
                            MatchModel.explain(pattern), "shares " + e.getKey() + " but other details disagree"));
                } else if (clusters.canJoin(i, j)) {
                    clusters.union(i, j);
                    strongLinks++;
                } else {
                    guarded++;
                }
            }
        }
        // Only pairs at or above the review threshold matter from here: sort those, strongest first.
        double reviewWeight = Math.log(settings.reviewProbability() / (1 - settings.reviewProbability())) / Math.log(2);
        List<Integer> kept = new ArrayList<>();
        double[] weight = new double[pairs.size];
        for (int p = 0; p < pairs.size; p++) {
            weight[p] = model.weight(pairs.pattern[p]) + tf.adjustment(pairs.pattern[p], f[pairs.a[p]], f[pairs.b[p]], model);
            if (weight[p] >= reviewWeight) kept.add(p);
        }
        Integer[] order = kept.toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(p -> -weight[p])
                .thenComparing(p -> occ.get(pairs.a[p]).occurrenceId()).thenComparing(p -> occ.get(pairs.b[p]).occurrenceId()));
        // Auto-match partners of each unit, to spot a unit that matches two people who cannot be one.
        double autoWeight = Math.log(settings.autoMatchProbability() / (1 - settings.autoMatchProbability())) / Math.log(2);
        Map<Integer, List<Integer>> autoPartners = new HashMap<>();
        for (int p : order) {
            if (weight[p] < autoWeight) break;
            autoPartners.computeIfAbsent(pairs.a[p], k -> new ArrayList<>()).add(pairs.b[p]);
            autoPartners.computeIfAbsent(pairs.b[p], k -> new ArrayList<>()).add(pairs.a[p]);
        }
        List<Integer> reviewCandidates = new ArrayList<>();
        Set<Integer> ambiguousPairs = new HashSet<>();
        Set<Integer> generationPairs = new HashSet<>();
        for (int p : order) {
            double prob = MatchModel.probability(weight[p]);
            if (prob < settings.reviewProbability()) break;
            int i = pairs.a[p], j = pairs.b[p];
            if (prob >= settings.autoMatchProbability() && !f[i].placeholder && !f[j].placeholder) {
                if (clusters.find(i) == clusters.find(j)) continue;
                if (!clusters.canJoin(i, j, Comparisons.level(pairs.pattern[p], MatchModel.DOB) == 0)) {
                    guarded++;
                } else if (generationsApart(f[i], f[j], pairs.pattern[p])) {
                    generationPairs.add(p);
                    reviewCandidates.add(p);
                } else if (ambiguous(clusters, autoPartners, i, j) || ambiguous(clusters, autoPartners, j, i)) {
                    ambiguousPairs.add(p);
                    reviewCandidates.add(p);
                } else {
                    clusters.union(i, j);
                    modelLinks++;
                }
            } else {
                reviewCandidates.add(p);
            }
        }
        for (int p : reviewCandidates) {
            int i = pairs.a[p], j = pairs.b[p];
            if (clusters.find(i) == clusters.find(j) || !clusters.canJoin(i, j)) continue;
            String reason = f[i].placeholder || f[j].placeholder
                    ? "placeholder given name (unnamed newborn): twins share every other detail"
                    : ambiguousPairs.contains(p) ? "also matches another person who cannot be the same (same name and date of birth?)"
                    : generationPairs.contains(p) ? "dates of birth a generation apart (parent and child of one name?)"
                    : "probability between review and auto-match thresholds";
            review.add(new ReviewPair(new OccurrencePair(occ.get(i).occurrenceId(), occ.get(j).occurrenceId()), weight[p],
                    MatchModel.probability(weight[p]), MatchModel.explain(pairs.pattern[p]), reason));
        }
        review.sort(Comparator.comparingDouble(ReviewPair::matchProbability).reversed()
                .thenComparing(r -> r.pair().first()).thenComparing(r -> r.pair().second()));

        // Person ids from the smallest occurrence id of each cluster (occurrences are sorted, so the first seen).
        Map<Integer, String> personByRoot = new HashMap<>();
        Map<String, String> personIds = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            int root = clusters.find(unitOf[i]);
            String first = all.get(i).occurrenceId();
            String pid = personByRoot.computeIfAbsent(root, r -> "pe-" + Ids.sha256Hex(first).substring(0, 20));
            personIds.put(first, pid);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LinkageResult.Stats stats = new LinkageResult.Stats(total, n, personByRoot.size(), pairs.size, skipped, strongLinks, modelLinks, guarded, millis);
        LOG.info("linkage: {} occurrences ({} distinct) -> {} persons; {} candidate pairs, {} oversized blocks skipped, {} strong + {} model links, {} guarded, {} for review, {} ms",
                total, n, personByRoot.size(), pairs.size, skipped, strongLinks, modelLinks, guarded, review.size(), millis);
        return new LinkageResult(personIds, review, model, stats);
    }

    /**
     * Same name and address but births a generation apart is the parent and child of one name far
     * more often than a mistyped date: never merged by the model alone. An agreeing identifier
     * (other than the strong ones, which were handled first) lets the pair through.
     */
    private static boolean generationsApart(Features a, Features b, int pattern) {
        if (a.dob == null || b.dob == null) return false;
        if (Comparisons.level(pattern, MatchModel.IDENTIFIER) == 1) return false;
        return Clusters.clearlyDifferentGenerations(a.dob, b.dob);
    }

    /**
     * True when unit {@code i} also auto-matches some unit whose person cannot be joined with
     * {@code j}'s: two different people (different NHS numbers, incompatible dates of birth) both
     * fit {@code i} equally, so {@code i} must not be given to either by the model.
     */
    private static boolean ambiguous(Clusters clusters, Map<Integer, List<Integer>> autoPartners, int i, int j) {
        int rj = clusters.find(j);
        for (int k : autoPartners.getOrDefault(i, List.of())) {
            if (k == j || clusters.find(k) == rj) continue;
            if (!clusters.canJoin(j, k)) return true;
        }
        return false;
    }

    private static List<OccurrencePair> sorted(Set<OccurrencePair> s) {
        return s.stream().sorted(Comparator.comparing(OccurrencePair::first).thenComparing(OccurrencePair::second)).toList();
    }

    /** True when the pair was already produced by an earlier rule, or by this rule under a smaller key. */
    private static boolean generatedEarlier(String[][][] keys, int rule, int i, int j, String key) {
        for (int r = 0; r < rule; r++) if (shareKey(keys[r][i], keys[r][j], null)) return true;
        return shareKey(keys[rule][i], keys[rule][j], key);
    }

    private static boolean shareKey(String[] a, String[] b, String below) {
        for (String x : a) {
            if (below != null && x.compareTo(below) >= 0) continue;
            for (String y : b) if (x.equals(y)) return true;
        }
        return false;
    }

    private static final String[] NONE = new String[0];

    /** Only occurrences a valid strong identifier will join anyway, with some identity beside it, and never newborn placeholders. */
    private static boolean collapsible(Features f) {
        return !f.strong.isEmpty() && !f.placeholder && (f.given != null || f.family != null || f.dob != null);
    }

    /** Everything the comparisons and blocking read, so two occurrences with one signature compare as identical. */
    private static String signature(Features f) {
        return String.join("\u0001", String.valueOf(f.occ.givenNames()), String.valueOf(f.occ.familyName()),
                String.valueOf(f.occ.otherNames()), String.valueOf(f.dob), String.valueOf(f.gender), String.valueOf(f.postcode),
                new java.util.TreeSet<>(f.addressTokens).toString(), new java.util.TreeMap<>(f.ids).toString(),
                new java.util.TreeMap<>(f.strong).toString());
    }

    static String[] blockingKeys(int rule, Features f) {
        Set<String> out = new HashSet<>();
        switch (rule) {
            case 0 -> { if (f.dob != null && f.dob.isComplete()) out.add(f.dob.toString()); }
            case 1 -> { if (f.dob != null && f.given != null) for (String c : f.familyCodes) out.add(c + "|" + f.given.charAt(0) + "|" + f.dob.year()); }
            case 2 -> { if (f.postcode != null && f.given != null) out.add(f.postcode + "|" + f.given.charAt(0)); }
            case 3 -> {
                for (String g : f.givenCodes) for (String c : f.familyCodes) out.add(g + "|" + c);
            }
            case 4 -> f.ids.forEach((k, v) -> out.add(k + "=" + v));
            case 5 -> { if (f.family != null && f.given != null && f.dob != null) out.add(f.family + "|" + f.given.charAt(0) + "|" + f.dob.year() / 10); }
            default -> throw new IllegalArgumentException("rule " + rule);
        }
        if (out.isEmpty()) return NONE;
        String[] a = out.toArray(String[]::new);
        Arrays.sort(a);
        return a;
    }

    /** Growable parallel arrays of candidate pairs (memory: 12 bytes a pair). */
    private static final class PairList {
        int[] a = new int[1024], b = new int[1024], pattern = new int[1024];
        int size;

        void add(int i, int j, int p) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
                b = Arrays.copyOf(b, size * 2);
                pattern = Arrays.copyOf(pattern, size * 2);
            }
            a[size] = i;
            b[size] = j;
            pattern[size] = p;
            size++;
        }
    }

    /**
     * Identifiers a person holds only one of, so two different valid values mean two people. A
     * source's own person id is not among them: systems issue a second id to a known person
     * (a new school admission number, a duplicate registration), so it joins but never separates.
     */
    static final Set<String> EXCLUSIVE = Set.of("nhs_number", "upn", "pnc");

    /** Union-find whose clusters remember what may not be joined. */
    private static final class Clusters {
        private final int[] parent;
        private final Map<Integer, List<Integer>> members = new HashMap<>();
        private final Map<Integer, Set<String>> events = new HashMap<>();
        private final Map<Integer, Map<String, Set<String>>> strong = new HashMap<>();
        private final Map<Integer, Set<Integer>> cannotLink = new HashMap<>();
        private final Map<Integer, Set<org.tessera.indexer.ingest.PartialDate>> dobs = new HashMap<>();

        Clusters(Features[] f, List<Set<String>> unitEvents, Decisions decisions, Map<String, Integer> index) {
            parent = new int[f.length];
            for (int i = 0; i < f.length; i++) {
                parent[i] = i;
                members.put(i, new ArrayList<>(List.of(i)));
                events.put(i, new HashSet<>(unitEvents.get(i)));
                dobs.put(i, f[i].dob == null ? new HashSet<>() : new HashSet<>(Set.of(f[i].dob)));
                Map<String, Set<String>> s = new HashMap<>();
                f[i].strong.forEach((k, v) -> {
                    if (EXCLUSIVE.contains(k)) s.put(k, new HashSet<>(Set.of(v)));
                });
                strong.put(i, s);
            }
            for (OccurrencePair p : decisions.split()) {
                Integer a = index.get(p.first()), b = index.get(p.second());
                if (a == null || b == null) continue;
                cannotLink.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                cannotLink.computeIfAbsent(b, k -> new HashSet<>()).add(a);
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        boolean canJoin(int i, int j) { return canJoin(i, j, false); }

        /**
         * @param checkDates also refuse persons of clearly different generations; used when the
         *                   pair itself compared no dates (the model never saw that evidence)
         */
        boolean canJoin(int i, int j, boolean checkDates) {
            int a = find(i), b = find(j);
            if (a == b) return true;
            Set<String> ea = events.get(a), eb = events.get(b);
            Set<String> small = ea.size() <= eb.size() ? ea : eb, large = small == ea ? eb : ea;
            for (String e : small) if (large.contains(e)) return false;
            if (checkDates && !datesOfBirthCompatible(dobs.get(a), dobs.get(b))) return false;
            Map<String, Set<String>> sa = strong.get(a), sb = strong.get(b);
            for (var e : sa.entrySet()) {
                Set<String> other = sb.get(e.getKey());
                if (other != null && java.util.Collections.disjoint(other, e.getValue())) return false;
            }
            List<Integer> ma = members.get(a), mb = members.get(b);
            List<Integer> sm = ma.size() <= mb.size() ? ma : mb;
            int otherRoot = sm == ma ? b : a;
            for (int x : sm) {
                Set<Integer> partners = cannotLink.get(x);
                if (partners == null) continue;
                for (int y : partners) if (find(y) == otherRoot) return false;
            }
            return true;
        }

        /**
         * Two persons whose dates of birth are all clearly different generations (ten years or
         * more apart, and not one keystroke apart) are not joined, e.g. a father and son of one
         * name linked through a record that gives neither date. Either side without a date of
         * birth imposes nothing. Typos (1956/1965, 1956/1986) do not count as clearly different.
         */
        private static boolean datesOfBirthCompatible(Set<org.tessera.indexer.ingest.PartialDate> a, Set<org.tessera.indexer.ingest.PartialDate> b) {
            if (a.isEmpty() || b.isEmpty()) return true;
            for (var x : a) for (var y : b) if (!clearlyDifferentGenerations(x, y)) return true;
            return false;
        }

        static boolean clearlyDifferentGenerations(org.tessera.indexer.ingest.PartialDate x, org.tessera.indexer.ingest.PartialDate y) {
            return Math.abs(x.year() - y.year()) >= 10
                    && !Comparisons.withinOneEdit(Integer.toString(x.year()), Integer.toString(y.year()));
        }

        void union(int i, int j) {
            int a = find(i), b = find(j);
            if (a == b) return;
            if (members.get(a).size() < members.get(b).size()) { int t = a; a = b; b = t; }
            parent[b] = a;
            members.get(a).addAll(members.remove(b));
            events.get(a).addAll(events.remove(b));
            dobs.get(a).addAll(dobs.remove(b));
            Map<String, Set<String>> sa = strong.get(a);
            strong.remove(b).forEach((k, v) -> sa.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
        }
    }
}

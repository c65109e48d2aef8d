package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.normalise.Nicknames;

/**
 * A command that prints what separates the true pairs of the review band from the false ones on development splits
 * (issue #18, session 19), and the wrong merges with the pair that made each: the tuning splits ({@code -Dsplits=dedup,
 * two-files,tuning,second}) and development splits of the held-out recipe on the even ranks ({@code -Dseeds=5001,5002},
 * {@code -Dshape=dedup|two-files|both}; never a held-out seed). For each review pair left "between review and auto-match
 * thresholds": its band, its pattern's disagreeing fields, and the corroboration its two persons show (how many review
 * pairs join them, over how many records of each side). Asserts nothing.
 */
public final class ReviewBand {
    private ReviewBand() {
    }

    public static void main(String[] args) {
        List<CorruptedPopulation.Spec> specs = new ArrayList<>();
        String splits = System.getProperty("splits", "");
        if (splits.contains("dedup")) specs.add(CorruptedPopulation.Spec.noHouseholdTuning(CorruptedPopulation.Shape.DEDUP));
        if (splits.contains("two-files")) specs.add(CorruptedPopulation.Spec.noHouseholdTuning(CorruptedPopulation.Shape.TWO_FILES));
        if (splits.contains("tuning")) specs.add(CorruptedPopulation.Spec.tuning());
        if (splits.contains("second")) specs.add(CorruptedPopulation.Spec.secondDevelopment());
        String shapes = System.getProperty("shape", "both");
        for (String s : System.getProperty("seeds", "").split(",")) {
            if (s.isBlank()) continue;
            long seed = Long.parseLong(s.trim());
            for (CorruptedPopulation.Shape shape : CorruptedPopulation.Shape.values()) {
                if (!shapes.equals("both") && !shapes.equals(shape.label)) continue;
                // -Dodd=true: the odd ranks of the name and street lists (the held-out splits' names, with a development seed)
                specs.add(CorruptedPopulation.Spec.noHouseholdDevelopment(shape, seed, Boolean.getBoolean("odd"), true));
            }
        }
        for (CorruptedPopulation.Spec spec : specs) read(spec);
    }

    static void read(CorruptedPopulation.Spec spec) {
        CorruptedPopulation.Labelled data = CorruptedPopulation.generate(spec);
        LinkageResult result = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk()).link(data.occurrences(), Decisions.none());
        Map<String, String> truth = data.entityByOccurrence();
        System.out.printf("%s: %s; households %b, without households %b%n", spec.name(),
                FebrlLinkageTest.score(result, truth, result.stats().millis()), result.model().households(), result.model().withoutHouseholds());
        Map<String, String> person = result.personIds();
        List<PersonOccurrence> sorted = FellegiSunterLinker.sortedById(data.occurrences());
        List<java.util.Set<String>> keyList = FellegiSunterLinker.blockingKeys(sorted);
        Map<String, java.util.Set<String>> keys = new HashMap<>();
        for (int u = 0; u < sorted.size(); u++) keys.put(sorted.get(u).occurrenceId(), keyList.get(u));
        // review pairs by the two persons they join
        Map<String, List<ReviewPair>> byPersons = new HashMap<>();
        for (ReviewPair r : result.reviewPairs()) byPersons.computeIfAbsent(key(person.get(r.pair().first()), person.get(r.pair().second())), k -> new ArrayList<>()).add(r);
        Map<String, long[]> table = new TreeMap<>();
        Map<String, long[]> patterns = new HashMap<>();
        for (ReviewPair r : result.reviewPairs()) {
            if (!r.reason().startsWith("probability between")) continue;
            boolean same = truth.get(r.pair().first()).equals(truth.get(r.pair().second()));
            List<ReviewPair> joint = byPersons.get(key(person.get(r.pair().first()), person.get(r.pair().second())));
            long support = joint.stream().filter(x -> x.matchProbability() >= 0.5).count();
            java.util.Set<String> sides = new java.util.HashSet<>();
            for (ReviewPair x : joint) { sides.add(x.pair().first()); sides.add(x.pair().second()); }
            int disagree = disagreements(r.levels());
            boolean narrow = false;
            for (String k : keys.get(r.pair().first())) {
                if (BlockingKeys.ruleOf(k) < Blocking.FIRST_WIDE_RULE && keys.get(r.pair().second()).contains(k)) { narrow = true; break; }
            }
            double p = r.matchProbability();
            String band = p >= 0.99 ? "0.99+" : p >= 0.95 ? "0.95" : p >= 0.9 ? "0.90" : p >= 0.8 ? "0.80" : p >= 0.7 ? "0.70" : "0.50";
            String sup = support >= 3 ? "3+" : String.valueOf(support);
            for (String k : List.of("band " + band, "band " + band + " support " + sup, "support " + sup + " records " + Math.min(sides.size(), 5),
                    "disagree " + disagree, "band " + band + " disagree " + disagree, (narrow ? "narrow" : "wide") + " band " + band)) {
                long[] c = table.computeIfAbsent(k, x -> new long[2]);
                c[0]++;
                if (same) c[1]++;
            }
            long[] c = patterns.computeIfAbsent(new TreeMap<>(r.levels()).toString(), x -> new long[2]);
            c[0]++;
            if (same) c[1]++;
        }
        table.forEach((k, v) -> System.out.printf("  %-40s %5d pairs, %5d one person (%.3f)%n", k, v[0], v[1], (double) v[1] / v[0]));
        System.out.println("  patterns of band pairs (pairs, one person):");
        patterns.entrySet().stream().sorted((p, q) -> Long.compare(q.getValue()[0] - q.getValue()[1], p.getValue()[0] - p.getValue()[1])).limit(Integer.getInteger("patterns", 25))
                .forEach(e -> System.out.printf("    %4d %4d  %s%n", e.getValue()[0], e.getValue()[1], e.getKey()));
        printWrongPairs(result, data);
    }

    /** Fields whose level says the two plainly differ. */
    static int disagreements(Map<String, String> levels) {
        int n = 0;
        for (var e : levels.entrySet()) {
            String v = e.getValue();
            if (v.equals("else") || v.equals("different") || v.equals("year_only")) n++;
        }
        return n;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** Each predicted person holding two true persons: the strongest pair across them, its levels and shared blocking rules. */
    static void printWrongPairs(LinkageResult result, CorruptedPopulation.Labelled data) {
        Map<String, String> truth = data.entityByOccurrence();
        List<PersonOccurrence> sorted = FellegiSunterLinker.sortedById(data.occurrences());
        DoubleMetaphone dm = new DoubleMetaphone();
        Features[] f = new Features[sorted.size()];
        Map<String, Integer> index = new HashMap<>();
        for (int u = 0; u < sorted.size(); u++) { f[u] = new Features(sorted.get(u), dm); index.put(sorted.get(u).occurrenceId(), u); }
        List<java.util.Set<String>> keys = FellegiSunterLinker.blockingKeys(sorted);
        PairWeights weights = new PairWeights(result.model(), TermFrequencies.of(f), List.of());
        Comparisons cmp = new Comparisons(Nicknames.uk());
        Map<String, List<String>> byPerson = new TreeMap<>();
        result.personIds().forEach((occ, p) -> byPerson.computeIfAbsent(p, k -> new ArrayList<>()).add(occ));
        for (var e : byPerson.entrySet()) {
            List<String> members = e.getValue();
            if (members.stream().map(truth::get).distinct().count() < 2) continue;
            System.out.println("  wrong person " + e.getKey().substring(3, 9) + ":");
            for (String o : members) {
                PersonOccurrence x = sorted.get(index.get(o));
                System.out.printf("    %s %-6s %-12s %-16s %-10s %s %-36s %-9s %s%n", o, truth.get(o), x.givenNames(), x.familyName(),
                        x.dateOfBirth(), x.gender(), x.address(), x.postcode(), x.identifiers().values());
            }
            double best = Double.NEGATIVE_INFINITY;
            String a = null, b = null;
            int bestPattern = 0;
            for (String i : members) for (String j : members) {
                if (i.compareTo(j) >= 0 || truth.get(i).equals(truth.get(j))) continue;
                int p = cmp.compare(f[index.get(i)], f[index.get(j)]);
                double w = weights.weight(p, index.get(i), index.get(j));
                if (w > best) { best = w; a = i; b = j; bestPattern = p; }
            }
            java.util.Set<String> shared = new java.util.TreeSet<>();
            for (String k : keys.get(index.get(a))) if (keys.get(index.get(b)).contains(k)) shared.add(Blocking.RULES.get(BlockingKeys.ruleOf(k)));
            System.out.printf("    strongest cross pair p=%.4f %s rules %s%n", MatchModel.probability(best), new TreeMap<>(MatchModel.explain(bestPattern)), shared);
        }
    }
}

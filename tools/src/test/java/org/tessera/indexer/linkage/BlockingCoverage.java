package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.normalise.Nicknames;

/**
 * A command that prints what candidate blocking keys would add on a development split (issue #18, session 18): the true
 * pairs the linker's blocking never offers, by the probability the fitted model gives them, and for each candidate key
 * (and for the shipped rules that are not in {@code -Dexclude}) the pairs it adds beyond the shipped blocking, how many
 * are true, and how many true ones reach the review (0.5), no-household (0.9) and auto-match (0.995) thresholds. Blocks
 * over {@code -Dcap} (default 100, the refinement threshold) are counted, not enumerated. Asserts nothing; only the
 * development splits ({@code -Dsplits=dedup,two-files,tuning,second}).
 *
 * <pre>java -cp ... org.tessera.indexer.linkage.BlockingCoverage</pre>
 */
public final class BlockingCoverage {
    private BlockingCoverage() {
    }

    /** Candidate keys: name and key function. */
    static Map<String, Function<Features, Set<String>>> candidates() {
        Map<String, Function<Features, Set<String>>> c = new LinkedHashMap<>();
        // shipped since session 18 as the wide rule birthday_initials: -Dexclude=birthday_initials to measure it here
        c.put("birthday_both_initials", f -> {
            Set<String> s = new HashSet<>();
            if (f.dob != null && f.dob.isComplete() && f.given != null && f.family != null)
                s.add(Blocking.birthday(f) + "|" + Blocking.sortedPair(f.given.substring(0, 1), f.family.substring(0, 1)));
            return s;
        });
        c.put("birthday_given_initial", f -> birthday(f, true, false));
        c.put("birthday_family_initial", f -> birthday(f, false, true));
        c.put("birthday_either_initial", f -> { Set<String> s = birthday(f, true, false); s.addAll(birthday(f, false, true)); return s; });
        c.put("dob_swapped_given_initial", f -> {
            Set<String> s = new HashSet<>();
            if (f.dob != null && f.dob.isComplete() && f.given != null) s.add(f.dob.year() + "|" + Blocking.birthday(f) + "|" + f.given.charAt(0));
            return s;
        });
        c.put("initials_birth_year", f -> {
            Set<String> s = new HashSet<>();
            if (f.dob != null && f.given != null && f.family != null) s.add(Blocking.sortedPair("" + f.given.charAt(0), "" + f.family.charAt(0)) + "|" + f.dob.year());
            return s;
        });
        c.put("family_sound_postcode", f -> {
            Set<String> s = new HashSet<>();
            if (f.postcode != null) for (String code : f.familyCodes) s.add(f.postcode + "|" + code);
            return s;
        });
        c.put("name_sound_district", f -> {
            Set<String> s = new HashSet<>();
            String d = f.ukPostcode != null ? f.ukPostcode.district() : null;
            if (d != null) { for (String code : f.familyCodes) s.add(d + "|f" + code); for (String code : f.givenCodes) s.add(d + "|g" + code); }
            return s;
        });
        c.put("street_family_initial", f -> street(f, f.family));
        c.put("street_given_initial", f -> street(f, f.given));
        c.put("identifier_sorted", f -> {
            Set<String> s = new HashSet<>();
            f.ids.forEach((k, v) -> { if (!k.startsWith("source_person_id") && v.length() >= 5) { char[] a = v.toCharArray(); java.util.Arrays.sort(a); s.add(k + "=" + new String(a)); } });
            return s;
        });
        c.put("identifier_halves", f -> {
            Set<String> s = new HashSet<>();
            f.ids.forEach((k, v) -> {
                if (k.startsWith("source_person_id") || v.length() < 6) return;
                int h = v.length() / 2;
                s.add(k + "<" + v.substring(0, h));
                s.add(k + ">" + v.substring(h));
            });
            return s;
        });
        c.put("given_sound_birthday", f -> {
            Set<String> s = new HashSet<>();
            if (f.dob != null && f.dob.isComplete()) for (String code : f.givenCodes) s.add(code + "|" + Blocking.birthday(f));
            return s;
        });
        c.put("family_sound_birthday", f -> {
            Set<String> s = new HashSet<>();
            if (f.dob != null && f.dob.isComplete()) for (String code : f.familyCodes) s.add(code + "|" + Blocking.birthday(f));
            return s;
        });
        c.put("name_prefixes", f -> {
            Set<String> s = new HashSet<>();
            if (f.given != null && f.family != null && f.given.length() >= 2 && f.family.length() >= 3)
                s.add(Blocking.sortedPair(f.given.substring(0, Math.min(3, f.given.length())), f.family.substring(0, 3)));
            return s;
        });
        c.put("house_number_district", f -> {
            Set<String> s = new HashSet<>();
            String d = f.ukPostcode != null ? f.ukPostcode.district() : null;
            if (d != null) for (String t : f.addressTokens) if (Blocking.houseNumber(t)) s.add(d + "|" + t);
            return s;
        });
        return c;
    }

    private static Set<String> birthday(Features f, boolean given, boolean family) {
        Set<String> s = new HashSet<>();
        if (f.dob == null || !f.dob.isComplete()) return s;
        if (given && f.given != null) s.add(Blocking.birthday(f) + "|g" + f.given.charAt(0));
        if (family && f.family != null) s.add(Blocking.birthday(f) + "|f" + f.family.charAt(0));
        return s;
    }

    private static Set<String> street(Features f, String name) {
        Set<String> s = new HashSet<>();
        if (name == null) return s;
        for (String w : f.addressTokens) if (w.length() >= 4 && !Blocking.houseNumber(w)) s.add(w + "|" + name.charAt(0));
        return s;
    }

    public static void main(String[] args) {
        int cap = Integer.getInteger("cap", 100);
        Set<String> exclude = new HashSet<>(List.of(System.getProperty("exclude", "").split(",")));
        String splits = System.getProperty("splits", "dedup,two-files");
        List<CorruptedPopulation.Spec> specs = new ArrayList<>();
        if (splits.contains("dedup")) specs.add(CorruptedPopulation.Spec.noHouseholdTuning(CorruptedPopulation.Shape.DEDUP));
        if (splits.contains("two-files")) specs.add(CorruptedPopulation.Spec.noHouseholdTuning(CorruptedPopulation.Shape.TWO_FILES));
        if (splits.contains("tuning")) specs.add(CorruptedPopulation.Spec.tuning());
        if (splits.contains("second")) specs.add(CorruptedPopulation.Spec.secondDevelopment());
        for (CorruptedPopulation.Spec spec : specs) run(spec, cap, exclude);
    }

    private static void run(CorruptedPopulation.Spec spec, int cap, Set<String> exclude) {
        CorruptedPopulation.Labelled data = CorruptedPopulation.generate(spec);
        LinkageResult result = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk()).link(data.occurrences(), Decisions.none());
        FebrlLinkageTest.Metrics metrics = FebrlLinkageTest.score(result, data.entityByOccurrence(), result.stats().millis());
        System.out.printf("%s: %s; model households %b, without households %b%n", spec.name(), metrics, result.model().households(),
                result.model().withoutHouseholds());
        List<PersonOccurrence> occ = FellegiSunterLinker.sortedById(data.occurrences());
        int n = occ.size();
        DoubleMetaphone dmeta = new DoubleMetaphone();
        Features[] f = new Features[n];
        String[] entity = new String[n];
        String[] person = new String[n];
        for (int i = 0; i < n; i++) {
            f[i] = new Features(occ.get(i), dmeta);
            entity[i] = data.entityByOccurrence().get(occ.get(i).occurrenceId());
            person[i] = result.personIds().get(occ.get(i).occurrenceId());
        }
        Set<Long> shipped = new HashSet<>();
        Blocking.of(f, 100, 1000).forEachPair((i, j, rule) -> {
            if (!exclude.contains(Blocking.RULES.get(rule))) shipped.add(pair(i, j));
        });
        Comparisons cmp = new Comparisons(Nicknames.uk());
        PairWeights weights = new PairWeights(result.model(), TermFrequencies.of(f), List.of());
        // true pairs never offered, by band; and of those, the ones across two predicted persons (missed pairs)
        Map<String, List<Integer>> byEntity = new HashMap<>();
        for (int i = 0; i < n; i++) byEntity.computeIfAbsent(entity[i], k -> new ArrayList<>()).add(i);
        long truePairs = 0, notOffered = 0;
        long[] bands = new long[4];
        Map<Long, Double> missingTrue = new HashMap<>();
        for (List<Integer> members : byEntity.values()) {
            for (int x = 0; x < members.size(); x++) {
                for (int y = x + 1; y < members.size(); y++) {
                    int i = members.get(x), j = members.get(y);
                    truePairs++;
                    if (shipped.contains(pair(i, j))) continue;
                    notOffered++;
                    double prob = MatchModel.probability(weights.weight(cmp.compare(f[i], f[j]), i, j));
                    bands[band(prob)]++;
                    if (!person[i].equals(person[j])) missingTrue.put(pair(i, j), prob);
                }
            }
        }
        System.out.printf("  true pairs %d, never offered %d (>=0.995 %d, 0.9-0.995 %d, 0.5-0.9 %d, <0.5 %d); of those across two predicted persons %d%n",
                truePairs, notOffered, bands[0], bands[1], bands[2], bands[3], missingTrue.size());
        Map<String, Function<Features, Set<String>>> keys = candidates();
        Set<Long> union = new HashSet<>();
        System.out.printf("  %-28s %9s %7s %9s %7s %7s %7s %9s %9s%n", "key", "new pairs", "true", "missed", ">=0.5", ">=0.9", ">=0.995", "big blks", "in big");
        for (var e : keys.entrySet()) {
            Map<String, List<Integer>> blocks = new HashMap<>();
            for (int i = 0; i < n; i++) for (String k : e.getValue().apply(f[i])) blocks.computeIfAbsent(k, z -> new ArrayList<>()).add(i);
            Set<Long> added = new HashSet<>();
            long big = 0, inBig = 0;
            for (List<Integer> b : blocks.values()) {
                if (b.size() > cap) { big++; inBig += b.size(); continue; }
                for (int x = 0; x < b.size(); x++) for (int y = x + 1; y < b.size(); y++) {
                    long p = pair(b.get(x), b.get(y));
                    if (!shipped.contains(p)) added.add(p);
                }
            }
            long tru = 0, missed = 0, r5 = 0, r9 = 0, r995 = 0;
            for (long p : added) {
                int i = (int) (p >>> 32), j = (int) p;
                if (!entity[i].equals(entity[j])) continue;
                tru++;
                Double prob = missingTrue.get(p);
                if (prob == null) continue;
                missed++;
                if (prob >= 0.5) r5++;
                if (prob >= 0.9) r9++;
                if (prob >= 0.995) r995++;
            }
            union.addAll(added);
            System.out.printf("  %-28s %9d %7d %9d %7d %7d %7d %9d %9d%n", e.getKey(), added.size(), tru, missed, r5, r9, r995, big, inBig);
        }
        long r9 = union.stream().filter(p -> missingTrue.getOrDefault(p, 0.0) >= 0.9).count();
        System.out.printf("  all candidates together: %d new pairs, %d missed true pairs at >= 0.9%n", union.size(), r9);
        if (Boolean.getBoolean("examples")) {
            int shown = 0;
            for (var e : missingTrue.entrySet()) {
                if (e.getValue() < 0.9 || shown++ >= 40) continue;
                int i = (int) (e.getKey() >>> 32), j = (int) (long) e.getKey();
                System.out.printf("  never offered, p %.3f%n", e.getValue());
                for (int x : new int[] {i, j}) {
                    PersonOccurrence o = occ.get(x);
                    System.out.printf("    %-12s %-16s %-10s %s %-36s %-9s %s%n", o.givenNames(), o.familyName(), o.dateOfBirth(), o.gender(), o.address(),
                            o.postcode(), o.identifiers().values());
                }
            }
        }
    }

    private static int band(double prob) {
        return prob >= 0.995 ? 0 : prob >= 0.9 ? 1 : prob >= 0.5 ? 2 : 3;
    }

    private static long pair(int i, int j) {
        return i < j ? ((long) i << 32) | j : ((long) j << 32) | i;
    }
}

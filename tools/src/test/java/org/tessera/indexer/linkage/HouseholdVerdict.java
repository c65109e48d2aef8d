package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.normalise.Nicknames;

/**
 * A command that prints what the household verdict reads on no-household development splits of new seeds (issue #18,
 * session 18): the random pairs of surely different people behind the dependence (each combination's count against
 * the count independence gives), whether those pairs are in truth one person, and the candidate pairs' test. Seeds
 * from {@code -Dseeds} (development seeds, even ranks: never a held-out seed), shape {@code -Dshape=dedup|two-files},
 * recipe {@code -Drecipe=tuning|heldout} (the held-out recipe's mix on the even ranks). Asserts nothing.
 */
public final class HouseholdVerdict {
    private HouseholdVerdict() {
    }

    public static void main(String[] args) {
        CorruptedPopulation.Shape shape = System.getProperty("shape", "two-files").equals("dedup") ? CorruptedPopulation.Shape.DEDUP
                : CorruptedPopulation.Shape.TWO_FILES;
        boolean heldoutRecipe = System.getProperty("recipe", "heldout").equals("heldout");
        boolean link = Boolean.getBoolean("link");
        for (String s : System.getProperty("seeds", "1001,1002,1003").split(",")) {
            long seed = Long.parseLong(s.trim());
            CorruptedPopulation.Spec spec = CorruptedPopulation.Spec.noHouseholdDevelopment(shape, seed, false, heldoutRecipe);
            read(spec, link);
        }
    }

    static void read(CorruptedPopulation.Spec spec, boolean link) {
        CorruptedPopulation.Labelled data = CorruptedPopulation.generate(spec);
        List<PersonOccurrence> occ = FellegiSunterLinker.sortedById(data.occurrences());
        int n = occ.size();
        DoubleMetaphone dm = new DoubleMetaphone();
        Features[] f = new Features[n];
        for (int i = 0; i < n; i++) f[i] = new Features(occ.get(i), dm);
        Comparisons cmp = new Comparisons(Nicknames.uk());
        LinkageSettings settings = LinkageSettings.defaults();
        Random rnd = new Random(settings.seed());
        int givenElse = Comparisons.LEVELS.get(MatchModel.GIVEN).size() - 1, dobElse = Comparisons.LEVELS.get(MatchModel.DOB).size() - 1;
        long total = 0;
        long[] single = new long[3], joint = new long[8], jointTrue = new long[8];
        List<String> shown = new ArrayList<>();
        for (int s = 0; s < settings.uSampleSize(); s++) {
            int i = rnd.nextInt(n), j = rnd.nextInt(n);
            if (i == j) continue;
            int p = cmp.compare(f[i], f[j]);
            int given = Comparisons.level(p, MatchModel.GIVEN), dob = Comparisons.level(p, MatchModel.DOB), id = Comparisons.level(p, MatchModel.IDENTIFIER);
            if (given != givenElse || dob != dobElse || id == 1 || id == 2) continue;
            total++;
            int mask = MatchModel.householdMask(p);
            for (int b = 0; b < 3; b++) if ((mask & (1 << b)) != 0) single[b]++;
            boolean same = data.entityByOccurrence().get(occ.get(i).occurrenceId()).equals(data.entityByOccurrence().get(occ.get(j).occurrenceId()));
            for (int c = 3; c < 8; c++) {
                if (Integer.bitCount(c) >= 2 && (mask & c) == c) { joint[c]++; if (same) jointTrue[c]++; }
            }
            if (Integer.bitCount(mask) >= 2 && shown.size() < 12) {
                shown.add(String.format("    mask %d same person %b: %s / %s", mask, same, describe(occ.get(i)), describe(occ.get(j))));
            }
        }
        double[] dependence = MatchModel.dependence(toMap(f, cmp, settings, n));
        StringBuilder sb = new StringBuilder();
        for (int c = 3; c < 8; c++) {
            if (Integer.bitCount(c) < 2) continue;
            double expected = total;
            for (int b = 0; b < 3; b++) if ((c & (1 << b)) != 0) expected *= (double) single[b] / total;
            sb.append(String.format(" [%d: %d seen (%d one person), %.2f expected, %.2f bits]", c, joint[c], jointTrue[c], expected, dependence[c]));
        }
        System.out.printf("%s: %d surely different random pairs, single %d/%d/%d;%s%n", spec.name(), total, single[0], single[1], single[2], sb);
        shown.forEach(System.out::println);
        if (link) {
            LinkageResult result = new FellegiSunterLinker(settings, Nicknames.uk()).link(data.occurrences(), Decisions.none());
            System.out.printf("  linked: %s; households %b, without households %b%n",
                    FebrlLinkageTest.score(result, data.entityByOccurrence(), result.stats().millis()), result.model().households(), result.model().withoutHouseholds());
        }
    }

    private static java.util.Map<Integer, Long> toMap(Features[] f, Comparisons cmp, LinkageSettings settings, int n) {
        Random rnd = new Random(settings.seed());
        java.util.Map<Integer, Long> out = new java.util.HashMap<>();
        for (int s = 0; s < settings.uSampleSize(); s++) {
            int i = rnd.nextInt(n), j = rnd.nextInt(n);
            if (i == j) continue;
            out.merge(cmp.compare(f[i], f[j]), 1L, Long::sum);
        }
        return out;
    }

    private static String describe(PersonOccurrence o) {
        return o.givenNames() + " " + o.familyName() + " " + o.dateOfBirth() + " " + o.address() + " " + o.postcode() + " " + o.identifiers().values();
    }
}

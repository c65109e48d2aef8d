package org.tessera.indexer.linkage;

import org.tessera.indexer.ingest.ExtractReader;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.normalise.Nicknames;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a generated synthetic county (every extract through its source mapping), links the
 * people and prints pairwise precision/recall against the generator's ground truth
 * ({@code ground-truth/occurrences.csv}: source, record_id, slot, ..., person_id). A command that
 * prints figures, not a test:
 * {@code java -cp ... org.tessera.indexer.linkage.CountyLinkageEvaluation DATA_DIR GROUND_TRUTH_DIR MAPPINGS_DIR}.
 */
public final class CountyLinkageEvaluation {
    public static void main(String[] args) throws IOException {
        Path data = Path.of(args[0]), truthDir = Path.of(args[1]);
        SourceMappings mappings = SourceMappings.loadAll(Path.of(args.length > 2 ? args[2] : "mappings/sources"));
        List<PersonOccurrence> occurrences = new ArrayList<>();
        Map<String, String> keyByOccurrence = new HashMap<>();
        Map<String, long[]> perFile = new TreeMap<>();
        long t0 = System.nanoTime();
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                SourceMapping m = mappings.forFile(file.getFileName().toString()).orElse(null);
                if (m == null) { System.out.println("no mapping for " + file.getFileName()); continue; }
                long[] c = perFile.computeIfAbsent(file.getFileName().toString(), k -> new long[4]);
                try (Stream<RowResult> rows = new ExtractReader(m).read(file)) {
                    rows.forEach(r -> {
                        switch (r) {
                            case RowResult.Accepted a -> {
                                c[0]++;
                                c[2] += a.warnings().size();
                                SourceRecord rec = a.record();
                                List<PersonOccurrence> os = PersonOccurrence.of(rec);
                                for (int i = 0; i < os.size(); i++) {
                                    occurrences.add(os.get(i));
                                    keyByOccurrence.put(os.get(i).occurrenceId(), rec.source() + "|" + rec.recordId() + "|" + i);
                                }
                            }
                            case RowResult.Quarantined q -> {
                                c[1]++;
                                if (c[1] <= 3) System.out.println("  quarantined " + q.issue());
                            }
                            case RowResult.Notice n -> c[3]++;
                        }
                    });
                }
            }
        }
        long readMs = (System.nanoTime() - t0) / 1_000_000;
        perFile.forEach((f, c) -> System.out.printf("%-40s records %7d quarantined %5d warnings %6d notices %d%n", f, c[0], c[1], c[2], c[3]));
        System.out.printf("read %d occurrences in %d ms%n", occurrences.size(), readMs);

        // Linked before the ground truth is read, so the heap holds what the ingest pipeline holds
        // while linking (the occurrences and one map per occurrence) and not the truth as well.
        // -Drepeat=N links N times in this JVM (the later runs warm); -Ddigest=true prints each run's CPU time (the
        // process's and the calling thread's: the linker's single-threaded part) and the digest LinkageIdentityTest
        // pins, so a change meant to be faster shows that it decides exactly as before on a whole county.
        FellegiSunterLinker linker = new FellegiSunterLinker(LinkageSettings.defaults().withWideBlocking(!Boolean.getBoolean("narrow"))
                .withConsistentMatchProbability(Double.parseDouble(System.getProperty("consistent",
                        String.valueOf(LinkageSettings.defaults().consistentMatchProbability())))), Nicknames.uk());
        LinkageResult last = null;
        for (int run = 0, runs = Integer.getInteger("repeat", 1); run < runs; run++) {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            var threadsBean = java.lang.management.ManagementFactory.getThreadMXBean();
            long wall = System.nanoTime(), cpu = os.getProcessCpuTime(), own = threadsBean.getCurrentThreadCpuTime();
            last = linker.link(occurrences, Decisions.none());
            if (Boolean.getBoolean("digest")) {
                System.out.printf("link run %d: wall %.1f s, process CPU %.1f s, calling thread CPU %.1f s, load %.1f; digest %s%n", run + 1,
                        (System.nanoTime() - wall) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9,
                        (threadsBean.getCurrentThreadCpuTime() - own) / 1e9, os.getSystemLoadAverage(), LinkageIdentityTest.digest(last));
            }
        }
        LinkageResult result = last;
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap right after linkage: %d MB used of %d MB max%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        Map<String, String> truth = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(truthDir.resolve("occurrences.csv"))) {
            String[] header = r.readLine().split(",");
            int src = idx(header, "source"), rid = idx(header, "record_id"), slot = idx(header, "slot"), pid = idx(header, "person_id");
            String line;
            while ((line = r.readLine()) != null) {
                String[] v = line.split(",", -1);
                truth.put(v[src] + "|" + v[rid] + "|" + v[slot], v[pid]);
            }
        }
        Map<String, String> personOf = new HashMap<>();
        keyByOccurrence.forEach((occ, key) -> { String p = truth.get(key); if (p != null) personOf.put(occ, p); });
        System.out.printf("ground truth found for %d of %d occurrences%n", personOf.size(), occurrences.size());

        Map<String, Map<String, Long>> byPerson = new HashMap<>();
        result.personIds().forEach((occ, p) -> {
            String t = personOf.get(occ);
            if (t != null) byPerson.computeIfAbsent(p, k -> new HashMap<>()).merge(t, 1L, Long::sum);
        });
        Map<String, Long> sizes = new HashMap<>();
        personOf.values().forEach(t -> sizes.merge(t, 1L, Long::sum));
        long truePairs = sizes.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
        long predicted = 0, correct = 0;
        for (Map<String, Long> m : byPerson.values()) {
            long n = m.values().stream().mapToLong(Long::longValue).sum();
            predicted += n * (n - 1) / 2;
            correct += m.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
        }
        double p = (double) correct / predicted, rc = (double) correct / truePairs;
        System.out.printf("linkage: true persons %d, predicted persons %d; pairwise P=%.4f R=%.4f F1=%.4f; %s; review pairs %d%n",
                sizes.size(), result.stats().persons(), p, rc, 2 * p * rc / (p + rc), result.stats(), result.reviewPairs().size());
        // The issue's targets are for children; adults (often named only in a child's record) are reported.
        Map<String, String> householdRole = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(truthDir.resolve("persons.csv"))) {
            String[] header = r.readLine().split(",");
            int pid = idx(header, "person_id"), role = idx(header, "household_role");
            String line;
            while ((line = r.readLine()) != null) {
                String[] v = line.split(",", -1);
                householdRole.put(v[pid], v[role]);
            }
        }
        for (boolean children : new boolean[] {true, false}) {
            Map<String, Long> byTruth = new HashMap<>(), byPrediction = new HashMap<>(), byBoth = new HashMap<>();
            long count = 0;
            for (var e : personOf.entrySet()) {
                if ("child".equals(householdRole.get(e.getValue())) != children) continue;
                String predictedPerson = result.personIds().get(e.getKey());
                count++;
                byTruth.merge(e.getValue(), 1L, Long::sum);
                byPrediction.merge(predictedPerson, 1L, Long::sum);
                byBoth.merge(e.getValue() + "\u0000" + predictedPerson, 1L, Long::sum);
            }
            double gp = (double) pairs(byBoth) / Math.max(1, pairs(byPrediction)), gr = (double) pairs(byBoth) / Math.max(1, pairs(byTruth));
            System.out.printf("%s: %d occurrences, pairwise P=%.4f R=%.4f F1=%.4f%n", children ? "children" : "adults", count, gp, gr,
                    2 * gp * gr / Math.max(1e-9, gp + gr));
        }
        // Merged true persons: how many predicted persons contain more than one true person.
        long impure = byPerson.values().stream().filter(m -> m.size() > 1).count();
        System.out.printf("predicted persons holding more than one true person: %d%n", impure);
        if (Boolean.getBoolean("examples")) {
            // The wrong persons themselves: each occurrence with its true person.
            Set<String> wrong = new HashSet<>();
            byPerson.forEach((pid, m) -> { if (m.size() > 1) wrong.add(pid); });
            for (PersonOccurrence o : occurrences) {
                String pid = result.personIds().get(o.occurrenceId());
                if (wrong.contains(pid)) System.out.println("  wrong person " + pid + ": true " + personOf.get(o.occurrenceId()) + " " + brief(o) + " " + o.address());
            }
        }
        // The issue's "no adult merged into a child": predicted persons holding a child's and an adult's occurrences.
        Map<String, Set<Boolean>> kinds = new HashMap<>();
        personOf.forEach((occ, truePerson) -> kinds.computeIfAbsent(result.personIds().get(occ), k -> new HashSet<>())
                .add("child".equals(householdRole.get(truePerson))));
        System.out.printf("predicted persons holding a child and an adult: %d%n", kinds.values().stream().filter(k -> k.size() > 1).count());
        // What the fitted model says about households: the dependence per combination of family name
        // (1), address (2) and postcode (4) on random pairs, and MatchModel.households (that, or the
        // household test of the candidate pairs, logged by MatchModel.fit); false: ADR 0045's u correction acts.
        System.out.printf("model: lambda %.6f, household dependence %s -> households %b%n", result.model().lambda(),
                java.util.Arrays.toString(result.model().dependence()), result.model().households());
        if (Boolean.getBoolean("mixed")) {
            // The persons holding a child and an adult, occurrence by occurrence (ids to find their merges in the trace).
            for (PersonOccurrence o : occurrences) {
                String pid = result.personIds().get(o.occurrenceId());
                if (kinds.getOrDefault(pid, Set.of()).size() < 2) continue;
                String t = personOf.get(o.occurrenceId());
                System.out.println("  mixed " + pid + " " + o.occurrenceId() + " true " + t + " " + householdRole.get(t) + " " + brief(o) + " " + o.address());
            }
        }
        if (Boolean.getBoolean("examples")) {
            // Split true persons: print a few occurrences from the second-largest fragment beside one from the largest.
            Map<String, Map<String, List<PersonOccurrence>>> fragments = new HashMap<>();
            for (PersonOccurrence o : occurrences) {
                String t = personOf.get(o.occurrenceId());
                if (t != null) fragments.computeIfAbsent(t, k -> new HashMap<>()).computeIfAbsent(result.personIds().get(o.occurrenceId()), k -> new ArrayList<>()).add(o);
            }
            Map<String, Long> byRole = new TreeMap<>();
            int shown = 0;
            for (var e : fragments.entrySet()) {
                if (e.getValue().size() < 2) continue;
                List<List<PersonOccurrence>> fr = new ArrayList<>(e.getValue().values());
                fr.sort((a, b) -> b.size() - a.size());
                for (int i = 1; i < fr.size(); i++) for (PersonOccurrence o : fr.get(i)) byRole.merge(o.source() + "/" + o.role(), 1L, Long::sum);
                if (shown++ < 12) {
                    System.out.println("true " + e.getKey() + ": main " + brief(fr.get(0).get(0)) + "  | split " + brief(fr.get(1).get(0)) + " (" + fr.get(1).size() + " occ)");
                }
            }
            System.out.println("occurrences outside their person's main fragment, by source/role: " + byRole);
            // Adults split: the fragments and the strongest review pair between them (with its levels), if any.
            Map<String, ReviewPair> bestBetween = new HashMap<>();
            for (ReviewPair rp : result.reviewPairs()) {
                String ta = personOf.get(rp.pair().first()), tb = personOf.get(rp.pair().second());
                if (ta == null || !ta.equals(tb)) continue;
                bestBetween.merge(ta, rp, (x, y) -> x.matchProbability() >= y.matchProbability() ? x : y);
            }
            int adultsShown = 0;
            for (var e : fragments.entrySet()) {
                if (e.getValue().size() < 2 || "child".equals(householdRole.get(e.getKey())) || adultsShown++ >= Integer.getInteger("adultExamples", 0)) continue;
                System.out.println("adult " + e.getKey() + " split in " + e.getValue().size() + ":");
                for (List<PersonOccurrence> fr : e.getValue().values()) System.out.println("     " + fr.size() + " x " + brief(fr.get(0)) + " " + fr.get(0).address());
                ReviewPair rp = bestBetween.get(e.getKey());
                System.out.println("     review: " + (rp == null ? "none" : String.format("%.4f %s %s", rp.matchProbability(), rp.reason(), new TreeMap<>(rp.levels()))));
            }
            // Why the fragments of one true person stayed apart: review pairs between them, by reason and probability.
            Map<String, Long> reasons = new TreeMap<>();
            for (ReviewPair rp : result.reviewPairs()) {
                String ta = personOf.get(rp.pair().first()), tb = personOf.get(rp.pair().second());
                if (ta == null || !ta.equals(tb)) continue;
                if (result.personIds().get(rp.pair().first()).equals(result.personIds().get(rp.pair().second()))) continue;
                reasons.merge(rp.reason() + (rp.matchProbability() >= 0.995 ? " [p>=0.995]" : rp.matchProbability() >= 0.9 ? " [0.9-0.995]" : " [0.5-0.9]"), 1L, Long::sum);
            }
            // Calibration: of the review pairs with ground truth on both sides, how many are one person, by probability.
            double[] edges = {0.5, 0.9, 0.95, 0.98, 0.99, 0.995, 1.0001};
            long[][] calibration = new long[edges.length - 1][2];
            Map<String, Long> patterns = new HashMap<>();
            for (ReviewPair rp : result.reviewPairs()) {
                String ta = personOf.get(rp.pair().first()), tb = personOf.get(rp.pair().second());
                if (ta == null || tb == null) continue;
                int bucket = 0;
                while (bucket < edges.length - 2 && rp.matchProbability() >= edges[bucket + 1]) bucket++;
                calibration[bucket][0]++;
                if (ta.equals(tb)) calibration[bucket][1]++;
                if (ta.equals(tb) && rp.matchProbability() >= 0.9 && rp.reason().startsWith("probability")) {
                    patterns.merge(new TreeMap<>(rp.levels()).toString(), 1L, Long::sum);
                }
            }
            System.out.println("review pairs by probability: share truly one person");
            for (int b = 0; b < calibration.length; b++) {
                System.out.printf("   [%.3f, %.3f): %d pairs, %.4f one person%n", edges[b], Math.min(1, edges[b + 1]), calibration[b][0],
                        calibration[b][1] / (double) Math.max(1, calibration[b][0]));
            }
            System.out.println("commonest patterns of true pairs left in review at p >= 0.9:");
            patterns.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                    .forEach(e -> System.out.println("   " + e.getValue() + "  " + e.getKey()));
            System.out.println("review pairs within one true person, by reason: ");
            reasons.forEach((k, v) -> System.out.println("   " + v + "  " + k));
            Map<String, List<PersonOccurrence>> members = new HashMap<>();
            for (PersonOccurrence o : occurrences) members.computeIfAbsent(result.personIds().get(o.occurrenceId()), k -> new ArrayList<>()).add(o);
            byPerson.forEach((pid, m) -> {
                if (m.size() < 2) return;
                System.out.println("impure person " + pid + " holds true persons " + m);
                for (PersonOccurrence o : members.get(pid)) System.out.println("   " + personOf.get(o.occurrenceId()) + " " + brief(o));
            });
        }
    }

    private static String brief(PersonOccurrence o) {
        return o.source() + "/" + o.role() + " [" + o.givenNames() + "|" + o.familyName() + "|" + o.dateOfBirth() + "|" + o.postcode() + "|" + o.identifiers() + "]";
    }

    private static long pairs(Map<String, Long> groups) {
        return groups.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
    }

    private static int idx(String[] header, String name) {
        for (int i = 0; i < header.length; i++) if (header[i].trim().equals(name)) return i;
        throw new IllegalArgumentException("no column " + name);
    }
}

package org.tessera.indexer.linkage;

import org.tessera.indexer.normalise.Nicknames;

import java.util.List;

/**
 * Prints linkage run time and pairwise precision/recall on synthetic populations of growing size,
 * to show how cost grows, with the wall time and the process CPU time of each linkage call. Run: {@code java -cp ... org.tessera.indexer.linkage.LinkageBenchmark 10000 50000}.
 * A command that prints figures, not a test.
 */
public final class LinkageBenchmark {
    /** CPU time of the whole process (all threads, the collector's included): what linkage costs the machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) {
        // -Dthreads=1 shows what the parallel parts add; the default is what the pipeline uses.
        int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
        FellegiSunterLinker linker = new FellegiSunterLinker(LinkageSettings.defaults(), Nicknames.uk(), threads);
        FellegiSunterLinkerTest gen = new FellegiSunterLinkerTest();
        for (String a : args.length == 0 ? new String[]{"5000", "20000", "50000"} : args) {
            int persons = Integer.parseInt(a);
            FellegiSunterLinkerTest.Truth t = gen.population(42, persons);
            // -Drich=true adds identifiers, repeated rows, addresses and second people (as the pipeline's records have).
            List<PersonOccurrence> occurrences = Boolean.getBoolean("rich") ? LinkageIdentityTest.enrich(t, 42) : t.occurrences();
            long start = System.nanoTime(), cpuStart = processCpuNanos();
            LinkageResult r = linker.link(occurrences, Decisions.none());
            long ms = (System.nanoTime() - start) / 1_000_000, cpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
            double[] pr = FellegiSunterLinkerTest.pairwise(r, t.personOf());
            System.out.printf("threads=%d persons=%d occurrences=%d candidates=%d time=%d ms cpu=%d ms P=%.4f R=%.4f review=%d%n",
                    threads, persons, occurrences.size(), r.stats().candidatePairs(), ms, cpuMs, pr[0], pr[1], r.reviewPairs().size());
            if (Boolean.getBoolean("model")) {
                System.out.println("lambda " + r.model().lambda());
                r.model().levels().forEach(l -> System.out.printf("  %-18s %-22s m=%.4f u=%.6f w=%.2f%n", l.comparison(), l.level(), l.m(), l.u(), l.log2BayesFactor()));
            }
        }
    }
}

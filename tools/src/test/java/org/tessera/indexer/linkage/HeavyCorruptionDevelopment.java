package org.tessera.indexer.linkage;

import org.tessera.indexer.normalise.Nicknames;

/**
 * A command that prints pairwise figures of the two development splits (the tuning split and the
 * second development split, the held-out recipe with a seed of its own) with the default settings (until 2026-12-07 the
 * consistent pairs were off here unless {@code -Dconsistent=0.9} was given); asserts nothing. The
 * held-out splits are read by {@link HeavyCorruptionLinkageTest}, once a change is final. With the argument
 * {@code misses} it prints {@link HeavyCorruptionMissClasses}' table of the tuning split instead.
 *
 * <pre>java -cp core/target/classes:core/target/test-classes:tools/target/classes:tools/target/test-classes:DEPS \
 *     org.tessera.indexer.linkage.HeavyCorruptionDevelopment</pre>
 */
public final class HeavyCorruptionDevelopment {
    private HeavyCorruptionDevelopment() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("misses")) {
            System.setProperty("linkage.misses", args.length > 1 ? args[1] : "tuning");
            new HeavyCorruptionMissClasses().printsTheMissClasses();
            return;
        }
        // -Dsplits=tuning or second (default both); -Dconfigs=auto=P/consistent=P/nohh=P;... links each split once per
        // configuration (default: the default settings); -Dwrong=true prints the wrong persons, -Dmodel=true the fitted m/u.
        String splits = System.getProperty("splits", "tuning,second");
        java.util.List<CorruptedPopulation.Spec> specs = new java.util.ArrayList<>();
        if (splits.contains("tuning")) specs.add(CorruptedPopulation.Spec.tuning());
        if (splits.contains("second")) specs.add(CorruptedPopulation.Spec.secondDevelopment());
        // the no-household tuning splits (FEBRL dsgen-like, issue #18's "C" and "F"): -Dsplits=dedup,two-files
        if (splits.contains("dedup")) specs.add(CorruptedPopulation.Spec.noHouseholdTuning(CorruptedPopulation.Shape.DEDUP));
        if (splits.contains("two-files")) specs.add(CorruptedPopulation.Spec.noHouseholdTuning(CorruptedPopulation.Shape.TWO_FILES));
        // development splits of the held-out recipe on the even ranks, both shapes (session 20): -Dseeds=5001,5002
        for (String s : System.getProperty("seeds", "").split(",")) {
            if (s.isBlank()) continue;
            for (CorruptedPopulation.Shape shape : CorruptedPopulation.Shape.values()) {
                specs.add(CorruptedPopulation.Spec.noHouseholdDevelopment(shape, Long.parseLong(s.trim()), false, true));
            }
        }
        for (CorruptedPopulation.Spec spec : specs) {
            CorruptedPopulation.Labelled data = CorruptedPopulation.generate(spec);
            for (String config : System.getProperty("configs", "").split(";")) {
                LinkageSettings settings = settings(config);
                LinkageResult result = new FellegiSunterLinker(settings, Nicknames.uk()).link(data.occurrences(), Decisions.none());
                FebrlLinkageTest.Metrics m = FebrlLinkageTest.score(result, data.entityByOccurrence(), result.stats().millis());
                System.out.printf("%s split [%s] (development, %d records): %s%n", spec.name(), config, data.occurrences().size(), m);
                if (Boolean.getBoolean("wrong")) ReviewBand.printWrongPairs(result, data);
                if (Boolean.getBoolean("model")) printModel(result.model());
            }
        }
        // FEBRL3 and FEBRL4 (reference data, tuned on in earlier work) with each configuration: -Dsplits=...,febrl
        if (splits.contains("febrl")) {
            for (String config : System.getProperty("configs", "").split(";")) {
                LinkageSettings settings = settings(config);
                System.out.printf("FEBRL3 [%s]: %s%n", config, FebrlLinkageTest.evaluate(settings, true, "dataset3.csv"));
                System.out.printf("FEBRL4 [%s]: %s%n", config, FebrlLinkageTest.evaluate(settings, true, "dataset4a.csv", "dataset4b.csv"));
                if (splits.contains("febrl-plain")) {
                    System.out.printf("FEBRL3 without soc_sec_id [%s]: %s%n", config, FebrlLinkageTest.evaluate(settings, false, "dataset3.csv"));
                    System.out.printf("FEBRL4 without soc_sec_id [%s]: %s%n", config, FebrlLinkageTest.evaluate(settings, false, "dataset4a.csv", "dataset4b.csv"));
                }
            }
        }
    }

    /**
     * The default settings with {@code auto=P}, {@code consistent=P} and {@code nohh=P} (the auto-match probability where the
     * data has no households) of a configuration ({@code /}-separated) applied.
     */
    private static LinkageSettings settings(String config) {
        java.util.Map<String, String> c = new java.util.HashMap<>();
        for (String kv : config.split("/")) if (kv.contains("=")) c.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        LinkageSettings d = LinkageSettings.defaults();
        double auto = Double.parseDouble(c.getOrDefault("auto", String.valueOf(d.autoMatchProbability())));
        double consistent = Math.min(auto, Double.parseDouble(c.getOrDefault("consistent",
                System.getProperty("consistent", String.valueOf(d.consistentMatchProbability())))));
        double withoutHouseholds = Math.min(auto, Double.parseDouble(c.getOrDefault("nohh", String.valueOf(d.autoMatchWithoutHouseholds()))));
        return new LinkageSettings(auto, Math.min(d.reviewProbability(), Math.min(consistent, withoutHouseholds)), d.refineBlockSize(), d.maxBlockSize(),
                d.uSampleSize(), d.emIterations(), d.termFrequencyAdjustment(), d.seed(), d.wideBlocking(), consistent, withoutHouseholds);
    }

    private static void printModel(MatchModel model) {
        System.out.printf("  lambda %.3g, dependence %s%n", model.lambda(), java.util.Arrays.toString(model.dependence()));
        for (MatchModel.Level l : model.levels()) {
            System.out.printf("  %-16s %-22s m %.4f u %.6f  %+.2f bits%n", l.comparison(), l.level(), l.m(), l.u(), l.log2BayesFactor());
        }
    }

    /** Predicted persons holding two or more true persons, with their records. */
    static void printWrongMerges(LinkageResult result, CorruptedPopulation.Labelled data) {
        java.util.Map<String, String> truth = data.entityByOccurrence();
        java.util.Map<String, PersonOccurrence> byId = new java.util.HashMap<>();
        for (PersonOccurrence o : data.occurrences()) byId.put(o.occurrenceId(), o);
        java.util.Map<String, java.util.List<String>> byPerson = new java.util.TreeMap<>();
        result.personIds().forEach((occ, person) -> byPerson.computeIfAbsent(person, k -> new java.util.ArrayList<>()).add(occ));
        for (var e : byPerson.entrySet()) {
            if (e.getValue().stream().map(truth::get).distinct().count() < 2) continue;
            System.out.println("  person " + e.getKey().substring(3, 9) + ":");
            for (String o : e.getValue()) {
                PersonOccurrence x = byId.get(o);
                System.out.printf("    %-6s %-12s %-16s %-10s %s %-36s %-9s %s%n", truth.get(o), x.givenNames(), x.familyName(),
                        x.dateOfBirth(), x.gender(), x.address(), x.postcode(), x.identifiers().values());
            }
        }
    }
}

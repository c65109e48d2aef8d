package org.tessera.indexer.linkage;

import org.tessera.indexer.normalise.Nicknames;

/**
 * A command that prints pairwise figures of the two development splits (the tuning split and the
 * second development split, the held-out recipe with a seed of its own) with the default settings; asserts nothing. The
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
            System.setProperty("linkage.misses", "tuning");
            new HeavyCorruptionMissClasses().printsTheMissClasses();
            return;
        }
        for (CorruptedPopulation.Spec spec : java.util.List.of(CorruptedPopulation.Spec.tuning(), CorruptedPopulation.Spec.secondDevelopment())) {
            CorruptedPopulation.Labelled data = CorruptedPopulation.generate(spec);
            LinkageSettings settings = LinkageSettings.defaults()
                    .withConsistentMatchProbability(Double.parseDouble(System.getProperty("consistent", "0.995")));
            LinkageResult result = new FellegiSunterLinker(settings, Nicknames.uk()).link(data.occurrences(), Decisions.none());
            FebrlLinkageTest.Metrics m = FebrlLinkageTest.score(result, data.entityByOccurrence(), result.stats().millis());
            System.out.printf("%s split (development, %d records): %s%n", spec.name(), data.occurrences().size(), m);
            if (Boolean.getBoolean("wrong")) printWrongMerges(result, data);
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

package org.tessera.indexer.synthetic.population;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Frequency-weighted given names by sex and birth decade, surnames, and nickname equivalences,
 * loaded from {@code /synthetic/*.csv}. Immutable and thread-safe once built.
 */
public final class NameBank {
    private final Map<Sex, TreeMap<Integer, WeightedList<String>>> given = new HashMap<>();
    private final WeightedList<String> surnames;
    private final Map<String, List<String>> shortForms = new HashMap<>();

    public NameBank() {
        Map<String, List<String>> names = new HashMap<>();
        Map<String, List<Double>> weights = new HashMap<>();
        for (String line : ResourceSections.lines("given-names.csv")) {
            String[] f = line.split(",");
            String key = f[0] + f[1];
            names.computeIfAbsent(key, k -> new ArrayList<>()).add(f[2]);
            weights.computeIfAbsent(key, k -> new ArrayList<>()).add(Double.parseDouble(f[3]));
        }
        for (String key : names.keySet()) {
            Sex sex = key.charAt(0) == 'M' ? Sex.MALE : Sex.FEMALE;
            given.computeIfAbsent(sex, s -> new TreeMap<>())
                    .put(Integer.parseInt(key.substring(1)), new WeightedList<>(names.get(key), weights.get(key)));
        }
        List<String> s = new ArrayList<>();
        List<Double> w = new ArrayList<>();
        for (String line : ResourceSections.lines("surnames.csv")) {
            int comma = line.lastIndexOf(',');
            s.add(line.substring(0, comma));
            w.add(Double.parseDouble(line.substring(comma + 1)));
        }
        surnames = new WeightedList<>(s, w);
        for (String line : ResourceSections.lines("nicknames.csv")) {
            String[] f = line.split(",");
            shortForms.put(f[0], List.of(f[1].split("\\|")));
        }
    }

    public String given(Sex sex, int birthYear, SplittableRandom rng) {
        TreeMap<Integer, WeightedList<String>> byDecade = given.get(sex);
        Integer decade = byDecade.floorKey(birthYear - Math.floorMod(birthYear, 10));
        if (decade == null) {
            decade = byDecade.firstKey();
        }
        return byDecade.get(decade).pick(rng);
    }

    public String surname(SplittableRandom rng) {
        return surnames.pick(rng);
    }

    /** Short forms of a formal name (Bill for William); empty when none are known. */
    public List<String> shortFormsOf(String givenName) {
        return shortForms.getOrDefault(givenName, List.of());
    }
}

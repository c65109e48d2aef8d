package org.tessera.indexer.synthetic.population;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Schools, GP practices, hospitals and services of the county, and the out-of-area towns.
 * Assignment is by district so that neighbours share a school and a surgery. Thread-safe.
 */
public final class Organisations {
    public record School(String name, String urn, boolean secondary) {
    }

    private final List<School> primaries;
    private final List<School> secondaries;
    private final List<String> gps;
    private final List<String> hospitals;
    private final List<String> services;
    private final List<String> outOfArea;

    public Organisations() {
        Map<String, List<String>> s = ResourceSections.sections("county.txt");
        primaries = schools(split(s, "primary_schools"), false, 110_000);
        secondaries = schools(split(s, "secondary_schools"), true, 140_000);
        gps = split(s, "gp_practices");
        hospitals = split(s, "hospitals");
        services = split(s, "services");
        outOfArea = split(s, "out_of_area");
    }

    static List<String> split(Map<String, List<String>> s, String key) {
        return List.of(String.join("|", s.get(key)).split("\\|"));
    }

    private static List<School> schools(List<String> names, boolean secondary, int urnBase) {
        return java.util.stream.IntStream.range(0, names.size())
                .mapToObj(i -> new School(names.get(i), String.valueOf(urnBase + 37 * i + 11), secondary)).toList();
    }

    public School schoolFor(int district, int age, long personKey) {
        List<School> pool = age >= 11 ? secondaries : primaries;
        // Most children go to the school of their district; one in five elsewhere.
        int base = age >= 11 ? (district - 1) / 2 : district - 1;
        int offset = Math.floorMod(personKey * 31, 5) == 0 ? (int) Math.floorMod(personKey, 3) + 1 : 0;
        return pool.get(Math.floorMod(base + offset, pool.size()));
    }

    public String gpFor(int district, SplittableRandom rng) {
        return gps.get(Math.floorMod(district - 1 + (rng.nextInt(4) == 0 ? 1 : 0), gps.size()));
    }

    public String gpCode(String gpName) {
        return "Y" + (60_000 + gps.indexOf(gpName) * 17);
    }

    public String hospital(SplittableRandom rng) {
        return rng.nextInt(10) < 7 ? hospitals.getFirst() : hospitals.get(1 + rng.nextInt(hospitals.size() - 1));
    }

    public String service(SplittableRandom rng) {
        return services.get(rng.nextInt(services.size()));
    }

    public String outOfAreaTown(SplittableRandom rng) {
        return outOfArea.get(rng.nextInt(outOfArea.size()));
    }
}

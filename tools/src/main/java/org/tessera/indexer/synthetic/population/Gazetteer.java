package org.tessera.indexer.synthetic.population;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Streets and postcodes of the fictional county (postcode area TC, districts TC1..TC20), built
 * from the seed so the same seed gives the same county. Immutable and thread-safe.
 *
 * <p>The number of streets grows with the county ({@link #forChildren}): with one fixed street list a
 * 150,000-child county put 54 households on a postcode where a 20,000-child one put 7, so more than half
 * of its households shared their postcode and house number with another family, and household evidence
 * (linkage, risk reach) joined unrelated families. Up to {@link #CHILDREN_PER_SCALE} children the county
 * is the one it always was.
 */
public final class Gazetteer {
    // Royal Mail never uses C I K M O V in the last two letters of a postcode.
    private static final String INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

    public record Street(String name, String town, int district, List<String> postcodes) {
    }

    public record Town(String name, int firstDistrict, int lastDistrict, double weight) {
    }

    private final List<Town> towns = new ArrayList<>();
    private final WeightedList<Town> townPick;
    private final List<List<Street>> streetsByDistrict = new ArrayList<>();

    /** Children a county of scale 1 holds with about as many households a postcode as the demo and 20k counties. */
    public static final int CHILDREN_PER_SCALE = 20_000;

    /** The gazetteer of the fixed-size county (scale 1): note fragments and small counties. */
    public Gazetteer(long seed) {
        this(seed, 1);
    }

    /** The gazetteer for a county of {@code children} children: {@code ceil(children / 20,000)} times the streets. */
    public static Gazetteer forChildren(long seed, long children) {
        return new Gazetteer(seed, (int) Math.max(1, (children + CHILDREN_PER_SCALE - 1) / CHILDREN_PER_SCALE));
    }

    /**
     * @param scale how many times the streets of the scale-1 county each district has (their names
     *              stay unique within the district: 83 stems by 15 suffixes, at most ~70 streets a district at scale 1, allow scale 16)
     */
    public Gazetteer(long seed, int scale) {
        if (scale < 1 || scale > 16) {
            throw new IllegalArgumentException("gazetteer scale must be 1..16 (up to 320,000 children), was " + scale);
        }
        Map<String, List<String>> s = ResourceSections.sections("county.txt");
        List<Double> w = new ArrayList<>();
        for (String line : s.get("towns")) {
            String[] f = line.split("\\|");
            Town t = new Town(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Double.parseDouble(f[3]));
            towns.add(t);
            w.add(t.weight());
        }
        townPick = new WeightedList<>(towns, w);
        List<String> stems = Organisations.split(s, "street_stems");
        List<String> suffixes = Organisations.split(s, "street_suffixes");
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EEDC0FFEEL);
        for (int d = 1; d <= 20; d++) {
            Town town = townOf(d);
            int streets = (40 + (int) (town.weight() * 2 / (town.lastDistrict() - town.firstDistrict() + 1)) + rng.nextInt(20))
                    * scale;
            List<Street> list = new ArrayList<>();
            Set<String> used = new HashSet<>();
            for (int i = 0; i < streets; i++) {
                String name;
                do {
                    name = stems.get(rng.nextInt(stems.size())) + " " + suffixes.get(rng.nextInt(suffixes.size()));
                } while (!used.add(name));
                List<String> pcs = new ArrayList<>();
                int sector = rng.nextInt(10);
                for (int p = 0, n = 1 + rng.nextInt(3); p < n; p++) {
                    pcs.add("TC" + d + " " + sector + INWARD_LETTERS.charAt(rng.nextInt(INWARD_LETTERS.length()))
                            + INWARD_LETTERS.charAt(rng.nextInt(INWARD_LETTERS.length())));
                }
                list.add(new Street(name, town.name(), d, List.copyOf(pcs)));
            }
            streetsByDistrict.add(List.copyOf(list));
        }
    }

    private Town townOf(int district) {
        return towns.stream().filter(t -> district >= t.firstDistrict() && district <= t.lastDistrict()).findFirst()
                .orElseThrow();
    }

    public Address randomAddress(SplittableRandom rng) {
        Town t = townPick.pick(rng);
        int d = t.firstDistrict() + rng.nextInt(t.lastDistrict() - t.firstDistrict() + 1);
        return addressIn(d, rng);
    }

    /** A new address, usually in the same town as {@code near} (most moves are local). */
    public Address moveFrom(Address near, SplittableRandom rng) {
        if (rng.nextInt(10) < 7) {
            Town t = townOf(near.district());
            return addressIn(t.firstDistrict() + rng.nextInt(t.lastDistrict() - t.firstDistrict() + 1), rng);
        }
        return randomAddress(rng);
    }

    private Address addressIn(int district, SplittableRandom rng) {
        List<Street> streets = streetsByDistrict.get(district - 1);
        Street st = streets.get(rng.nextInt(streets.size()));
        int number = 1 + rng.nextInt(st.name().endsWith("Close") || st.name().endsWith("Court") ? 30 : 140);
        String line1 = rng.nextInt(8) == 0 ? "Flat " + (1 + rng.nextInt(12)) + ", " + number + " " + st.name()
                : number + " " + st.name();
        String pc = st.postcodes().get(Math.min(st.postcodes().size() - 1, number * st.postcodes().size() / 141));
        return new Address(line1, st.name(), st.town(), pc, district);
    }
}

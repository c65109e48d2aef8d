package org.tessera.indexer.synthetic.notes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tessera.indexer.synthetic.population.ResourceSections;

/**
 * Note fragments and indicator phrases, loaded once from {@code /synthetic/note-fragments.txt}
 * and {@code /synthetic/indicator-phrases.txt}, split into template families. Immutable, thread-safe.
 */
public final class FragmentBank {
    private final Map<String, List<String>> fragments;
    private final Map<String, List<String>> phrases;
    private final Map<String, List<String>> misspellings = new HashMap<>();

    public FragmentBank() {
        fragments = ResourceSections.sections("note-fragments.txt");
        phrases = ResourceSections.sections("indicator-phrases.txt");
        for (String line : ResourceSections.lines("misspellings.csv")) {
            String[] f = line.split(",");
            misspellings.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f[1]);
        }
    }

    public List<String> fragments(String section, TemplateSet set) {
        return family(fragments.get(section), section, set);
    }

    public boolean hasPhrases(String indicatorId, Cue cue) {
        return phrases.containsKey(cue.section(indicatorId));
    }

    public List<String> phrases(String indicatorId, Cue cue, TemplateSet set) {
        return phrases(indicatorId, cue, set, null);
    }

    /**
     * Phrases fit for a note family: lines tagged {@code family:} plus untagged ones (tags removed).
     * A family with no fitting line falls back to the untagged lines, then to all.
     */
    public List<String> phrases(String indicatorId, Cue cue, TemplateSet set, String noteFamily) {
        String section = cue.section(indicatorId);
        List<String> all = family(phrases.get(section), section, set);
        List<String> fit = new ArrayList<>();
        List<String> untagged = new ArrayList<>();
        for (String line : all) {
            int colon = line.indexOf(": ");
            String tag = colon > 0 && line.substring(0, colon).matches("[a-z_]+") ? line.substring(0, colon) : null;
            String text = tag == null ? line : line.substring(colon + 2);
            if (tag == null) {
                untagged.add(text);
                fit.add(text);
            } else if (tag.equals(noteFamily)) {
                fit.add(text);
            }
        }
        if (!fit.isEmpty()) {
            return fit;
        }
        return untagged.isEmpty() ? all.stream().map(l -> l.replaceFirst("^[a-z_]+: ", "")).toList() : untagged;
    }

    /** Indicator ids that have phrases with the given cue. */
    public List<String> indicatorsWith(Cue cue) {
        List<String> out = new ArrayList<>();
        for (String k : phrases.keySet()) {
            if (cue == Cue.AFFIRMED ? !k.contains(".") : k.endsWith(cue.section(""))) {
                out.add(cue == Cue.AFFIRMED ? k : k.substring(0, k.indexOf('.')));
            }
        }
        return out;
    }

    public Map<String, List<String>> misspellings() {
        return misspellings;
    }

    private static List<String> family(List<String> all, String section, TemplateSet set) {
        if (all == null) {
            throw new IllegalArgumentException("no note section " + section);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (set.admits(i)) {
                out.add(all.get(i));
            }
        }
        // Short indicator sections may have no held-out line; then the family shares them.
        return out.isEmpty() ? all : out;
    }

    public int fragmentCount() {
        return fragments.values().stream().mapToInt(List::size).sum()
                + phrases.values().stream().mapToInt(List::size).sum();
    }
}

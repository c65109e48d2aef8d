package org.tessera.indexer.linkage;

import java.util.Set;

/**
 * Recorded human decisions, which override the model: {@code merge} pairs always end in one
 * person (even against conflicting identifiers); {@code split} pairs never do, whatever the
 * evidence. A pair in both sets is a configuration error.
 */
public record Decisions(Set<OccurrencePair> merge, Set<OccurrencePair> split) {
    public Decisions {
        merge = Set.copyOf(merge);
        split = Set.copyOf(split);
        for (OccurrencePair p : merge) {
            if (split.contains(p)) throw new IllegalArgumentException("pair both merged and split: " + p);
        }
    }

    public static Decisions none() { return new Decisions(Set.of(), Set.of()); }
}

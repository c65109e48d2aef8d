package org.tessera.indexer.linkage;

import java.util.Objects;

/** An unordered pair of occurrence ids, stored in order so that equal pairs are equal records. */
public record OccurrencePair(String first, String second) {
    public OccurrencePair {
        Objects.requireNonNull(first);
        Objects.requireNonNull(second);
        if (first.equals(second)) throw new IllegalArgumentException("a pair needs two occurrences: " + first);
        if (first.compareTo(second) > 0) {
            String t = first;
            first = second;
            second = t;
        }
    }
}

package org.tessera.indexer.linkage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How many pairs had each comparison pattern, counted without boxing (a {@code Map<Integer, Long>}
 * merge per pair was an allocation per candidate pair).
 *
 * <p>The model is fitted by iterating a {@link HashMap}, and the order of EM's floating-point
 * sums follows that map's layout, which depends on how it was built: {@link HashMap#merge} puts a
 * new key at the head of its bucket and grows the table at the start of a call. {@link #toMap()}
 * therefore replays what counting pair by pair with {@code merge} did (new keys in first-seen
 * order, and one more call when pairs followed the last new key), which gives the same layout.
 * Not thread-safe: one per thread, merged in pair order with {@link #addAll}.
 */
final class PatternCounts {
    private static final int EMPTY = -1; // patterns are non-negative

    private int[] slots = new int[64];      // pattern, or EMPTY
    private long[] counts = new long[64];
    private int[] order = new int[16];      // patterns in first-seen order
    private long[] firstAt = new long[16];  // the pair at which each was first seen
    private int size;
    private long total;                     // pairs counted

    PatternCounts() {
        Arrays.fill(slots, EMPTY);
    }

    void add(int pattern) {
        add(pattern, 1, total);
        total++;
    }

    /** Adds another count as if its pairs came after this one's. */
    void addAll(PatternCounts other) {
        for (int k = 0; k < other.size; k++) {
            int p = other.order[k];
            add(p, other.counts[other.slot(p)], total + other.firstAt[k]);
        }
        total += other.total;
    }

    private void add(int pattern, long count, long pair) {
        int at = slot(pattern);
        if (slots[at] == EMPTY) {
            slots[at] = pattern;
            if (size == order.length) {
                order = Arrays.copyOf(order, size * 2);
                firstAt = Arrays.copyOf(firstAt, size * 2);
            }
            order[size] = pattern;
            firstAt[size++] = pair;
            if (size * 2 > slots.length) { grow(); at = slot(pattern); }
        }
        counts[at] += count;
    }

    /** The map {@code merge(pattern, 1L, Long::sum)} pair by pair would have built, layout included. */
    Map<Integer, Long> toMap() {
        Map<Integer, Long> out = new HashMap<>();
        for (int k = 0; k < size; k++) out.merge(order[k], counts[slot(order[k])], Long::sum);
        // A later pair's merge call would have grown the table once more if it was over its threshold.
        if (size > 0 && total > firstAt[size - 1] + 1) out.merge(order[size - 1], 0L, Long::sum);
        return out;
    }

    private int slot(int pattern) {
        int mask = slots.length - 1;
        int at = (pattern * 0x9E3779B9) >>> 7 & mask;
        while (slots[at] != EMPTY && slots[at] != pattern) at = (at + 1) & mask;
        return at;
    }

    private void grow() {
        int[] oldSlots = slots;
        long[] oldCounts = counts;
        slots = new int[oldSlots.length * 2];
        counts = new long[oldSlots.length * 2];
        Arrays.fill(slots, EMPTY);
        for (int k = 0; k < oldSlots.length; k++) {
            if (oldSlots[k] == EMPTY) continue;
            int at = slot(oldSlots[k]);
            slots[at] = oldSlots[k];
            counts[at] = oldCounts[k];
        }
    }
}

package org.tessera.indexer.synthetic.output;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-household running state while its events are written in date order: record counters
 * (so record ids depend only on the household, not on generation order) and histories that
 * extracts report (referrals in the last 12 months, previous CP plans).
 */
public final class HouseholdState {
    private final long index;
    private final Map<String, Integer> counters = new HashMap<>();
    private final Map<String, List<LocalDate>> history = new HashMap<>();

    public HouseholdState(long index) {
        this.index = index;
    }

    /** A number unique within the source: household index and a per-household counter. */
    public String nextId(String source, int width) {
        int n = counters.merge(source, 1, Integer::sum);
        if (n >= 1000) {
            throw new IllegalStateException("more than 999 records of " + source + " in household " + index);
        }
        return String.format("%0" + width + "d", index * 1000 + n);
    }

    /** Records a dated event of a kind for a person and returns how many were in the previous 365 days. */
    public int countAndAdd(String kind, String personId, LocalDate d) {
        List<LocalDate> list = history.computeIfAbsent(kind + "|" + personId, k -> new ArrayList<>());
        int n = (int) list.stream().filter(x -> x.isAfter(d.minusDays(365)) && !x.isAfter(d)).count();
        list.add(d);
        return n;
    }

    public int count(String kind, String personId) {
        return history.getOrDefault(kind + "|" + personId, List.of()).size();
    }

    public long index() {
        return index;
    }
}

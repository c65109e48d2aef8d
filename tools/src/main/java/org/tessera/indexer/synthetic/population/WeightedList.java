package org.tessera.indexer.synthetic.population;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Immutable list of items with frequency weights; sampling is O(log n). Thread-safe. */
public final class WeightedList<T> {
    private final List<T> items;
    private final double[] cumulative;

    public WeightedList(List<T> items, List<Double> weights) {
        if (items.isEmpty() || items.size() != weights.size()) {
            throw new IllegalArgumentException("need as many weights as items, at least one");
        }
        this.items = List.copyOf(items);
        this.cumulative = new double[items.size()];
        double sum = 0;
        for (int i = 0; i < weights.size(); i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
    }

    public T pick(SplittableRandom rng) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        if (i < 0) {
            i = -i - 1;
        }
        return items.get(Math.min(i, items.size() - 1));
    }

    public List<T> items() {
        return items;
    }
}

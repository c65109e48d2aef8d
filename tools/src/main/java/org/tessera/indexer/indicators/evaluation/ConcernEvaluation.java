package org.tessera.indexer.indicators.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arithmetic of {@code tessera indicators evaluate}: given each corpus item and the hits the
 * percolator gave it, per concern and overall
 * <ul>
 *   <li>affirmed recall: affirmed items with a hit at full weight of one of the concern's indicators;</li>
 *   <li>non-affirmed items (negated, hypothetical, historical, uncertain) with such a hit, in all and per context;</li>
 *   <li>{@code none} distractors with a hit at full weight of any indicator.</li>
 * </ul>
 * "Full weight" is a hit's weight factor of 1 (see {@link ItemHit}); a historical or uncertain hit
 * kept as evidence at a reduced weight is reported apart. Pure and immutable.
 */
public record ConcernEvaluation(Map<String, ConcernFigures> concerns, ConcernFigures overall, Tally distractors,
                                List<Miss> misses, Map<String, Writer> writers) {

    /** One writer's figures (items whose id starts with the writer's prefix, "D-0001": one prefix per corpus file). */
    public record Writer(ConcernFigures figures, Tally distractors) {
        static final Writer EMPTY = new Writer(ConcernFigures.empty(), Tally.ZERO);
    }

    /** One hit of one item: its indicator and its weight factor (0 = does not count, 1 = full weight). */
    public record ItemHit(String indicatorId, double factor, String matched) {
        public boolean full() {
            return factor >= 1.0;
        }

        public boolean reduced() {
            return factor > 0 && factor < 1.0;
        }
    }

    /** {@code hits} of {@code total}. */
    public record Tally(int hits, int total) {
        public static final Tally ZERO = new Tally(0, 0);

        Tally add(boolean hit) {
            return new Tally(hits + (hit ? 1 : 0), total + 1);
        }

        Tally plus(Tally other) {
            return new Tally(hits + other.hits, total + other.total);
        }

        public double share() {
            return total == 0 ? Double.NaN : (double) hits / total;
        }

        @Override
        public String toString() {
            return total == 0 ? "-" : String.format(java.util.Locale.ROOT, "%d/%d %.2f", hits, total, share());
        }
    }

    /**
     * @param nonAffirmedFull non-affirmed items with a full-weight hit of the concern
     * @param byContext       the same per context (negated, hypothetical, historical, uncertain)
     * @param reduced         historical or uncertain items whose concern hit counts only at a reduced weight
     */
    public record ConcernFigures(int items, Tally affirmedRecall, Tally nonAffirmedFull, Map<String, Tally> byContext,
                                 Tally reduced) {
        public ConcernFigures {
            byContext = java.util.Collections.unmodifiableMap(new TreeMap<>(byContext));
        }

        static ConcernFigures empty() {
            return new ConcernFigures(0, Tally.ZERO, Tally.ZERO, Map.of(), Tally.ZERO);
        }

        ConcernFigures with(ConcernItem item, boolean full, boolean reduced) {
            Map<String, Tally> contexts = new TreeMap<>(byContext);
            if (item.affirmed()) {
                return new ConcernFigures(items + 1, affirmedRecall.add(full), nonAffirmedFull, contexts, this.reduced);
            }
            contexts.merge(item.context(), Tally.ZERO.add(full), Tally::plus);
            boolean weighted = item.context().equals("historical") || item.context().equals("uncertain");
            return new ConcernFigures(items + 1, affirmedRecall, nonAffirmedFull.add(full), contexts,
                    weighted ? this.reduced.add(reduced && !full) : this.reduced);
        }

        ConcernFigures plus(ConcernFigures other) {
            Map<String, Tally> contexts = new TreeMap<>(byContext);
            other.byContext.forEach((k, v) -> contexts.merge(k, v, Tally::plus));
            return new ConcernFigures(items + other.items, affirmedRecall.plus(other.affirmedRecall),
                    nonAffirmedFull.plus(other.nonAffirmedFull), contexts, reduced.plus(other.reduced));
        }
    }

    /** An affirmed item not recalled, or a non-affirmed item or distractor that counted at full weight. */
    public record Miss(ConcernItem item, String kind, List<ItemHit> hits) {
        public Miss {
            hits = List.copyOf(hits);
        }
    }

    public ConcernEvaluation {
        concerns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(concerns));
        misses = List.copyOf(misses);
        writers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(writers));
    }

    /** @param hits per item, in the order of {@code items} */
    public static ConcernEvaluation of(List<ConcernItem> items, List<List<ItemHit>> hits, ConcernMap map) {
        if (items.size() != hits.size()) {
            throw new IllegalArgumentException(items.size() + " items but " + hits.size() + " hit lists");
        }
        Map<String, ConcernFigures> concerns = new TreeMap<>();
        Tally distractors = Tally.ZERO;
        List<Miss> misses = new ArrayList<>();
        Map<String, Writer> writers = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            ConcernItem item = items.get(i);
            List<ItemHit> itemHits = hits.get(i);
            String writer = ContextHeadTrainer.writer(item);
            Writer w = writers.getOrDefault(writer, Writer.EMPTY);
            if (item.distractor()) {
                boolean counted = itemHits.stream().anyMatch(ItemHit::full);
                distractors = distractors.add(counted);
                writers.put(writer, new Writer(w.figures(), w.distractors().add(counted)));
                if (counted) {
                    misses.add(new Miss(item, "distractor counted", itemHits));
                }
                continue;
            }
            List<ItemHit> ofConcern = itemHits.stream().filter(h -> map.of(item.concern()).contains(h.indicatorId())).toList();
            boolean full = ofConcern.stream().anyMatch(ItemHit::full);
            boolean reduced = ofConcern.stream().anyMatch(ItemHit::reduced);
            concerns.put(item.concern(), concerns.getOrDefault(item.concern(), ConcernFigures.empty()).with(item, full, reduced));
            writers.put(writer, new Writer(w.figures().with(item, full, reduced), w.distractors()));
            if (item.affirmed() && !full) {
                misses.add(new Miss(item, "affirmed missed", itemHits));
            } else if (!item.affirmed() && full) {
                misses.add(new Miss(item, item.context() + " counted", itemHits));
            }
        }
        ConcernFigures overall = concerns.values().stream().reduce(ConcernFigures.empty(), ConcernFigures::plus);
        if (writers.size() > 20) {
            writers.clear(); // ids without a writer's prefix: no per-writer lines
        }
        return new ConcernEvaluation(concerns, overall, distractors, misses, writers);
    }

    /** The report {@code tessera indicators evaluate} prints: a table per concern and overall, then the misses if asked. */
    public String render(boolean withMisses) {
        StringBuilder out = new StringBuilder();
        String header = "%-24s %6s  %-15s  %-15s  %-13s %-13s %-13s %-13s  %s%n";
        out.append(String.format(java.util.Locale.ROOT, header, "concern", "items", "affirmed recall", "non-aff. full",
                "negated", "hypothetical", "historical", "uncertain", "hist/unc reduced"));
        concerns.forEach((name, f) -> out.append(row(header, name, f)));
        out.append(row(header, "OVERALL", overall));
        out.append(String.format(java.util.Locale.ROOT, "none distractors counting at full weight: %s%n", distractors));
        if (writers.size() > 1) {
            out.append(String.format("%nper writer (id prefix; one per corpus file)%n"));
            writers.forEach((name, w) -> out.append(String.format(java.util.Locale.ROOT,
                    "  writer %-3s affirmed recall %-15s non-affirmed full %-15s distractors %s%n", name, w.figures().affirmedRecall(),
                    w.figures().nonAffirmedFull(), w.distractors())));
        }
        if (withMisses) {
            out.append(String.format("%nmisses (%d)%n", misses.size()));
            for (Miss miss : misses) {
                StringBuilder hitText = new StringBuilder();
                for (ItemHit h : miss.hits()) {
                    hitText.append(hitText.isEmpty() ? "" : "; ").append(h.indicatorId())
                            .append(h.full() ? "" : String.format(java.util.Locale.ROOT, "(x%.2f)", h.factor()))
                            .append(h.matched() == null ? "" : " \"" + h.matched() + "\"");
                }
                out.append(String.format("%s\t%s\t%s\t%s\t%s\t[%s]%n", miss.item().id(), miss.item().concern(), miss.kind(),
                        miss.item().text(), hitText.isEmpty() ? "-" : hitText, miss.item().agency()));
            }
        }
        return out.toString();
    }

    private static String row(String format, String name, ConcernFigures f) {
        return String.format(java.util.Locale.ROOT, format, name, f.items(), f.affirmedRecall(), f.nonAffirmedFull(),
                f.byContext().getOrDefault("negated", Tally.ZERO), f.byContext().getOrDefault("hypothetical", Tally.ZERO),
                f.byContext().getOrDefault("historical", Tally.ZERO), f.byContext().getOrDefault("uncertain", Tally.ZERO), f.reduced());
    }
}

package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.normalise.Nicknames;

/**
 * Which occurrences a full run could link with given ones, with fixed {@link LinkageParameters}
 * (issue #19, docs/linkage.md "Incremental linking"): what an incremental run frees around what
 * changed, instead of everyone sharing a raw blocking key with it. A pair can take part in a full
 * run's decisions only when
 * <ul>
 *   <li>the full run's blocking makes it a candidate: it shares a key of a rule whose block is
 *       small enough not to be refined ({@link LinkageSettings#refineBlockSize()}), or shares that
 *       key's refinement, or shares a key of a rule without refinement (an identifier: a strong
 *       identifier joins whatever the blocking); and</li>
 *   <li>the model weighs it where a decision reads it: at or above the lowest of the review,
 *       consistent, unique-identity and auto-match thresholds (merges, ambiguity, contested
 *       pairs, review), or at any weight when household evidence may carry it
 *       ({@link FellegiSunterLinker#householdEligible}), or it shares an identifier.</li>
 * </ul>
 * Each test errs wide: the block sizes are counted over distinct raw identities (never more than
 * the full run's units, so a block this counts as refined is refined there), the caps on block
 * sizes are not applied, the household test does not ask whether either side is named beside
 * someone, and both orders of the comparison are weighed. Everything is read through the linker's
 * own features, blocking rules, comparisons and weights.
 *
 * <p>One instance serves one run (issue 19): an occurrence's features, raw identity, blocking keys and
 * refinements are made the first time a call meets it and kept for the run's later calls (the contestants
 * and widening rounds meet most of the first call's records again), and both the making and the weighing
 * of candidates run on the linker's threads. Each call's answer is that of a fresh single-threaded one: a
 * kept occurrence is used only for the same occurrence (equal in every field), and the candidates are
 * weighed independently of each other. Thread-safe; calls do not share their answers.
 */
public final class LinkReach {

    private static final int IDENTIFIER = Blocking.RULES.indexOf("identifier");
    /** Fewer occurrences than this are made or weighed on the calling thread: a pool costs more than it saves. */
    private static final int PARALLEL_FROM = 500;
    /**
     * Occurrences kept for later calls at most: past it what a call makes is dropped with the call and made again by
     * the next (the 150,000-child county's widening rounds each met 1.75-2.28 M stored occurrences and re-made all but
     * the first 500,000 of them each round, session 18). Scaled with the heap ({@link #keptFor}): an entry (the
     * occurrence, its features, raw identity, keys and refinements) is taken as 4 KiB, an estimate (ADR 0057).
     */
    static final int MAX_KEPT = keptFor(Runtime.getRuntime().maxMemory());

    /** Bytes taken for one kept occurrence when sizing the keep ({@link #keptFor}). */
    static final long KEPT_ENTRY_BYTES = 4096;

    /** Occurrences kept for a heap of {@code maxHeapBytes}: a quarter of it at {@link #KEPT_ENTRY_BYTES} an entry, 500,000 to 4,000,000. */
    static int keptFor(long maxHeapBytes) {
        return (int) Math.max(500_000, Math.min(4_000_000, maxHeapBytes / 4 / KEPT_ENTRY_BYTES));
    }

    private final LinkageSettings settings;
    private final LinkageParameters parameters;
    private final double floor;
    private final int threads;
    private final Comparisons cmp;
    private final Features.Interner interner = new Features.Interner();
    private final FeatureMemo memo = new FeatureMemo();
    /** What the run's calls made of each occurrence, by occurrence id. */
    private final Map<String, Prepared> prepared = new ConcurrentHashMap<>();

    /**
     * One occurrence as every call reads it: its features, raw identity, and each rule's keys and
     * refinements ({@link Blocking#keys}, {@link Blocking#refinements}; null where the rule has none).
     */
    private record Prepared(PersonOccurrence occurrence, Features features, FellegiSunterLinker.RawIdentity identity, String[][] keys,
                            String[][] refinements) {
    }

    LinkReach(LinkageSettings settings, Nicknames nicknames, LinkageParameters parameters, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads " + threads);
        this.settings = settings;
        this.parameters = parameters;
        this.threads = threads;
        this.cmp = new Comparisons(nicknames);
        double lowest = Math.min(Math.min(settings.reviewProbability(), settings.consistentMatchProbability()),
                Math.min(Math.min(settings.autoMatchProbability(), settings.autoMatchWithoutHouseholds()), FellegiSunterLinker.UNIQUE_IDENTITY_PROBABILITY));
        this.floor = MatchModel.weightOf(lowest) - 1e-9;
    }

    /**
     * The blocking keys of each occurrence, as {@link BlockingKeys#of} gives them ({@code rule:key},
     * every rule, before refinement), from what this reach made of it: an occurrence whose keys the
     * run checks is then not made again when a call weighs it.
     */
    public List<Set<String>> keys(List<PersonOccurrence> occurrences) {
        Map<String, Prepared> made = prepare(occurrences);
        List<Set<String>> out = new ArrayList<>(occurrences.size());
        for (PersonOccurrence o : occurrences) {
            String[][] keys = of(made, o).keys();
            Set<String> set = new HashSet<>();
            for (int r = 0; r < keys.length; r++) {
                for (String k : keys[r]) {
                    set.add(BlockingKeys.raw(r, k));
                }
            }
            out.add(set);
        }
        return out;
    }

    /** A key shared by more units than this is refined by a full run ({@link LinkageSettings#refineBlockSize()}). */
    public int refineAbove() {
        return settings.refineBlockSize();
    }

    /**
     * The blocks a full run puts these occurrences in for their keys in {@code crowded} (raw keys, {@code rule:key},
     * that a full run refines): each such key's refinements ({@link BlockingKeys#refined}), or the key itself for a
     * rule without refinement. An occurrence a full run could compare with one of these on such a key shares one
     * of them (ADR 0053).
     */
    public Set<String> refinedKeys(List<PersonOccurrence> occurrences, Set<String> crowded) {
        Set<String> out = new HashSet<>();
        if (crowded.isEmpty()) {
            return out;
        }
        Map<String, Prepared> made = prepare(occurrences);
        for (PersonOccurrence o : occurrences) {
            Prepared x = of(made, o);
            for (int r = 0; r < x.keys().length; r++) {
                for (String k : x.keys()[r]) {
                    if (!crowded.contains(BlockingKeys.raw(r, k))) {
                        continue;
                    }
                    String[] subs = x.refinements()[r];
                    if (subs == null) {
                        out.add(BlockingKeys.raw(r, k));
                    } else {
                        for (String s : subs) {
                            out.add(BlockingKeys.refined(r, k, s));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Of {@code candidates}, the occurrence ids of those a full run could link with one of
     * {@code from} (not with themselves).
     *
     * @param counted with {@code from} and {@code candidates}, every occurrence of the run that
     *                holds a blocking key of {@code from} (repeats and others allowed): the full
     *                run's block sizes are counted over them
     */
    public Set<String> linkable(List<PersonOccurrence> from, List<PersonOccurrence> candidates, Collection<PersonOccurrence> counted) {
        return linkable(from, candidates, counted, Set.of());
    }

    /**
     * As {@link #linkable(List, List, Collection)}, where the keys in {@code crowded} ({@code rule:key}) are known
     * to be refined by a full run (the feed store counted more units holding them than {@link #refineAbove()},
     * ADR 0053): their holders need not be among {@code candidates} and {@code counted}, only those sharing one of
     * their refinements ({@link #refinedKeys}).
     */
    public Set<String> linkable(List<PersonOccurrence> from, List<PersonOccurrence> candidates, Collection<PersonOccurrence> counted,
                                Set<String> crowded) {
        List<PersonOccurrence> every = new ArrayList<>(from.size() + candidates.size() + counted.size());
        every.addAll(from);
        every.addAll(candidates);
        every.addAll(counted);
        // the first occurrence of each id stands for it, as it does below
        Map<String, Prepared> made = prepare(every);
        Prepared[] p = new Prepared[from.size() + candidates.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = made.get((i < from.size() ? from.get(i) : candidates.get(i - from.size())).occurrenceId());
        }
        int rules = settings.wideBlocking() ? Blocking.RULES.size() : Blocking.FIRST_WIDE_RULE;
        // the keys of `from`, rule by rule, and their blocks' sizes over distinct raw identities
        List<Map<String, Integer>> sizes = new ArrayList<>();
        for (int r = 0; r < rules; r++) {
            Map<String, Integer> size = new HashMap<>();
            for (int i = 0; i < from.size(); i++) {
                for (String k : p[i].keys()[r]) {
                    // a key the store counted past the threshold starts past it: refined, whoever else is counted here
                    size.put(k, crowded.contains(BlockingKeys.raw(r, k)) ? settings.refineBlockSize() + 1 : 0);
                }
            }
            sizes.add(size);
        }
        Set<String> seenIds = new HashSet<>();
        Set<FellegiSunterLinker.RawIdentity> identities = new HashSet<>();
        for (PersonOccurrence o : every) {
            if (!seenIds.add(o.occurrenceId())) {
                continue;
            }
            Prepared x = made.get(o.occurrenceId());
            if (!identities.add(x.identity())) {
                continue;
            }
            for (int r = 0; r < rules; r++) {
                Map<String, Integer> size = sizes.get(r);
                for (String k : x.keys()[r]) {
                    size.computeIfPresent(k, (key, n) -> n + 1);
                }
            }
        }
        // `from` by effective block: the key itself when the full run keeps it whole, else key and refinement
        List<Map<String, List<Integer>>> blocks = new ArrayList<>();
        for (int r = 0; r < rules; r++) {
            Map<String, List<Integer>> block = new HashMap<>();
            for (int i = 0; i < from.size(); i++) {
                for (String k : effective(r, p[i], sizes.get(r))) {
                    block.computeIfAbsent(k, key -> new ArrayList<>()).add(i);
                }
            }
            blocks.add(block);
        }
        Features[] f = new Features[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = p[i].features();
        }
        TermFrequencies tf = settings.termFrequencyAdjustment() ? TermFrequencies.of(f, parameters.counts()) : TermFrequencies.none();
        PairWeights weights = new PairWeights(parameters.model(), tf, Set.of());
        // each candidate id once (a repeat holds the same features, so it is weighed the same), weighed on its own
        Map<String, Integer> firstOf = new LinkedHashMap<>();
        for (int c = 0; c < candidates.size(); c++) {
            firstOf.putIfAbsent(candidates.get(c).occurrenceId(), from.size() + c);
        }
        int[] places = firstOf.values().stream().mapToInt(Integer::intValue).toArray();
        Set<String> out = new HashSet<>();
        run(places.length, (workers, parts) -> workers.overRanges(places.length, parts, (lo, hi) -> {
            List<String> found = new ArrayList<>();
            for (int c = lo; c < hi; c++) {
                if (reaches(places[c], from, p, f, sizes, blocks, rules, weights)) {
                    found.add(p[places[c]].occurrence().occurrenceId());
                }
            }
            return found;
        })).forEach(out::addAll);
        return out;
    }

    /** Whether the candidate at {@code j} shares an effective block with one of {@code from} that a decision could read. */
    private boolean reaches(int j, List<PersonOccurrence> from, Prepared[] p, Features[] f, List<Map<String, Integer>> sizes,
                           List<Map<String, List<Integer>>> blocks, int rules, PairWeights weights) {
        String id = p[j].occurrence().occurrenceId();
        Set<Integer> tried = new HashSet<>();
        for (int r = 0; r < rules; r++) {
            for (String k : effective(r, p[j], sizes.get(r))) {
                for (int i : blocks.get(r).getOrDefault(k, List.of())) {
                    if (from.get(i).occurrenceId().equals(id) || !tried.add(i)) {
                        continue;
                    }
                    if (r == IDENTIFIER || linkable(weights, f, i, j)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * What this reach made of each distinct occurrence id of {@code occurrences} (the first occurrence
     * of an id stands for it): kept from an earlier call when made of the same occurrence, else made now,
     * on the linker's threads.
     */
    private Map<String, Prepared> prepare(List<PersonOccurrence> occurrences) {
        Map<String, Prepared> out = new HashMap<>();
        List<PersonOccurrence> missing = new ArrayList<>();
        for (PersonOccurrence o : occurrences) {
            if (out.containsKey(o.occurrenceId())) {
                continue;
            }
            Prepared kept = prepared.get(o.occurrenceId());
            if (kept != null && (kept.occurrence() == o || kept.occurrence().equals(o))) {
                out.put(o.occurrenceId(), kept);
            } else {
                out.put(o.occurrenceId(), null);
                missing.add(o);
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        List<List<Prepared>> made = run(missing.size(), (workers, parts) -> workers.overRanges(missing.size(), parts, (lo, hi) -> {
            DoubleMetaphone dm = new DoubleMetaphone(); // one per task: not documented as thread-safe
            List<Prepared> part = new ArrayList<>(hi - lo);
            for (int i = lo; i < hi; i++) {
                part.add(prepare(missing.get(i), dm));
            }
            return part;
        }));
        for (List<Prepared> part : made) {
            for (Prepared x : part) {
                out.put(x.occurrence().occurrenceId(), x);
                if (prepared.size() < MAX_KEPT) {
                    prepared.put(x.occurrence().occurrenceId(), x);
                }
            }
        }
        return out;
    }

    private Prepared prepare(PersonOccurrence o, DoubleMetaphone dm) {
        Features x = new Features(o, dm, interner, memo);
        String[][] keys = new String[Blocking.RULES.size()][];
        String[][] refinements = new String[Blocking.RULES.size()][];
        for (int r = 0; r < keys.length; r++) {
            keys[r] = interned(Blocking.keys(r, x));
            refinements[r] = keys[r].length == 0 ? null : interned(Blocking.refinements(r, x));
        }
        return new Prepared(o, x, FellegiSunterLinker.RawIdentity.of(o), keys, refinements);
    }

    /**
     * The run's one copy of each key or refinement: a key is shared by dozens of the occurrences a run keeps (session 20: at
     * county size fresh copies of them were the largest part of an 8 GB heap).
     */
    private String[] interned(String[] made) {
        if (made == null) {
            return null;
        }
        for (int i = 0; i < made.length; i++) {
            made[i] = interner.intern(made[i]);
        }
        return made;
    }

    /** What was made of {@code o}; an id met twice in one list with two contents: the later one made apart, not kept. */
    private Prepared of(Map<String, Prepared> made, PersonOccurrence o) {
        Prepared x = made.get(o.occurrenceId());
        return x.occurrence() == o || x.occurrence().equals(o) ? x : prepare(o, new DoubleMetaphone());
    }

    /** Work split over the linker's threads: a pool for the call, closed at its end; the caller's thread alone for little work. */
    private interface Split<T> {
        List<T> over(Workers workers, int parts);
    }

    private <T> List<T> run(int size, Split<T> split) {
        if (threads == 1 || size < PARALLEL_FROM) {
            return split.over(new Workers(null, 1), 1);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("linkage-reach-", 1).daemon().factory())) {
            return split.over(new Workers(pool, threads), threads * 4);
        }
    }

    /** The blocks of rule {@code r} an occurrence is in when the full run blocks it: only keys of {@code size}, refined when large. */
    private List<String> effective(int r, Prepared x, Map<String, Integer> size) {
        List<String> out = new ArrayList<>();
        for (String k : x.keys()[r]) {
            Integer n = size.get(k);
            if (n == null) {
                continue;
            }
            String[] subs = n > settings.refineBlockSize() ? x.refinements()[r] : null;
            if (subs == null) {
                out.add(k);
            } else {
                for (String s : subs) {
                    out.add(k + "#" + s);
                }
            }
        }
        return out;
    }

    /** Whether the model weighs the pair where a decision reads it, in either order. */
    private boolean linkable(PairWeights weights, Features[] f, int i, int j) {
        for (int pattern : new int[] {cmp.compare(f[i], f[j]), cmp.compare(f[j], f[i])}) {
            if (FellegiSunterLinker.householdEligible(pattern) || weights.weight(pattern, i, j) >= floor) {
                return true;
            }
        }
        return false;
    }
}

package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * own features, blocking rules, comparisons and weights. Immutable; each call is independent.
 */
public final class LinkReach {

    private static final int IDENTIFIER = Blocking.RULES.indexOf("identifier");

    private final LinkageSettings settings;
    private final Nicknames nicknames;
    private final LinkageParameters parameters;
    private final double floor;

    LinkReach(LinkageSettings settings, Nicknames nicknames, LinkageParameters parameters) {
        this.settings = settings;
        this.nicknames = nicknames;
        this.parameters = parameters;
        double lowest = Math.min(Math.min(settings.reviewProbability(), settings.consistentMatchProbability()),
                Math.min(Math.min(settings.autoMatchProbability(), settings.autoMatchWithoutHouseholds()), FellegiSunterLinker.UNIQUE_IDENTITY_PROBABILITY));
        this.floor = MatchModel.weightOf(lowest) - 1e-9;
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
        DoubleMetaphone dm = new DoubleMetaphone();
        Features.Interner interner = new Features.Interner();
        FeatureMemo memo = new FeatureMemo();
        Features[] f = new Features[from.size() + candidates.size()];
        Map<String, Features> byId = new HashMap<>();
        for (int i = 0; i < f.length; i++) {
            PersonOccurrence o = i < from.size() ? from.get(i) : candidates.get(i - from.size());
            f[i] = byId.computeIfAbsent(o.occurrenceId(), k -> new Features(o, dm, interner, memo));
        }
        int rules = settings.wideBlocking() ? Blocking.RULES.size() : Blocking.FIRST_WIDE_RULE;
        // the keys of `from`, rule by rule, and their blocks' sizes over distinct raw identities
        List<Map<String, Integer>> sizes = new ArrayList<>();
        for (int r = 0; r < rules; r++) {
            Map<String, Integer> size = new HashMap<>();
            for (int i = 0; i < from.size(); i++) {
                for (String k : Blocking.keys(r, f[i])) {
                    size.put(k, 0);
                }
            }
            sizes.add(size);
        }
        Set<String> seenIds = new HashSet<>();
        Set<FellegiSunterLinker.RawIdentity> identities = new HashSet<>();
        List<PersonOccurrence> every = new ArrayList<>(from);
        every.addAll(candidates);
        every.addAll(counted);
        for (PersonOccurrence o : every) {
            if (!seenIds.add(o.occurrenceId()) || !identities.add(FellegiSunterLinker.RawIdentity.of(o))) {
                continue;
            }
            Features x = byId.get(o.occurrenceId());
            if (x == null) {
                x = new Features(o, dm, interner, memo);
            }
            for (int r = 0; r < rules; r++) {
                Map<String, Integer> size = sizes.get(r);
                for (String k : Blocking.keys(r, x)) {
                    size.computeIfPresent(k, (key, n) -> n + 1);
                }
            }
        }
        // `from` by effective block: the key itself when the full run keeps it whole, else key and refinement
        List<Map<String, List<Integer>>> blocks = new ArrayList<>();
        for (int r = 0; r < rules; r++) {
            Map<String, List<Integer>> block = new HashMap<>();
            for (int i = 0; i < from.size(); i++) {
                for (String k : effective(r, f[i], sizes.get(r))) {
                    block.computeIfAbsent(k, key -> new ArrayList<>()).add(i);
                }
            }
            blocks.add(block);
        }
        Comparisons cmp = new Comparisons(nicknames);
        TermFrequencies tf = settings.termFrequencyAdjustment() ? TermFrequencies.of(f, parameters.counts()) : TermFrequencies.none();
        PairWeights weights = new PairWeights(parameters.model(), tf, Set.of());
        Set<String> out = new HashSet<>();
        for (int c = 0; c < candidates.size(); c++) {
            int j = from.size() + c;
            String id = candidates.get(c).occurrenceId();
            if (out.contains(id)) {
                continue;
            }
            Set<Integer> tried = new HashSet<>();
            search:
            for (int r = 0; r < rules; r++) {
                for (String k : effective(r, f[j], sizes.get(r))) {
                    for (int i : blocks.get(r).getOrDefault(k, List.of())) {
                        if (from.get(i).occurrenceId().equals(id) || !tried.add(i)) {
                            continue;
                        }
                        if (r == IDENTIFIER || linkable(cmp, weights, f, i, j)) {
                            out.add(id);
                            break search;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The blocks of rule {@code r} an occurrence is in when the full run blocks it: only keys of {@code size}, refined when large. */
    private List<String> effective(int r, Features x, Map<String, Integer> size) {
        List<String> out = new ArrayList<>();
        for (String k : Blocking.keys(r, x)) {
            Integer n = size.get(k);
            if (n == null) {
                continue;
            }
            String[] subs = n > settings.refineBlockSize() ? Blocking.refinements(r, x) : null;
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
    private boolean linkable(Comparisons cmp, PairWeights weights, Features[] f, int i, int j) {
        for (int pattern : new int[] {cmp.compare(f[i], f[j]), cmp.compare(f[j], f[i])}) {
            if (FellegiSunterLinker.householdEligible(pattern) || weights.weight(pattern, i, j) >= floor) {
                return true;
            }
        }
        return false;
    }
}

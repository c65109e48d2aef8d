package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.normalise.Nicknames;

/**
 * Person linkage (see docs/linkage.md for the method and its measured figures):
 * <ol>
 *   <li>identical occurrences that share a valid strong identifier become one unit;</li>
 *   <li>human merge decisions, then shared valid strong identifiers (NHS number, UPN, PNC, a
 *       source's own person id), each checked by the model so a mistyped identifier on a
 *       different person goes to review instead of merging;</li>
 *   <li>blocking: candidate pairs share a key of at least one rule (full date of birth; family
 *       name sound + initial + birth year; postcode + initial; given + family name sound; any
 *       identifier; family name + initial + birth decade), each pair generated once; a key shared
 *       by too many units is refined ({@link Blocking});</li>
 *   <li>a Fellegi-Sunter model: u from random pairs, m by EM in training sessions, prior over all
 *       pairs, term-frequency adjustment of exact names;</li>
 *   <li>greedy constrained clustering: pairs at or above the auto-match probability (or agreeing
 *       exactly on names and date of birth between unique identities, see
 *       {@link #uniqueIdentities}), strongest
 *       first, join unless that would put two occurrences of one record together, join
 *       different valid NHS numbers / UPNs / PNCs, break a split decision, or join clearly
 *       different generations through a record without a date of birth; a pair goes to review
 *       instead when one side is an unnamed newborn, when births are a generation apart, or when
 *       one side also matches another person who cannot be the same.</li>
 * </ol>
 * Stateless and thread-safe; each call is independent. A call runs its independent parts (features
 * of units, blocking rules, comparison of ranges of blocks, weighing) on a pool of its own, closed
 * before it returns, and merges their results in a fixed order: the result does not depend on
 * the number of threads.
 */
public final class FellegiSunterLinker implements PersonLinker {
    private static final Logger LOG = LoggerFactory.getLogger(FellegiSunterLinker.class);

    /** Tasks per thread when work is split: enough that a slow task does not leave a core idle. */
    private static final int TASKS_PER_THREAD = 8;

    private final LinkageSettings settings;
    private final Nicknames nicknames;
    private final int threads;

    /** A linker using all available processors. */
    public FellegiSunterLinker(LinkageSettings settings, Nicknames nicknames) {
        this(settings, nicknames, Runtime.getRuntime().availableProcessors());
    }

    /** @param threads threads a call may use (1: all work on the calling thread) */
    public FellegiSunterLinker(LinkageSettings settings, Nicknames nicknames, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads " + threads);
        this.settings = settings;
        this.nicknames = nicknames;
        this.threads = threads;
    }

    @Override
    public LinkageResult link(List<PersonOccurrence> input, Decisions decisions) {
        return link(input, decisions, null);
    }

    /**
     * As {@link #link(List, Decisions)}, with the model and name frequencies of an earlier full run
     * instead of fitting them on this input ({@code fixed} null: fitted, as a full run does). An
     * incremental run links the occurrences around what changed with the parameters the stored
     * persons were linked with; its result's {@link LinkageResult#parameters()} are {@code fixed}.
     */
    public LinkageResult link(List<PersonOccurrence> input, Decisions decisions, LinkageParameters fixed) {
        if (threads == 1) return link(input, decisions, fixed, new Workers(null, 1));
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("linkage-", 1).daemon().factory())) {
            return link(input, decisions, fixed, new Workers(pool, threads));
        }
    }

    /**
     * Which occurrences a full run with these settings and {@code fixed} parameters could link
     * with given ones ({@link LinkReach}): what an incremental run frees around what changed. One per
     * run: it keeps what it made of each occurrence for the run's later calls, and uses this linker's threads.
     */
    public LinkReach reach(LinkageParameters fixed) {
        return new LinkReach(settings, nicknames, fixed, threads);
    }

    /**
     * The blocking keys of an occurrence, one string per rule and key ({@code rule:key}), as a full
     * run forms them before refining large blocks: two occurrences a full run could compare share one.
     */
    public static List<Set<String>> blockingKeys(List<PersonOccurrence> occurrences) {
        return blockingKeys(occurrences, new FeatureMemo());
    }

    /** As {@link #blockingKeys(List)}, normalising with {@code memo} (shared across calls: {@link BlockingKeys#storedOf}). */
    static List<Set<String>> blockingKeys(List<PersonOccurrence> occurrences, FeatureMemo memo) {
        DoubleMetaphone dm = new DoubleMetaphone();
        Features.Interner interner = new Features.Interner();
        List<Set<String>> out = new ArrayList<>(occurrences.size());
        for (PersonOccurrence occurrence : occurrences) {
            Features f = new Features(occurrence, dm, interner, memo);
            Set<String> keys = new HashSet<>();
            for (int r = 0; r < Blocking.RULES.size(); r++) {
                for (String key : Blocking.keys(r, f)) {
                    keys.add(BlockingKeys.raw(r, key));
                }
            }
            out.add(keys);
        }
        return out;
    }

    private LinkageResult link(List<PersonOccurrence> input, Decisions decisions, LinkageParameters fixed, Workers workers) {
        long start = System.nanoTime();
        List<PersonOccurrence> all = sortedById(input);
        int total = all.size();
        for (int i = 1; i < total; i++) {
            if (all.get(i).occurrenceId().equals(all.get(i - 1).occurrenceId())) {
                throw new IllegalArgumentException("duplicate occurrence id " + all.get(i).occurrenceId());
            }
        }

        // Identical occurrences carrying a valid strong identifier (a pupil's attendance rows, a
        // patient's appointments) would be joined by that identifier anyway: link one unit for them.
        // Identity is decided on the raw fields, before any normalisation, so features are computed
        // for units only (at county scale 2.9 M occurrences are 1.1 M units, and features of all
        // occurrences at once were several gigabytes).
        Set<String> splitOccurrences = new HashSet<>();
        for (OccurrencePair p : decisions.split()) { splitOccurrences.add(p.first()); splitOccurrences.add(p.second()); }
        Map<String, Integer> eventIndex = new HashMap<>();
        int[] eventOf = new int[total];
        for (int i = 0; i < total; i++) eventOf[i] = eventIndex.computeIfAbsent(all.get(i).eventId(), k -> eventIndex.size());
        int events = eventIndex.size();
        eventIndex.clear();
        FeatureMemo memo = new FeatureMemo();
        boolean[] collapsible = collapsible(all, memo, workers);
        int[] unitOf = new int[total];
        IntList repIndex = new IntList();
        LongSet unitHasEvent = new LongSet();
        Map<RawIdentity, IntList> unitsByIdentity = new HashMap<>();
        for (int i = 0; i < total; i++) {
            PersonOccurrence o = all.get(i);
            RawIdentity identity = collapsible[i] && !splitOccurrences.contains(o.occurrenceId()) ? RawIdentity.of(o) : null;
            int unit = -1;
            IntList candidates = identity == null ? null : unitsByIdentity.get(identity);
            if (candidates != null) {
                for (int c = 0; c < candidates.size; c++) {
                    int u = candidates.values[c];
                    if (!unitHasEvent.contains(((long) u << 32) | eventOf[i])) { unit = u; break; }
                }
            }
            if (unit < 0) {
                unit = repIndex.size;
                repIndex.add(i);
                if (identity != null) unitsByIdentity.computeIfAbsent(identity, k -> new IntList()).add(unit);
            }
            if (identity != null) unitHasEvent.add(((long) unit << 32) | eventOf[i]);
            unitOf[i] = unit;
        }
        unitsByIdentity = null;
        unitHasEvent = null;
        collapsible = null;
        int n = repIndex.size;
        List<PersonOccurrence> occ = new ArrayList<>(n);
        for (int u = 0; u < n; u++) occ.add(all.get(repIndex.values[u]));
        Features[] f = features(occ, memo, workers);
        memo = null;
        Comparisons cmp = new Comparisons(nicknames);
        LOG.debug("linkage phase: features and units {} ms", (System.nanoTime() - start) / 1_000_000);

        // Blocking and comparison of candidates.
        Blocking blocking = Blocking.of(f, settings.refineBlockSize(), settings.maxBlockSize(), workers);
        LOG.debug("linkage phase: blocking ({} keys refined, {} skipped) {} ms", blocking.refinedBlocks(), blocking.skippedBlocks(),
                (System.nanoTime() - start) / 1_000_000);
        // Ranges of blocks are compared in parallel; their pairs stay in range order, which is the
        // order a single pass over the blocks gives, and their pattern counts merge in that order.
        List<Callable<ComparedPairs>> comparing = new ArrayList<>();
        for (Blocking.Range range : blocking.ranges(workers.threads() * TASKS_PER_THREAD)) {
            comparing.add(() -> {
                ComparedPairs c = new ComparedPairs(new PairList(), new PatternCounts(), new PatternCounts(), new long[Blocking.RULES.size()], new long[1]);
                blocking.forEachPair(range, (i, j, rule) -> {
                    int pattern = cmp.compare(f[i], f[j]);
                    if (rule >= Blocking.FIRST_WIDE_RULE) {
                        if (!settings.wideBlocking()) return;
                        // A wide rule's pair: weighed by the model, never part of its estimation,
                        // and only when the given names do not plainly differ (a wide key is shared
                        // by a whole household: a sister, a father) or the references agree or are
                        // one keystroke apart (a sister's reference is another number) or the dates
                        // of birth agree but for one component (a sister is born another year); those
                        // exceptions are dropped again after the model is fitted where the data has
                        // households (see the weighing below). Never when the dates of birth are
                        // generations apart: a source numbers a household's persons one after the
                        // other, so a father's and a son's references are one keystroke apart (11 of
                        // the 15 persons holding a child and an adult on the 40,000-children county).
                        // A pair whose given names plainly differ with nothing close is kept "loose" (ADR 0064):
                        // where the data shows no households such a pair scoring 0.9 or more was a corrupted copy of
                        // one person on every development split (17-42 fragment pairs a split were lost to this
                        // filter), and it is weighed there; elsewhere it is dropped unweighed and not counted.
                        if (namesGenerationsApart(pattern, f[i], f[j])) return;
                        boolean loose = loose(pattern);
                        c.pairs().add(i, j, pattern | WIDE | (loose ? LOOSE : 0));
                        if (loose) c.loose()[0]++;
                        c.widePatterns().add(pattern);
                    } else {
                        c.pairs().add(i, j, pattern);
                        c.patterns().add(pattern);
                    }
                }, c.perRule());
                c.pairs().trim();
                return c;
            });
        }
        List<ComparedPairs> pairs = workers.inOrder(comparing);
        PatternCounts patternCounts = new PatternCounts();
        Set<Integer> widePatterns = new HashSet<>();
        long[] perRule = new long[Blocking.RULES.size()];
        long candidatePairs = 0, loosePairs = 0;
        for (ComparedPairs c : pairs) {
            patternCounts.addAll(c.patterns());
            widePatterns.addAll(c.widePatterns().toMap().keySet());
            for (int r = 0; r < perRule.length; r++) perRule[r] += c.perRule()[r];
            candidatePairs += c.pairs().size();
            loosePairs += c.loose()[0];
        }
        Map<Integer, Long> candidatePatterns = patternCounts.toMap();
        patternCounts = null;
        LOG.debug("linkage phase: {} comparisons (by rule {}: {}) {} ms", candidatePairs, Blocking.RULES, Arrays.toString(perRule),
                (System.nanoTime() - start) / 1_000_000);
        // Random pairs are drawn in sequence (the seed fixes them), compared in parallel, counted in draw order.
        IntList randomA = new IntList(), randomB = new IntList();
        Random rnd = new Random(settings.seed());
        if (n >= 2) {
            for (int s = 0; s < settings.uSampleSize(); s++) {
                int i = rnd.nextInt(n), j = rnd.nextInt(n);
                if (i == j) continue;
                randomA.add(i);
                randomB.add(j);
            }
        }
        int[] randomPattern = new int[randomA.size];
        workers.overRanges(randomA.size, workers.threads() * TASKS_PER_THREAD, (from, to) -> {
            for (int s = from; s < to; s++) randomPattern[s] = cmp.compare(f[randomA.values[s]], f[randomB.values[s]]);
            return null;
        });
        PatternCounts randomCounts = new PatternCounts();
        for (int pattern : randomPattern) randomCounts.add(pattern);
        Map<Integer, Long> randomPatterns = randomCounts.toMap();
        MatchModel model = fixed != null ? fixed.model()
                : MatchModel.fit(candidatePatterns, randomPatterns, (double) n * (n - 1) / 2, settings.emIterations());

        LOG.debug("linkage phase: u sample and EM {} ms", (System.nanoTime() - start) / 1_000_000);
        TermFrequencies.Counts nameCounts = fixed != null ? fixed.counts() : TermFrequencies.counts(f);
        TermFrequencies tf = settings.termFrequencyAdjustment() ? TermFrequencies.of(f, nameCounts) : TermFrequencies.none();
        AgeRoles ages = fixed != null && fixed.referenceYear() != null ? AgeRoles.ofYear(fixed.referenceYear()) : AgeRoles.of(f);
        LinkageParameters parameters = fixed != null ? fixed : new LinkageParameters(model, nameCounts, total, ages.referenceYear());
        Set<Integer> knownPatterns = new HashSet<>(candidatePatterns.keySet());
        knownPatterns.addAll(widePatterns);
        PairWeights weights = new PairWeights(model, tf, knownPatterns);

        // Clustering.
        // Households in the data (MatchModel.households: family name, address and postcode agree together
        // among different people more than by chance): twins and siblings exist, and the twin check applies.
        boolean households = model.households();
        // Loose wide pairs are candidates only where the data shows no households (dropped unweighed below otherwise).
        if (!model.withoutHouseholds()) candidatePairs -= loosePairs;
        Clusters clusters = new Clusters(f, unitOf, eventOf, events, decisions, id -> unitOf(all, unitOf, id), cmp, households, ages);
        List<ReviewPair> review = new ArrayList<>();
        int strongLinks = 0, modelLinks = 0, guarded = 0;
        for (OccurrencePair p : sorted(decisions.merge())) {
            int a = unitOf(all, unitOf, p.first()), b = unitOf(all, unitOf, p.second());
            if (a >= 0 && b >= 0) clusters.union(a, b);
        }
        Map<String, Integer> firstByStrong = new HashMap<>();
        for (int i = 0; i < n; i++) {
            // in scheme order (a unit rarely holds more than one, and then needs no sorted copy)
            for (var e : f[i].strong.size() < 2 ? f[i].strong.entrySet() : new TreeMap<>(f[i].strong).entrySet()) {
                Integer j = firstByStrong.putIfAbsent(e.getKey() + "=" + e.getValue(), i);
                if (j == null || clusters.find(i) == clusters.find(j)) continue;
                int pattern = cmp.compare(f[j], f[i]);
                double w = weights.weight(pattern, j, i);
                double prob = MatchModel.probability(w);
                if (prob < settings.reviewProbability()) {
                    review.add(new ReviewPair(new OccurrencePair(occ.get(j).occurrenceId(), occ.get(i).occurrenceId()), w, prob,
                            MatchModel.explain(pattern), "shares " + e.getKey() + " but other details disagree"));
                } else {
                    String refusal = clusters.refusal(i, j, false);
                    if (refusal == null) {
                        clusters.union(i, j);
                        strongLinks++;
                    } else {
                        guarded++;
                        review.add(new ReviewPair(new OccurrencePair(occ.get(j).occurrenceId(), occ.get(i).occurrenceId()), w, prob,
                                MatchModel.explain(pattern), "shares " + e.getKey() + " but not merged: " + refusal));
                    }
                }
            }
        }
        firstByStrong = null;
        LOG.debug("linkage phase: strong identifiers {} ms", (System.nanoTime() - start) / 1_000_000);
        // Only pairs at or above the review threshold matter from here: keep those (weights of all
        // candidate pairs at county scale were over a gigabyte), strongest first.
        double reviewWeight = MatchModel.weightOf(settings.reviewProbability());
        // Below it, only pairs household evidence may carry: names close, nothing disagreeing, and
        // one side named beside someone in a record (the rest have no household to show).
        boolean[] beside = besideSomeone(all, unitOf, eventOf, events, n);
        // Where the data has households (MatchModel.households), a wide pair whose
        // given names plainly differ is dropped whatever its reference or date of birth: a wide key
        // is a household's, and with the exceptions the 40,000-children county (seed 99) held 15
        // persons with a child and an adult instead of 4 (ADR 0045).
        List<Callable<List<KeptPair>>> weighing = new ArrayList<>();
        for (ComparedPairs c : pairs) {
            weighing.add(() -> {
                List<KeptPair> kept = new ArrayList<>();
                c.pairs().forEach((a, b, flagged) -> {
                    int pt = flagged & ~(WIDE | LOOSE);
                    boolean wide = (flagged & WIDE) != 0;
                    if (wide && households && Comparisons.level(pt, MatchModel.GIVEN) == GIVEN_ELSE) return;
                    if ((flagged & LOOSE) != 0 && !model.withoutHouseholds()) return;
                    double w = weights.weight(pt, a, b);
                    // A wide rule's pair counts only for itself: household evidence reads the pairs of the six rules.
                    if (w >= reviewWeight || !wide && (beside[a] || beside[b]) && householdEligible(pt) && !professional(f[a]) && !professional(f[b])) {
                        kept.add(new KeptPair(a, b, pt, w, wide));
                    }
                });
                c.pairs().release();
                return kept;
            });
        }
        List<List<KeptPair>> keptLists = workers.inOrder(weighing);
        LOG.debug("linkage phase: weighing {} ms", (System.nanoTime() - start) / 1_000_000);
        pairs = null;
        KeptPair[] byStrength = keptLists.stream().flatMap(List::stream).toArray(KeptPair[]::new);
        keptLists = null;
        Arrays.sort(byStrength, KeptPair.STRONGEST_FIRST);
        int kept = byStrength.length;
        int[] order = new int[kept], pa = new int[kept], pb = new int[kept], pattern = new int[kept];
        double[] weight = new double[kept];
        boolean[] wide = new boolean[kept];
        for (int k = 0; k < kept; k++) {
            order[k] = k;
            pa[k] = byStrength[k].a();
            pb[k] = byStrength[k].b();
            pattern[k] = byStrength[k].pattern();
            weight[k] = byStrength[k].weight();
            wide[k] = byStrength[k].wide();
        }
        byStrength = null;
        LOG.debug("linkage phase: sorted {} ms", (System.nanoTime() - start) / 1_000_000);
        // Auto-match partners of each unit, to spot a unit that matches two people who cannot be one.
        // Where the candidate pairs show the data has no households (independent people: FEBRL, issue #18's sets
        // "C" and "F"), no sister, twin or father of one name stands beside a record: merged from 0.9 (ADR 0052).
        double autoWeight = MatchModel.weightOf(settings.autoMatchProbability(model.withoutHouseholds()));
        double uniqueWeight = MatchModel.weightOf(UNIQUE_IDENTITY_PROBABILITY);
        // Where the data shows no households a pair merges from 0.9 (ADR 0052); one that compared no reference, merged below
        // the full auto-match threshold, is read against the two persons' references on any record (ADR 0064: a record
        // without a given name or reference joined a namesake born that day whose person carries another reference).
        double fullAutoWeight = MatchModel.weightOf(settings.autoMatchProbability());
        java.util.function.IntPredicate belowFullAuto = p -> model.withoutHouseholds() && weight[p] < fullAutoWeight
                && Comparisons.level(pattern[p], MatchModel.IDENTIFIER) == 0;
        boolean[] unique = uniqueIdentities(f);
        double consistentWeight = MatchModel.weightOf(settings.consistentMatchProbability());
        java.util.function.IntPredicate strict = p -> weight[p] >= autoWeight
                || weight[p] >= uniqueWeight && unique[pa[p]] && unique[pb[p]] && exactNameAndBirth(pattern[p]);
        // A consistent pair below the auto-match threshold is decided after every other pair
        // (pass 2), and only when it is uncontested (see uncontested).
        java.util.function.IntPredicate consistentOnly = p -> !strict.test(p) && weight[p] >= consistentWeight && consistent(pattern[p]);
        java.util.function.IntPredicate auto = p -> strict.test(p) || consistentOnly.test(p);
        // The six rules' pairs first (pass 0), with only their auto-match partners read for
        // ambiguity; then the wide rules' pairs (pass 1), read against all partners: a wide pair
        // only adds merges to what the six rules decide, it never withholds or pre-empts one.
        IntList autoPairs = new IntList(), allPairs = new IntList();
        for (int p : order) {
            if (weight[p] < Math.min(autoWeight, Math.min(uniqueWeight, consistentWeight))) break;
            if (!auto.test(p)) continue;
            if (!wide[p]) autoPairs.add(p);
            allPairs.add(p);
        }
        Partners autoPartners = new Partners(n, autoPairs, pa, pb), allPartners = new Partners(n, allPairs, pa, pb);
        autoPairs = null;
        allPairs = null;
        // Every unit's partners at or above the review threshold, read by the consistent pairs' check.
        IntList reviewPairs = new IntList();
        for (int p : order) {
            if (weight[p] < reviewWeight) break;
            reviewPairs.add(p);
        }
        Partners reviewPartners = new Partners(n, reviewPairs, pa, pb);
        reviewPairs = null;
        LOG.debug("linkage phase: partners {} ms", (System.nanoTime() - start) / 1_000_000);
        List<Integer> reviewCandidates = new ArrayList<>();
        Set<Integer> ambiguousPairs = new HashSet<>();
        Set<Integer> generationPairs = new HashSet<>();
        Set<Integer> contestedPairs = new HashSet<>();
        for (int pass = 0; pass < 3; pass++) for (int p : order) {
            double prob = MatchModel.probability(weight[p]);
            if (prob < settings.reviewProbability()) break;
            if (pass < 2 && (wide[p] != (pass == 1) || consistentOnly.test(p)) || pass == 2 && !consistentOnly.test(p)) continue;
            Partners partners = pass == 0 ? autoPartners : allPartners;
            int i = pa[p], j = pb[p];
            if (auto.test(p) && !f[i].placeholder && !f[j].placeholder) {
                if (clusters.find(i) == clusters.find(j)) continue;
                String refusal = clusters.refusal(i, j, Comparisons.level(pattern[p], MatchModel.DOB) == 0);
                if (refusal == null && (pass == 2 || belowFullAuto.test(p))) {
                    // Below the auto-match threshold a single record's reference counts too (ADR 0042), and so it does for a
                    // pair merged from ADR 0052's lower threshold that compared no reference itself (ADR 0064).
                    String reference = clusters.differentReferenceOnAnyRecord(i, j);
                    if (reference != null) refusal = (pass == 2 ? "consistent" : "below " + settings.autoMatchProbability() + " and no reference compared")
                            + ", but every " + reference + " of one is more than two edits from every one of the other's";
                }
                if (refusal == null && wide[p] && !yearTypo(pattern[p]) && clusters.acrossAgeBoundary(i, j)) {
                    refusal = "found by a wide blocking key only, and an adult (role or date of birth) beside a child's date of birth";
                }
                if (refusal != null) {
                    // Not chained through: the evidence that keeps the two apart is shown to a reviewer.
                    guarded++;
                    review.add(new ReviewPair(new OccurrencePair(occ.get(i).occurrenceId(), occ.get(j).occurrenceId()), weight[p],
                            MatchModel.probability(weight[p]), MatchModel.explain(pattern[p]), "matches, but not merged: " + refusal));
                } else if (generationsApart(f[i], f[j], pattern[p])) {
                    generationPairs.add(p);
                    reviewCandidates.add(p);
                } else if (ambiguous(clusters, partners, i, j) || ambiguous(clusters, partners, j, i)) {
                    ambiguousPairs.add(p);
                    reviewCandidates.add(p);
                } else if (pass == 2 && !(uncontested(clusters, reviewPartners, i, j) && uncontested(clusters, reviewPartners, j, i))) {
                    contestedPairs.add(p);
                    reviewCandidates.add(p);
                } else {
                    // Occurrence ids and levels only (no names): which pass and rule kind made each merge.
                    if (LOG.isTraceEnabled()) LOG.trace("merge pass {} wide {} p {} {} {} {}", pass, wide[p], prob,
                            f[i].occ.occurrenceId(), f[j].occ.occurrenceId(), new TreeMap<>(MatchModel.explain(pattern[p])));
                    clusters.union(i, j);
                    modelLinks++;
                }
            } else {
                reviewCandidates.add(p);
            }
        }
        // Where the data shows no households, two persons joined by two or more review-band pairs (a record matching two
        // records of the other person, or two of its records each matching one) are one person (ADR 0061).
        if (model.withoutHouseholds()) {
            modelLinks += corroboratedLinks(clusters, reviewCandidates, pa, pb, pattern, wide, f,
                    p -> ambiguousPairs.contains(p) || generationPairs.contains(p) || contestedPairs.contains(p));
        }
        // A record of a review-band pair against every record of the other's person: the strongest pair between two
        // fragments of one person is often one no blocking rule offered (session 20).
        if (model.withoutHouseholds()) modelLinks += wholePersonLinks(clusters, reviewCandidates, pa, pb, f, cmp, weights, autoWeight, allPartners);
        // Below the review threshold only pairs a household may carry were kept (see the weighing above).
        LOG.debug("linkage phase: passes {} ms", (System.nanoTime() - start) / 1_000_000);
        List<Integer> householdCandidates = new ArrayList<>(reviewCandidates);
        householdCandidates.removeIf(p -> wide[p]);
        for (int p : order) if (MatchModel.probability(weight[p]) < settings.reviewProbability()) householdCandidates.add(p);
        // What household evidence asks of a candidate pair other than whether the two persons share a
        // household does not change between rounds: asked once, with the pair's weight.
        HouseholdPair[] eligible = householdCandidates(householdCandidates, f, weights, pa, pb, pattern, ambiguousPairs, generationPairs);
        householdCandidates = null;
        // Each round's merges widen the households the next round sees (a mother joined with her
        // "accompanied by" records now stands beside all her children): a few rounds, until none adds.
        int householdLinks = 0;
        LongIntMap besidePatterns = new LongIntMap();
        for (int round = 0; round < HOUSEHOLD_ROUNDS; round++) {
            int added = householdLinks(clusters, f, cmp, weights, eligible, besidePatterns);
            householdLinks += added;
            if (added == 0) break;
        }
        eligible = null;
        besidePatterns = null;
        modelLinks += householdLinks;
        LOG.debug("linkage phase: households {} ms", (System.nanoTime() - start) / 1_000_000);
        for (int p : reviewCandidates) {
            int i = pa[p], j = pb[p];
            if (clusters.find(i) == clusters.find(j) || !clusters.canJoin(i, j)) continue;
            String reason = f[i].placeholder || f[j].placeholder
                    ? "placeholder given name (unnamed newborn): twins share every other detail"
                    : ambiguousPairs.contains(p) ? "also matches another person who cannot be the same (same name and date of birth?)"
                    : generationPairs.contains(p) ? "dates of birth a generation apart (parent and child of one name?)"
                    : contestedPairs.contains(p) ? "consistent, but one of the two also matches another person (a twin, a namesake parent?)"
                    : "probability between review and auto-match thresholds";
            review.add(new ReviewPair(new OccurrencePair(occ.get(i).occurrenceId(), occ.get(j).occurrenceId()), weight[p],
                    MatchModel.probability(weight[p]), MatchModel.explain(pattern[p]), reason));
        }
        review.sort(Comparator.comparingDouble(ReviewPair::matchProbability).reversed()
                .thenComparing(r -> r.pair().first()).thenComparing(r -> r.pair().second()));

        LOG.debug("linkage phase: review {} ms", (System.nanoTime() - start) / 1_000_000);
        // Person ids from the smallest occurrence id of each cluster (occurrences are sorted, so the first seen).
        // By root (a unit's index): a map boxed a key per occurrence.
        String[] personByRoot = new String[n];
        int persons = 0;
        Map<String, String> personIds = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            int root = clusters.find(unitOf[i]);
            String first = all.get(i).occurrenceId();
            if (personByRoot[root] == null) {
                personByRoot[root] = "pe-" + Ids.sha256Hex(first).substring(0, 20);
                persons++;
            }
            personIds.put(first, personByRoot[root]);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        LinkageResult.Stats stats = new LinkageResult.Stats(total, n, persons, candidatePairs, blocking.skippedBlocks(), strongLinks, modelLinks, guarded, millis);
        LOG.info("linkage: {} occurrences ({} distinct) -> {} persons; {} candidate pairs, {} oversized blocks skipped, {} strong + {} model links ({} on household evidence), {} guarded, {} for review, {} ms",
                total, n, persons, candidatePairs, blocking.skippedBlocks(), strongLinks, modelLinks, householdLinks, guarded, review.size(), millis);
        return new LinkageResult(personIds, review, model, stats, parameters);
    }

    private static final Comparator<PersonOccurrence> BY_ID = Comparator.comparing(PersonOccurrence::occurrenceId);
    /** Characters of an id packed in a sort key (7 bits each), and the bits of the position beside them. */
    private static final int KEY_CHARS = 6, INDEX_BITS = 22;

    /**
     * The occurrences in the order of their ids, as a sort by id gives it: by the six characters after the
     * prefix every id shares, packed with the position in a long, and by the whole id where those six agree.
     * Sorting the strings themselves read two objects from all over the heap at each comparison, 15 % of the
     * calling thread's time on the 40,000-children county. Ids past {@code 2^22} occurrences or with a
     * character above 127 in those six are sorted as strings.
     */
    static List<PersonOccurrence> sortedById(List<PersonOccurrence> input) {
        PersonOccurrence[] in = input.toArray(PersonOccurrence[]::new);
        int n = in.length;
        List<PersonOccurrence> out = new ArrayList<>(Arrays.asList(in));
        if (n < 2 || n >= 1 << INDEX_BITS) {
            out.sort(BY_ID);
            return out;
        }
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) ids[i] = in[i].occurrenceId();
        int common = ids[0].length();
        for (int i = 1; i < n && common > 0; i++) {
            int c = 0, limit = Math.min(common, ids[i].length());
            while (c < limit && ids[i].charAt(c) == ids[0].charAt(c)) c++;
            common = c;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long key = 0;
            for (int c = common; c < common + KEY_CHARS; c++) {
                int ch = c < ids[i].length() ? ids[i].charAt(c) : 0; // an id that ends sorts before a longer one
                if (ch > 127) {
                    out.sort(BY_ID);
                    return out;
                }
                key = key << 7 | ch;
            }
            keys[i] = (key << INDEX_BITS | i) ^ Long.MIN_VALUE; // signed order of the flipped keys is their unsigned order
        }
        Arrays.sort(keys);
        int mask = (1 << INDEX_BITS) - 1;
        for (int from = 0; from < n; ) {
            int to = from + 1;
            while (to < n && keys[to] >>> INDEX_BITS == keys[from] >>> INDEX_BITS) to++;
            if (to - from > 1) { // ids that agree in the packed characters: by the whole id
                Integer[] run = new Integer[to - from];
                for (int k = from; k < to; k++) run[k - from] = (int) (keys[k] & mask);
                Arrays.sort(run, Comparator.comparing(k -> ids[k]));
                for (int k = from; k < to; k++) keys[k] = (keys[k] & ~(long) mask) | run[k - from];
            }
            from = to;
        }
        for (int k = 0; k < n; k++) out.set(k, in[(int) (keys[k] & mask)]);
        return out;
    }

    /**
     * Whether each occurrence may be collapsed into a unit (names normalised, identifiers checked):
     * independent of the others, so decided in parallel; used in order by the caller.
     */
    private static boolean[] collapsible(List<PersonOccurrence> all, FeatureMemo memo, Workers workers) {
        boolean[] out = new boolean[all.size()];
        workers.overRanges(all.size(), workers.threads() * TASKS_PER_THREAD, (from, to) -> {
            for (int i = from; i < to; i++) out[i] = Features.collapsible(all.get(i), memo);
            return null;
        });
        return out;
    }

    /** Features of each unit, in parallel; the interner is dropped on return (county scale: a large map). */
    private static Features[] features(List<PersonOccurrence> units, FeatureMemo memo, Workers workers) {
        Features[] f = new Features[units.size()];
        Features.Interner interner = new Features.Interner();
        workers.overRanges(units.size(), workers.threads() * TASKS_PER_THREAD, (from, to) -> {
            DoubleMetaphone dm = new DoubleMetaphone(); // one per task: not documented as thread-safe
            for (int u = from; u < to; u++) f[u] = new Features(units.get(u), dm, interner, memo);
            return null;
        });
        return f;
    }

    /**
     * Probability from which a pair that agrees exactly on given name, family name and full date
     * of birth is merged when the identity is unique in the data (see {@link #uniqueIdentities}).
     * At county scale the prior is so small that a common name and a date of birth alone stay
     * just under the auto-match threshold (a pupil's school record and the same child's GP
     * record, with no address on either), and most of the missed links were such pairs.
     */
    static final double UNIQUE_IDENTITY_PROBABILITY = 0.9;

    /**
     * Whether a pair is <em>consistent</em>, merged from {@link LinkageSettings#consistentMatchProbability()}
     * (default 0.9) instead of the auto-match probability, after every other pair and only when uncontested
     * (ADR 0028, 0036, 0042): at most one comparison of the pattern disagrees (given or family name "else", date of
     * birth only the same year or "else", postcode or address "else", a different gender, an identifier more than
     * two edits out), any number of them only near, and two of date of birth, postcode, address and identifier
     * present. One field typed wrong is what a corrupted copy shows and the model has already weighed it; two
     * unrelated fields (another first name and another reference: a twin; another year and another reference: a
     * parent of one name) are two people. Names alone are not enough: two parents of one common name named in two
     * families' records, or two brothers "Jack Davies" born on one day four years apart, agree on everything they
     * show. Until ADR 0042 no comparison could disagree and at most one could be near; the uncontested check and the
     * reference check of the two whole persons ({@link Clusters#differentReferenceOnAnyRecord}) are what keep the
     * relatives apart now.
     */
    static boolean consistent(int pattern) {
        int disagreeing = 0;
        if (Comparisons.level(pattern, MatchModel.GIVEN) == GIVEN_ELSE) disagreeing++;
        if (Comparisons.level(pattern, MatchModel.FAMILY) == FAMILY_ELSE) disagreeing++;
        if (Comparisons.level(pattern, MatchModel.DOB) >= DOB_YEAR_ONLY) disagreeing++;
        if (Comparisons.level(pattern, MatchModel.POSTCODE) == POSTCODE_ELSE) disagreeing++;
        if (Comparisons.level(pattern, MatchModel.ADDRESS) == ADDRESS_ELSE) disagreeing++;
        if (Comparisons.level(pattern, MatchModel.GENDER) == GENDER_DIFFERENT) disagreeing++;
        if (Comparisons.level(pattern, MatchModel.IDENTIFIER) == IDENTIFIER_ELSE) disagreeing++;
        int beyondNames = 0;
        for (int c : new int[] {MatchModel.DOB, MatchModel.POSTCODE, MatchModel.ADDRESS, MatchModel.IDENTIFIER}) {
            if (Comparisons.level(pattern, c) != 0) beyondNames++;
        }
        return disagreeing <= 1 && beyondNames >= 2;
    }

    /** Disagreeing levels ({@link Comparisons#LEVELS}) read by {@link #consistent}. */
    private static final int FAMILY_ELSE = level(MatchModel.FAMILY, "else"), DOB_YEAR_ONLY = level(MatchModel.DOB, "year_only"),
            POSTCODE_ELSE = level(MatchModel.POSTCODE, "else"), ADDRESS_ELSE = level(MatchModel.ADDRESS, "else"),
            GENDER_DIFFERENT = level(MatchModel.GENDER, "different"), IDENTIFIER_ELSE = level(MatchModel.IDENTIFIER, "else");

    private static int level(int comparison, String name) { return Comparisons.LEVELS.get(comparison).indexOf(name); }

    private static boolean exactNameAndBirth(int pattern) {
        return Comparisons.level(pattern, MatchModel.GIVEN) == 1 && Comparisons.level(pattern, MatchModel.FAMILY) == 1
                && Comparisons.level(pattern, MatchModel.DOB) == 1;
    }

    /**
     * Units that carry a valid exclusive identifier (NHS number, UPN, PNC) and whose exact given
     * name, family name and full date of birth are shared with no unit carrying a different value
     * of any such identifier. Two different children of one name and birthday would each bring
     * their own NHS number and UPN into the group (the county's children are in health and school
     * records alike); when the group holds one of each, the model's estimate of a coincidence
     * (names and date as independent, common names counted as common) is too pessimistic.
     */
    static boolean[] uniqueIdentities(Features[] f) {
        Map<String, Map<String, String>> groups = new HashMap<>();
        Map<String, String> conflict = Map.of();
        String[] keys = new String[f.length];
        for (int i = 0; i < f.length; i++) {
            if (f[i].given == null || f[i].family == null || f[i].dob == null || !f[i].dob.isComplete() || f[i].placeholder) continue;
            Map<String, String> exclusive = new HashMap<>();
            f[i].strong.forEach((k, v) -> { if (EXCLUSIVE.contains(k)) exclusive.put(k, v); });
            if (exclusive.isEmpty()) continue;
            String key = f[i].given + "|" + f[i].family + "|" + f[i].dob;
            keys[i] = key;
            Map<String, String> group = groups.get(key);
            if (group == null) { groups.put(key, exclusive); continue; }
            if (group == conflict) continue;
            for (var e : exclusive.entrySet()) {
                String seen = group.putIfAbsent(e.getKey(), e.getValue());
                if (seen != null && !seen.equals(e.getValue())) { groups.put(key, conflict); break; }
            }
        }
        boolean[] unique = new boolean[f.length];
        for (int i = 0; i < f.length; i++) unique[i] = keys[i] != null && groups.get(keys[i]) != conflict;
        return unique;
    }

    /** Unit of an occurrence id (occurrences are sorted by id), or -1 when not among them. */
    private static int unitOf(List<PersonOccurrence> sorted, int[] unitOf, String occurrenceId) {
        int lo = 0, hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = sorted.get(mid).occurrenceId().compareTo(occurrenceId);
            if (c == 0) return unitOf[mid];
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }

    /**
     * The raw fields the comparisons and blocking read: two occurrences equal on all of them
     * compare as identical. A source's own person id is scoped to its source. The hash of the
     * fields is computed once, where the identity is formed (on a worker), not at each look-up.
     */
    record RawIdentity(Fields fields, int hash) {
        private record Fields(String givenNames, String familyName, List<String> otherNames,
                              org.tessera.indexer.ingest.PartialDate dateOfBirth, String gender, String address,
                              String postcode, Map<String, String> identifiers, String scope) {}

        static RawIdentity of(PersonOccurrence o) {
            Fields fields = new Fields(o.givenNames(), o.familyName(), o.otherNames(), o.dateOfBirth(), o.gender(), o.address(),
                    o.postcode(), o.identifiers(), o.identifiers().containsKey("source_person_id") ? o.source() : null);
            return new RawIdentity(fields, fields.hashCode());
        }

        /**
         * The fields of {@link #of} as one string, identifiers in scheme order: two equal identities give one string
         * (two different ones may too, when a value holds the separator: then they count once where they are two).
         */
        static String canonical(PersonOccurrence o) {
            StringBuilder out = new StringBuilder();
            for (Object field : new Object[] {o.givenNames(), o.familyName(), o.otherNames(), o.dateOfBirth(), o.gender(), o.address(),
                    o.postcode(), new java.util.TreeMap<>(o.identifiers()), o.identifiers().containsKey("source_person_id") ? o.source() : null}) {
                out.append(field).append('\u001f');
            }
            return out.toString();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RawIdentity r && hash == r.hash && fields.equals(r.fields);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A reference (not a strong identifier) equal on both sides or one keystroke apart. */
    private static boolean closeReference(int pattern) {
        int identifier = Comparisons.level(pattern, MatchModel.IDENTIFIER);
        return identifier == 1 || identifier == 2;
    }

    /** Dates of birth equal, transposed, a year typo or one component apart. */
    private static boolean closeBirthDate(int pattern) {
        int dob = Comparisons.level(pattern, MatchModel.DOB);
        return dob >= 1 && dob <= DOB_ONE_COMPONENT;
    }

    /**
     * Day and month of birth agree and the years are one digit or one adjacent swap apart: a mistyped
     * year, not an adult beside a child, when the pair's own dates are what crosses the age boundary.
     */
    private static boolean yearTypo(int pattern) {
        return Comparisons.level(pattern, MatchModel.DOB) == DOB_YEAR_TYPO;
    }

    /**
     * Same name and address but births a generation apart is the parent and child of one name far
     * more often than a mistyped date: never merged by the model alone. An identifier that agrees
     * or is one keystroke out (other than the strong ones, which were handled first) lets the pair
     * through, and so does a shared day and month of birth (a parent and child of one name are
     * rarely born on the same day of the year; a mistyped year keeps them): the model weighs
     * those as the typo patterns they are. But a shared birthday with years a generation apart and not one keystroke
     * apart, and family names unrelated, is two people born on one day of the year, whatever a reference one keystroke
     * out says (a neighbour's number; ADR 0061): only an equal reference lets that pair through.
     */
    static boolean generationsApart(Features a, Features b, int pattern) {
        return !closeReference(pattern) && datesGenerationsApart(a, b)
                || Comparisons.level(pattern, MatchModel.FAMILY) == FAMILY_ELSE && Comparisons.level(pattern, MatchModel.IDENTIFIER) != 1
                && farYearSameBirthday(a, b);
    }

    /**
     * One day and month of birth (or the two transposed) with years ten or more apart and not one keystroke apart: not a
     * mistyped year (a digit changed or two swapped keeps one edit), but two people born on one day of the year.
     */
    static boolean farYearSameBirthday(Features a, Features b) {
        return a.dob != null && b.dob != null && Clusters.sameBirthday(a.dob, b.dob) && Math.abs(a.dob.year() - b.dob.year()) >= 10
                && !Comparisons.withinOneEdit(Integer.toString(a.dob.year()), Integer.toString(b.dob.year()));
    }

    /** Both dates of birth known and clearly a generation apart (see {@link Clusters#clearlyDifferentGenerations}). */
    private static boolean datesGenerationsApart(Features a, Features b) {
        return a.dob != null && b.dob != null && Clusters.clearlyDifferentGenerations(a.dob, b.dob);
    }

    /**
     * Household evidence the pairwise model does not see. A parent named only by name in a child's
     * record (an A&E "accompanied by", a contact's "parent/carer") carries no date of birth,
     * address or identifier: the pair "Claire Marshall" / "Claire Marshall" is a common name and
     * nothing else, rightly short of the auto-match threshold for two random records. But the
     * record says more: whom she came with. Two kinds of pair are merged on it, strongest first,
     * under every guard, and not when one side fits two persons who cannot be one:
     * <ul>
     *   <li>a candidate pair whose names agree closely and whose other details do not disagree (in
     *       the review band or below it: a common name alone scores below it), when the two
     *       persons share a household their records name ({@link Clusters.Households#shared});</li>
     *   <li>two occurrences named beside one person (the same child, the same mother): the same
     *       given name (exact, nickname, within Jaro-Winkler 0.92) on two adults of one child is one
     *       parent, whatever the family name (a mother's name changes); an unnamed newborn ("Baby
     *       Nash", an antenatal contact) and a named child of the same mother with the same
     *       date of birth are one child, unless the mother has two such children (twins).</li>
     * </ul>
     * Namesakes of one household are kept apart by the same-record and role and age guards.
     * Professionals (a social worker named on many families' records) neither carry nor give
     * household evidence.
     *
     * @return merges made
     */
    private static int householdLinks(Clusters clusters, Features[] f, Comparisons cmp, PairWeights weights, HouseholdPair[] candidates,
                                      LongIntMap besidePatterns) {
        Clusters.Households households = clusters.households();
        List<HouseholdPair> supported = new ArrayList<>();
        LongSet seen = new LongSet();
        for (HouseholdPair pair : candidates) {
            if (!households.shared(clusters.find(pair.a()), clusters.find(pair.b()))) continue;
            supported.add(pair);
            seen.add(((long) pair.a() << 32) | pair.b());
        }
        households.forEachBesideOnePerson((i, j) -> {
            long key = ((long) i << 32) | j;
            if (clusters.find(i) == clusters.find(j) || !seen.add(key)) return;
            // A pair named beside one person in one round is most often so in the next: its pattern, and whether it
            // may be merged on that, are the same, so they are worked out once (-1: not eligible).
            int pt = besidePatterns.get(key);
            if (pt == LongIntMap.ABSENT) {
                pt = cmp.compare(f[i], f[j]);
                if (!besideOnePersonEligible(f[i], f[j], pt, clusters.ages)) pt = -1;
                besidePatterns.putIfAbsent(key, pt);
            }
            if (pt >= 0) supported.add(new HouseholdPair(i, j, pt, weights.weight(pt, i, j)));
        });
        supported.sort(Comparator.comparingDouble(HouseholdPair::weight).reversed()
                .thenComparingInt(HouseholdPair::a).thenComparingInt(HouseholdPair::b));
        int[] sa = new int[supported.size()], sb = new int[supported.size()];
        IntList all = new IntList();
        for (int k = 0; k < supported.size(); k++) {
            sa[k] = supported.get(k).a();
            sb[k] = supported.get(k).b();
            all.add(k);
        }
        Partners partners = new Partners(f.length, all, sa, sb);
        int links = 0;
        for (HouseholdPair hp : supported) {
            int i = hp.a(), j = hp.b();
            if (clusters.find(i) == clusters.find(j)) continue;
            if (clusters.refusal(i, j, Comparisons.level(hp.pattern(), MatchModel.DOB) == 0) != null) continue;
            if (ambiguous(clusters, partners, i, j) || ambiguous(clusters, partners, j, i)) continue;
            if (LOG.isTraceEnabled()) LOG.trace("merge household p {} {} {} {}", MatchModel.probability(hp.weight()),
                    f[i].occ.occurrenceId(), f[j].occ.occurrenceId(), new TreeMap<>(MatchModel.explain(hp.pattern())));
            clusters.union(i, j);
            links++;
        }
        return links;
    }

    /** Units with an occurrence in a record that names someone else (not a professional) beside it. */
    private static boolean[] besideSomeone(List<PersonOccurrence> all, int[] unitOf, int[] eventOf, int events, int units) {
        int[] people = new int[events];
        for (int o = 0; o < all.size(); o++) if (!PROFESSIONAL.equals(all.get(o).role())) people[eventOf[o]]++;
        boolean[] out = new boolean[units];
        for (int o = 0; o < all.size(); o++) if (people[eventOf[o]] >= 2 && !PROFESSIONAL.equals(all.get(o).role())) out[unitOf[o]] = true;
        return out;
    }

    /** A pair the household step may merge, with the model's weight (the order it is tried in). */
    private record HouseholdPair(int a, int b, int pattern, double weight) {}

    /**
     * The candidate pairs household evidence may merge when the two persons share a household, in the
     * order of the candidates (units smaller first): neither side a placeholder or a professional, the
     * pair neither ambiguous nor a generation apart in the passes, names close and nothing disagreeing
     * ({@link #householdEligible}). None of that changes between rounds, so it is asked once.
     */
    private static HouseholdPair[] householdCandidates(List<Integer> candidates, Features[] f, PairWeights weights, int[] pa, int[] pb,
                                                       int[] pattern, Set<Integer> ambiguousPairs, Set<Integer> generationPairs) {
        List<HouseholdPair> out = new ArrayList<>();
        for (int p : candidates) {
            int i = pa[p], j = pb[p];
            if (f[i].placeholder || f[j].placeholder || ambiguousPairs.contains(p) || generationPairs.contains(p)) continue;
            if (professional(f[i]) || professional(f[j]) || !householdEligible(pattern[p])) continue;
            out.add(new HouseholdPair(Math.min(i, j), Math.max(i, j), pattern[p], weights.weight(pattern[p], i, j)));
        }
        return out.toArray(HouseholdPair[]::new);
    }

    /**
     * Two occurrences named beside one person. Adults (no child's date of birth on either side):
     * the same given name (exact, nickname, within Jaro-Winkler 0.92), whatever the family name,
     * nothing that disagrees. An unnamed newborn and a named child: the same date of birth, or one
     * a keystroke or a day or month away (an antenatal contact gives the expected date).
     */
    private static boolean besideOnePersonEligible(Features a, Features b, int pattern, AgeRoles ages) {
        if (Comparisons.level(pattern, 5) == 2) return false; // gender
        int id = Comparisons.level(pattern, MatchModel.IDENTIFIER);
        if (id == 3 || id == 4 || Comparisons.level(pattern, MatchModel.POSTCODE) == 5) return false;
        int dob = Comparisons.level(pattern, MatchModel.DOB);
        if (a.placeholder || b.placeholder) {
            if (a.placeholder && b.placeholder) return false;
            return dob >= 1 && dob <= 4;
        }
        if (a.dob != null && ages.isChild(a.dob) || b.dob != null && ages.isChild(b.dob)) return false;
        if (dob == 6 || dob == 7) return false;
        int given = Comparisons.level(pattern, MatchModel.GIVEN);
        return given == 1 || given == 3 || given == 4;
    }

    private static final String PROFESSIONAL = "professional";

    /**
     * Whether an occurrence takes part in household evidence (see {@link #householdLinks}): a
     * professional named on many families' records neither carries nor gives it. An incremental
     * run reads the households around what changed with this, as the full run does.
     */
    public static boolean inHousehold(PersonOccurrence occurrence) {
        return !PROFESSIONAL.equals(occurrence.role());
    }

    /** More units than this named beside one person is no household (a caseload, a school roll). */
    public static final int MAX_BESIDE = 200;
    /** Rounds of household evidence at most (see {@link #householdLinks}). */
    private static final int HOUSEHOLD_ROUNDS = 3;

    private static boolean professional(Features x) {
        return PROFESSIONAL.equals(x.occ.role());
    }

    /**
     * Names that agree closely (exact, nickname or within Jaro-Winkler 0.92 on the given name;
     * exact, a part or alias, or within 0.92 on the family name; or the two swapped) and no detail
     * that disagrees: a date of birth, gender, identifier or postcode that differs is evidence
     * against the pair that a shared household does not outweigh.
     */
    static boolean householdEligible(int pattern) {
        int given = Comparisons.level(pattern, MatchModel.GIVEN), family = Comparisons.level(pattern, MatchModel.FAMILY);
        boolean names = given == 2 && family == 2
                || (given == 1 || given == 3 || given == 4) && (family == 1 || family == 3 || family == 4);
        if (!names) return false;
        int dob = Comparisons.level(pattern, MatchModel.DOB);
        if (dob == 6 || dob == 7) return false; // same year only, or else
        if (Comparisons.level(pattern, 5) == 2) return false; // gender
        int id = Comparisons.level(pattern, MatchModel.IDENTIFIER);
        if (id == 3 || id == 4) return false;
        return Comparisons.level(pattern, MatchModel.POSTCODE) != 5;
    }

    /** Review-band pairs that must join two persons for the two to be one where the data has no households (ADR 0061). */
    static final int CORROBORATING_PAIRS = 2;

    /**
     * Review-band pairs corroborated by their persons (ADR 0061): where the data shows no households, the two persons of
     * pairs left between the review and auto-match thresholds are merged when at least {@link #CORROBORATING_PAIRS} such
     * pairs join them (one record matching two records of the other person, or two records each matching one: the
     * development splits' band was 100 % one person there, against 83 % for a pair alone), strongest first, under every
     * guard, the generation rule and the wide rules' age guard. Pairs held for a reason (ambiguous, generations apart,
     * contested consistent pairs, unnamed newborns) do not count.
     */
    private static int corroboratedLinks(Clusters clusters, List<Integer> reviewCandidates, int[] pa, int[] pb, int[] pattern,
                                         boolean[] wide, Features[] f, java.util.function.IntPredicate held) {
        // by the two persons (roots, smaller first): the strongest pair (the smallest index: pairs are strongest first) and the count
        Map<Long, int[]> groups = new HashMap<>();
        for (int p : reviewCandidates) {
            int i = pa[p], j = pb[p];
            if (held.test(p) || f[i].placeholder || f[j].placeholder || generationsApart(f[i], f[j], pattern[p])) continue;
            int ri = clusters.find(i), rj = clusters.find(j);
            if (ri == rj) continue;
            long key = ((long) Math.min(ri, rj) << 32) | Math.max(ri, rj);
            int[] g = groups.computeIfAbsent(key, k -> new int[] {Integer.MAX_VALUE, 0});
            g[0] = Math.min(g[0], p);
            g[1]++;
        }
        List<int[]> strongest = new ArrayList<>();
        for (int[] g : groups.values()) if (g[1] >= CORROBORATING_PAIRS) strongest.add(g);
        strongest.sort(Comparator.comparingInt(g -> g[0]));
        int links = 0;
        for (int[] g : strongest) {
            int p = g[0], i = pa[p], j = pb[p];
            if (clusters.find(i) == clusters.find(j)) continue;
            if (clusters.refusal(i, j, Comparisons.level(pattern[p], MatchModel.DOB) == 0) != null || clusters.differentReferenceOnAnyRecord(i, j) != null
                    || wide[p] && !yearTypo(pattern[p]) && clusters.acrossAgeBoundary(i, j)) continue;
            clusters.union(i, j);
            links++;
        }
        return links;
    }

    /** The largest person (in units) a review pair's record is compared with record by record (session 20). */
    static final int WHOLE_PERSON_MAX = 64;

    /**
     * A record of a review-band pair compared with every record of the other's person (session 20, issue #18): two
     * fragments of one heavily corrupted person meet in a weak pair (a review-band pair), while their strongest pair,
     * a record of one against another record of the other, shares no blocking key. Each record of a review candidate
     * left in two persons is compared with the other person's records (persons of at most {@link #WHOLE_PERSON_MAX}
     * units); a pair reaching the auto-match threshold is merged, strongest first, as a wide rule's pair would be:
     * under the wide filter (given names plainly different only with a close reference or date of birth, never a
     * generation apart), every guard, the generation rule, the wide rules'
     * age guard, the consistent pairs' reference check and the ambiguity rule.
     */
    private static int wholePersonLinks(Clusters clusters, List<Integer> reviewCandidates, int[] pa, int[] pb, Features[] f, Comparisons cmp,
                                        PairWeights weights, double autoWeight, Partners allPartners) {
        record Proposal(int a, int b, int pattern, double weight) {}
        List<Proposal> proposals = new ArrayList<>();
        LongSet seen = new LongSet();
        for (int p : reviewCandidates) {
            for (int side = 0; side < 2; side++) {
                int x = side == 0 ? pa[p] : pb[p], other = side == 0 ? pb[p] : pa[p];
                if (f[x].placeholder) continue;
                int rx = clusters.find(x), ro = clusters.find(other);
                if (rx == ro || clusters.size[ro] < 2 || clusters.size[ro] > WHOLE_PERSON_MAX) continue;
                int k = ro;
                do {
                    int a = Math.min(x, k), b = Math.max(x, k);
                    if (k != other && !f[k].placeholder && seen.add(((long) a << 32) | b)) {
                        int q = cmp.compare(f[a], f[b]);
                        double w = weights.weight(q, a, b);
                        if (w >= autoWeight && !loose(q) && !namesGenerationsApart(q, f[a], f[b])) {
                            proposals.add(new Proposal(a, b, q, w));
                        }
                    }
                    k = clusters.next[k];
                } while (k != ro);
            }
        }
        proposals.sort(Comparator.comparingDouble(Proposal::weight).reversed().thenComparingInt(Proposal::a).thenComparingInt(Proposal::b));
        int links = 0;
        for (Proposal q : proposals) {
            int a = q.a(), b = q.b();
            if (clusters.find(a) == clusters.find(b)) continue;
            if (generationsApart(f[a], f[b], q.pattern())
                    || clusters.refusal(a, b, Comparisons.level(q.pattern(), MatchModel.DOB) == 0) != null
                    || clusters.differentReferenceOnAnyRecord(a, b) != null
                    || !yearTypo(q.pattern()) && clusters.acrossAgeBoundary(a, b)
                    || ambiguous(clusters, allPartners, a, b) || ambiguous(clusters, allPartners, b, a)) continue;
            if (LOG.isTraceEnabled()) LOG.trace("merge whole person p {} {} {} {}", MatchModel.probability(q.weight()),
                    f[a].occ.occurrenceId(), f[b].occ.occurrenceId(), new TreeMap<>(MatchModel.explain(q.pattern())));
            clusters.union(a, b);
            links++;
        }
        return links;
    }

    /**
     * Whether every partner of unit {@code i} at or above the review threshold is already in
     * {@code i}'s person or in {@code j}'s. A consistent pair merges below the auto-match threshold
     * only then: its probability is held down by what is missing (no date of birth, no given name),
     * and what is missing is exactly what tells a record of a child from one of her twin or of a
     * father of the same name at one address. When the record also matches someone else, the
     * data cannot say which of the two it belongs to, and the pair goes to review (issue #18: every
     * wrong merge the consistent pairs made on the development splits was such a record).
     */
    private static boolean uncontested(Clusters clusters, Partners reviewPartners, int i, int j) {
        int ri = clusters.find(i), rj = clusters.find(j);
        for (int m = reviewPartners.from(i), end = reviewPartners.to(i); m < end; m++) {
            int rk = clusters.find(reviewPartners.get(m));
            if (rk != ri && rk != rj) return false;
        }
        return true;
    }

    /**
     * True when unit {@code i} also auto-matches some unit whose person cannot be joined with
     * {@code j}'s: two different people (different NHS numbers, incompatible dates of birth) both
     * fit {@code i} equally, so {@code i} must not be given to either by the model.
     */
    private static boolean ambiguous(Clusters clusters, Partners autoPartners, int i, int j) {
        int rj = clusters.find(j);
        for (int m = autoPartners.from(i), end = autoPartners.to(i); m < end; m++) {
            int k = autoPartners.get(m);
            if (k == j || clusters.find(k) == rj) continue;
            if (clusters.refusal(i, k, false, false) != null) continue; // k cannot be i's person whatever the scores (an adult role on a child's record)
            // Only what makes two persons two whatever the scores counts here: the twin check and
            // differing corroborated birthdays weigh a cluster's records against a record, and a
            // unit not yet joined to its own person would look ambiguous beside them.
            if (clusters.refusal(j, k, false, false) != null) return true;
        }
        return false;
    }

    private static List<OccurrencePair> sorted(Set<OccurrencePair> s) {
        return s.stream().sorted(Comparator.comparing(OccurrencePair::first).thenComparing(OccurrencePair::second)).toList();
    }

    /**
     * The pairs of one range of blocks, their pattern counts and their numbers by rule; {@code loose[0]} counts the loose
     * wide pairs among them (given names unrelated, nothing close: weighed only where the data shows no households).
     */
    private record ComparedPairs(PairList pairs, PatternCounts patterns, PatternCounts widePatterns, long[] perRule, long[] loose) {}

    /** A wide pair's given names plainly differ and nothing else is close: the wide filter's "loose" pair (ADR 0064). */
    private static boolean loose(int pattern) {
        return Comparisons.level(pattern, MatchModel.GIVEN) == GIVEN_ELSE && !closeReference(pattern) && !closeBirthDate(pattern);
    }

    /** A wide pair's given names plainly differ and its dates of birth are a generation apart: never a candidate. */
    private static boolean namesGenerationsApart(int pattern, Features a, Features b) {
        return Comparisons.level(pattern, MatchModel.GIVEN) == GIVEN_ELSE && datesGenerationsApart(a, b);
    }

    /** Flag on a pair's pattern (seven 4-bit levels) when only a wide blocking rule produced it. */
    private static final int WIDE = 1 << 30;
    /** Flag on a wide pair's pattern when its given names plainly differ and nothing else is close (ADR 0064). */
    private static final int LOOSE = 1 << 29;
    /** The given-name comparison's last level: the two names are unrelated. */
    private static final int GIVEN_ELSE = Comparisons.LEVELS.get(MatchModel.GIVEN).size() - 1;
    private static final int DOB_YEAR_TYPO = Comparisons.LEVELS.get(MatchModel.DOB).indexOf("year_typo"),
            DOB_ONE_COMPONENT = Comparisons.LEVELS.get(MatchModel.DOB).indexOf("one_component_differs");

    /**
     * Candidate pairs as parallel int arrays in chunks (memory: 12 bytes a pair). Chunks, not one
     * array grown by copying: at county scale (48 M pairs) the copy of the last growth alone held a
     * gigabyte beside the new arrays. Chunks start small and double up to a million pairs, since
     * each range of blocks has its own list. Not thread-safe.
     */
    private static final class PairList {
        private static final int FIRST_CHUNK = 1 << 12, MAX_CHUNK = 1 << 20;
        private final List<int[][]> chunks = new ArrayList<>();
        private int[][] last;
        private int filled; // of the last chunk
        private long size;

        void add(int i, int j, int pattern) {
            if (last == null || filled == last[0].length) {
                last = new int[3][last == null ? FIRST_CHUNK : Math.min(MAX_CHUNK, last[0].length * 2)];
                chunks.add(last);
                filled = 0;
            }
            last[0][filled] = i;
            last[1][filled] = j;
            last[2][filled] = pattern;
            filled++;
            size++;
        }

        long size() { return size; }

        /** Cuts the last chunk to its pairs: a range's list is complete, and half-empty chunks of every range added up. */
        void trim() {
            if (last == null || filled == last[0].length) return;
            int[][] exact = {Arrays.copyOf(last[0], filled), Arrays.copyOf(last[1], filled), Arrays.copyOf(last[2], filled)};
            chunks.set(chunks.size() - 1, exact);
            last = exact;
        }

        /** Visits the pairs in the order they were added. */
        void forEach(PairVisitor visitor) {
            for (int[][] c : chunks) {
                int n = c == last ? filled : c[0].length;
                for (int k = 0; k < n; k++) visitor.visit(c[0][k], c[1][k], c[2][k]);
            }
        }

        void release() {
            chunks.clear();
            last = null;
        }
    }

    private interface PairVisitor {
        void visit(int a, int b, int pattern);
    }

    /** Growable int array: boxed lists of millions of indices were most of a county run's garbage. */
    static final class IntList {
        private static final int[] NONE = new int[0];
        int[] values;
        int size;

        IntList() { this(16); }

        IntList(int capacity) { values = new int[Math.max(1, capacity)]; }

        void add(int v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        /** The values, sorted, each once (a new array). */
        int[] sortedDistinct() {
            return size == 0 ? NONE : sortedDistinct(Arrays.copyOf(values, size));
        }

        /** {@code a} sorted in place, each value once: {@code a} itself or a shorter copy. */
        static int[] sortedDistinct(int[] a) {
            Arrays.sort(a);
            int distinct = 0;
            for (int k = 0; k < a.length; k++) if (k == 0 || a[k] != a[k - 1]) a[distinct++] = a[k];
            return distinct == a.length ? a : Arrays.copyOf(a, distinct);
        }
    }

    /**
     * Each unit's partners in a set of pairs, as compressed rows: a unit's partners in the order of
     * its pairs (as a map of lists grown pair by pair had them). Boxed maps of lists held a boxed
     * key and list per unit and a boxed element per partner: at 40k children about a million
     * objects built on the one thread the passes wait for. Read-only once built.
     */
    private static final class Partners {
        private final int[] start, partners;

        /**
         * @param units  units numbered {@code 0..units-1}
         * @param chosen the pairs to hold, in order, as indices into {@code a} and {@code b}
         */
        Partners(int units, IntList chosen, int[] a, int[] b) {
            start = new int[units + 1];
            for (int k = 0; k < chosen.size; k++) {
                int p = chosen.values[k];
                start[a[p] + 1]++;
                start[b[p] + 1]++;
            }
            for (int u = 0; u < units; u++) start[u + 1] += start[u];
            partners = new int[start[units]];
            int[] fill = Arrays.copyOf(start, units);
            for (int k = 0; k < chosen.size; k++) {
                int p = chosen.values[k];
                partners[fill[a[p]]++] = b[p];
                partners[fill[b[p]]++] = a[p];
            }
        }

        /** First position of the unit's partners ({@link #get}). */
        int from(int unit) { return start[unit]; }

        /** One past the last position of the unit's partners. */
        int to(int unit) { return start[unit + 1]; }

        int get(int position) { return partners[position]; }
    }

    /** Two units, for visitors that would otherwise box both. */
    private interface UnitPairVisitor {
        void visit(int a, int b);
    }

    /**
     * Set of longs (a unit and an event, two units): a boxed set held an object per entry, at 40k
     * children about a million. Not thread-safe.
     */
    static final class LongSet {
        private final LongIntMap map = new LongIntMap();

        boolean contains(long value) { return map.get(value) != LongIntMap.ABSENT; }

        /** @return whether the value was not in the set */
        boolean add(long value) { return map.putIfAbsent(value, 0) == LongIntMap.ABSENT; }
    }

    /** Map from longs to ints by open addressing (two units to their comparison pattern). Not thread-safe. */
    static final class LongIntMap {
        /** What {@link #get} answers for a key not in the map; never stored as a value. */
        static final int ABSENT = Integer.MIN_VALUE;
        private static final long EMPTY = Long.MIN_VALUE;
        private long[] keys = newKeys(1 << 10);
        private int[] values = new int[1 << 10];
        private int size;
        private boolean hasEmpty;
        private int emptyValue;

        private static long[] newKeys(int capacity) {
            long[] keys = new long[capacity];
            Arrays.fill(keys, EMPTY);
            return keys;
        }

        private static int slot(long key, int mask) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & mask;
        }

        /** The value of the key, or {@link #ABSENT}. */
        int get(long key) {
            if (key == EMPTY) return hasEmpty ? emptyValue : ABSENT;
            int mask = keys.length - 1;
            for (int i = slot(key, mask); ; i = (i + 1) & mask) {
                if (keys[i] == key) return values[i];
                if (keys[i] == EMPTY) return ABSENT;
            }
        }

        /** Puts the value unless the key has one; returns the value it had, or {@link #ABSENT}. */
        int putIfAbsent(long key, int value) {
            if (value == ABSENT) throw new IllegalArgumentException("value " + value);
            if (key == EMPTY) {
                int had = hasEmpty ? emptyValue : ABSENT;
                if (!hasEmpty) { hasEmpty = true; emptyValue = value; }
                return had;
            }
            int mask = keys.length - 1;
            int i = slot(key, mask);
            for (; keys[i] != EMPTY; i = (i + 1) & mask) {
                if (keys[i] == key) return values[i];
            }
            keys[i] = key;
            values[i] = value;
            if (++size * 2 > keys.length) grow();
            return ABSENT;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = newKeys(oldKeys.length * 2);
            values = new int[keys.length];
            int mask = keys.length - 1;
            for (int k = 0; k < oldKeys.length; k++) {
                if (oldKeys[k] == EMPTY) continue;
                int i = slot(oldKeys[k], mask);
                while (keys[i] != EMPTY) i = (i + 1) & mask;
                keys[i] = oldKeys[k];
                values[i] = oldValues[k];
            }
        }
    }

    /** A candidate pair at or above the review weight. */
    private record KeptPair(int a, int b, int pattern, double weight, boolean wide) {
        /** Strongest first; units are numbered in occurrence-id order, so ties break on occurrence ids. */
        static final Comparator<KeptPair> STRONGEST_FIRST = (x, y) -> {
            int c = Double.compare(-x.weight, -y.weight);
            if (c != 0) return c;
            c = Integer.compare(x.a, y.a);
            return c != 0 ? c : Integer.compare(x.b, y.b);
        };
    }

    /**
     * Identifiers a person holds only one of, so two different valid values mean two people. A
     * source's own person id is not among them: systems issue a second id to a known person
     * (a new school admission number, a duplicate registration), so it joins but never separates.
     */
    static final Set<String> EXCLUSIVE = Set.of("nhs_number", "upn", "pnc");

    /**
     * Union-find whose clusters remember what may not be joined. A cluster's members form a
     * circular list ({@code next}); what a guard needs (records, dates of birth, exclusive
     * identifiers) is read from the members' features, not copied into per-cluster sets: at county
     * scale those sets were a gigabyte for a million units.
     */
    private static final class Clusters {
        private final int[] parent, next, size;
        private final Features[] f;
        /** Events of each unit and units of each event (compressed rows). */
        private final int[] unitEventStart, unitEvents, eventUnitStart, eventUnits;
        private final Map<Integer, Set<Integer>> cannotLink = new HashMap<>();
        /** Per cluster root: a member in an adult's role; members whose date of birth is a child's, an adult's. */
        private final boolean[] adultRole;
        private final int[] childDates, adultDates;
        final AgeRoles ages;
        private final Comparisons cmp;
        /** Whether the data has households (see {@link #contradictingNameAndReference}). */
        private final boolean households;
        /** Per unit: not a professional (see {@link FellegiSunterLinker#inHousehold}); the number of its postcode, -1 without one. */
        private final boolean[] inHousehold;
        private final int[] postcodeOf;

        Clusters(Features[] f, int[] unitOf, int[] eventOf, int events, Decisions decisions, java.util.function.ToIntFunction<String> unitOfOccurrence,
                 Comparisons cmp, boolean households, AgeRoles ages) {
            int n = f.length;
            this.f = f;
            this.cmp = cmp;
            this.households = households;
            parent = new int[n];
            next = new int[n];
            size = new int[n];
            for (int i = 0; i < n; i++) { parent[i] = i; next[i] = i; size[i] = 1; }
            adultRole = new boolean[n];
            childDates = new int[n];
            adultDates = new int[n];
            this.ages = ages;
            inHousehold = new boolean[n];
            postcodeOf = new int[n];
            Map<String, Integer> postcodeNumbers = new HashMap<>();
            for (int i = 0; i < n; i++) {
                inHousehold[i] = !professional(f[i]);
                postcodeOf[i] = f[i].postcode == null ? -1 : postcodeNumbers.computeIfAbsent(f[i].postcode, k -> postcodeNumbers.size());
            }
            for (int i = 0; i < n; i++) {
                adultRole[i] = AgeRoles.isAdultRole(f[i].occ.role());
                if (f[i].dob == null) continue;
                if (ages.isChild(f[i].dob)) childDates[i] = 1; else adultDates[i] = 1;
            }
            // Unit-event pairs are distinct by construction (a unit never holds two occurrences of one event).
            unitEventStart = new int[n + 1];
            eventUnitStart = new int[events + 1];
            for (int o = 0; o < unitOf.length; o++) { unitEventStart[unitOf[o] + 1]++; eventUnitStart[eventOf[o] + 1]++; }
            for (int i = 0; i < n; i++) unitEventStart[i + 1] += unitEventStart[i];
            for (int e = 0; e < events; e++) eventUnitStart[e + 1] += eventUnitStart[e];
            unitEvents = new int[unitOf.length];
            eventUnits = new int[unitOf.length];
            int[] fu = Arrays.copyOf(unitEventStart, n), fe = Arrays.copyOf(eventUnitStart, events);
            for (int o = 0; o < unitOf.length; o++) {
                unitEvents[fu[unitOf[o]]++] = eventOf[o];
                eventUnits[fe[eventOf[o]]++] = unitOf[o];
            }
            for (OccurrencePair p : decisions.split()) {
                int a = unitOfOccurrence.applyAsInt(p.first()), b = unitOfOccurrence.applyAsInt(p.second());
                if (a < 0 || b < 0) continue;
                cannotLink.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                cannotLink.computeIfAbsent(b, k -> new HashSet<>()).add(a);
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        boolean canJoin(int i, int j) { return refusal(i, j, false) == null; }

        String refusal(int i, int j, boolean checkDates) { return refusal(i, j, checkDates, true); }

        /**
         * Why the persons of units {@code i} and {@code j} may not be joined, or null when they may.
         *
         * @param checkDates also refuse persons of clearly different generations; used when the
         *                   pair itself compared no dates (the model never saw that evidence)
         * @param corroborated also weigh what each person's records corroborate (a twin's first name
         *                     and reference, birthdays on two records each) against the other's
         */
        String refusal(int i, int j, boolean checkDates, boolean corroborated) {
            int a = find(i), b = find(j);
            if (a == b) return null;
            int small = size[a] <= size[b] ? a : b, large = small == a ? b : a;
            // Two occurrences of one record are two people.
            int x = small;
            do {
                for (int e = unitEventStart[x]; e < unitEventStart[x + 1]; e++) {
                    int ev = unitEvents[e];
                    for (int u = eventUnitStart[ev]; u < eventUnitStart[ev + 1]; u++) {
                        int y = eventUnits[u];
                        if (y != x && find(y) == large) return "two people of one record";
                    }
                }
                x = next[x];
            } while (x != small);
            if (checkDates && !datesOfBirthCompatible(a, b)) return "dates of birth a generation apart (through a record without one)";
            // An adult's role (parent, carer, partner) on a person whose every date of birth is a child's.
            if (adultRole[a] && childOnly(b) || adultRole[b] && childOnly(a)) {
                return "an adult role (parent, carer, partner) and a child's date of birth";
            }
            // Different valid values of an exclusive identifier are two people.
            Map<String, Set<String>> sa = exclusive(a), sb = exclusive(b);
            for (var e : sa.entrySet()) {
                Set<String> other = sb.get(e.getKey());
                if (other != null && Collections.disjoint(other, e.getValue())) return "different " + e.getKey() + " values";
            }
            String weak = contradictingReference(a, b);
            if (weak != null) return "different " + weak + " values (none within two edits of the other's)";
            if (corroborated && households && (contradictingNameAndReference(a, b) || contradictingNameAndReference(b, a))) {
                return "a given name and a reference unrelated to the other's (each on two or more of its records)";
            }
            if (corroborated && contradictingBirthDates(a, b)) return "different dates of birth (each on two or more records, not a typo of the other)";
            if (!cannotLink.isEmpty()) {
                x = small;
                do {
                    Set<Integer> partners = cannotLink.get(x);
                    if (partners != null) for (int y : partners) if (find(y) == large) return "a recorded split decision";
                    x = next[x];
                } while (x != small);
            }
            return null;
        }

        /**
         * A reference both persons carry (not a strong identifier: a case number, a social security
         * number typed by hand), each on at least two of their records, on which every such value of
         * one is more than two edits from every such value of the other: the whole cluster is checked, not only the pair being merged, so a chain of
         * corrupted records (one twin's record with a mistyped birthday and a reference two keys
         * from the other twin's) cannot join two people whose references plainly differ. Null when
         * none contradicts.
         */
        private String contradictingReference(int a, int b) { return contradictingReference(a, b, 2); }

        /**
         * As the reference guard, but every record's value counts, not only values on two records: the check of a
         * consistent pair merged below the auto-match threshold (ADR 0042). A father and a son of one name at one
         * address, the son's records without a date of birth, agree on everything those records show but their
         * references; above the auto-match threshold a single record's reference three keys out is one of the
         * corruptions and is not read this way. Null when some reference of one is within two edits of one of the
         * other's, or when they share no reference scheme.
         */
        String differentReferenceOnAnyRecord(int i, int j) {
            int a = find(i), b = find(j);
            return a == b ? null : contradictingReference(a, b, 1);
        }

        private String contradictingReference(int a, int b, int min) {
            Map<String, Set<String>> ra = references(a, min);
            if (ra.isEmpty()) return null;
            Map<String, Set<String>> rb = references(b, min);
            for (var e : ra.entrySet()) {
                Set<String> other = rb.get(e.getKey());
                if (other == null) continue;
                boolean close = false;
                for (String x : e.getValue()) {
                    for (String y : other) if (Comparisons.editsAtMost(x, y, 2)) { close = true; break; }
                    if (close) break;
                }
                if (!close) return e.getKey();
            }
            return null;
        }

        /**
         * Person {@code t}'s given name and reference are each on at least two of its records, and
         * person {@code s} disagrees with both: none of its given names is related to {@code t}'s
         * (equal, nickname, Jaro-Winkler 0.88, a sound, an initial, nor near a name written the
         * other way round) and none of its references is within two edits of {@code t}'s. A twin
         * whose one record matches the other twin's person on family name, birthday and address
         * has their own first name and their own reference; a mistyped record of the person
         * rarely loses both (one of them alone is a corruption the model weighs). Applied only where
         * the data has households ({@link MatchModel#households()}): FEBRL has no
         * twins, and there a record with a replaced given name and a reference three keys out is
         * a corrupted copy (17 such pairs on FEBRL3).
         */
        private boolean contradictingNameAndReference(int s, int t) {
            if (size[t] < 2) return false;
            Map<String, Set<String>> refs = references(t);
            if (refs.isEmpty()) return false;
            Map<String, Integer> counts = new HashMap<>(4);
            int x = t;
            do {
                if (f[x].given != null && f[x].given.length() > 1) counts.merge(f[x].given, 1, Integer::sum);
                x = next[x];
            } while (x != t);
            List<Features> corroborated = new ArrayList<>(2);
            Set<String> seen = new HashSet<>(2);
            x = t;
            do {
                if (f[x].given != null && counts.getOrDefault(f[x].given, 0) >= 2 && seen.add(f[x].given)) corroborated.add(f[x]);
                x = next[x];
            } while (x != t);
            if (corroborated.isEmpty()) return false;
            boolean anyGiven = false, anyReference = false;
            x = s;
            do {
                Features g = f[x];
                if (g.given != null) {
                    anyGiven = true;
                    for (Features c : corroborated) {
                        if (cmp.givenRelated(g, c) || cmp.namesRelated(g.given, c.family == null ? "" : c.family)) return false;
                        for (String part : g.familyParts) if (cmp.namesRelated(part, c.given)) return false;
                    }
                }
                for (var e : g.ids.entrySet()) {
                    Set<String> values = refs.get(e.getKey());
                    if (values == null) continue;
                    anyReference = true;
                    for (String v : values) if (Comparisons.editsAtMost(v, e.getValue(), 2)) return false;
                }
                x = next[x];
            } while (x != s);
            return anyGiven && anyReference;
        }

        /**
         * Both persons have a full date of birth on at least two of their records, and none of one's
         * is the other's, nor its day and month transposed, nor its year one keystroke out: two
         * people born on different days (twins excepted, and twins have their own names).
         */
        private boolean contradictingBirthDates(int a, int b) {
            if (size[a] < 2 || size[b] < 2) return false;
            Set<org.tessera.indexer.ingest.PartialDate> da = corroboratedDates(a);
            if (da.isEmpty()) return false;
            Set<org.tessera.indexer.ingest.PartialDate> db = corroboratedDates(b);
            if (db.isEmpty()) return false;
            for (var x : da) for (var y : db) {
                int level = Comparisons.dob(x, y);
                if (level >= 1 && level <= 3) return false;
            }
            return true;
        }

        private Set<org.tessera.indexer.ingest.PartialDate> corroboratedDates(int root) {
            Map<org.tessera.indexer.ingest.PartialDate, Integer> counts = new HashMap<>(4);
            int x = root;
            do {
                if (f[x].dob != null && f[x].dob.isComplete()) counts.merge(f[x].dob, 1, Integer::sum);
                x = next[x];
            } while (x != root);
            Set<org.tessera.indexer.ingest.PartialDate> out = new HashSet<>(2);
            counts.forEach((d, c) -> { if (c >= 2) out.add(d); });
            return out;
        }

        /** Reference values that at least two of the person's units carry (one record's typo is not the person's). */
        private Map<String, Set<String>> references(int root) { return references(root, 2); }

        private Map<String, Set<String>> references(int root, int min) {
            if (size[root] < min) return Map.of();
            Map<String, Map<String, Integer>> counts = new HashMap<>(4);
            int x = root;
            do {
                for (var e : f[x].ids.entrySet()) {
                    String k = e.getKey();
                    if (!org.tessera.indexer.ingest.Vocabulary.STRONG_IDENTIFIERS.contains(k) && !k.startsWith("source_person_id")) {
                        counts.computeIfAbsent(k, s -> new HashMap<>(4)).merge(e.getValue(), 1, Integer::sum);
                    }
                }
                x = next[x];
            } while (x != root);
            Map<String, Set<String>> out = new HashMap<>(4);
            counts.forEach((k, values) -> values.forEach((v, c) -> {
                if (c >= min) out.computeIfAbsent(k, s -> new HashSet<>(2)).add(v);
            }));
            return out;
        }

        /**
         * Whether one person has a child's date of birth and the other an adult's role or an
         * adult's date of birth: what a pair found by a wide blocking key alone may not join.
         */
        boolean acrossAgeBoundary(int i, int j) {
            int a = find(i), b = find(j);
            return childDates[a] > 0 && (adultRole[b] || adultDates[b] > 0) || childDates[b] > 0 && (adultRole[a] || adultDates[a] > 0);
        }

        /** A person with a date of birth, every one of which is a child's (see {@link AgeRoles}). */
        private boolean childOnly(int root) {
            return childDates[root] > 0 && adultDates[root] == 0;
        }

        private Map<String, Set<String>> exclusive(int root) {
            Map<String, Set<String>> out = new HashMap<>(4);
            int x = root;
            do {
                f[x].strong.forEach((k, v) -> {
                    if (EXCLUSIVE.contains(k)) out.computeIfAbsent(k, s -> new HashSet<>(2)).add(v);
                });
                x = next[x];
            } while (x != root);
            return out;
        }

        /**
         * Two persons whose dates of birth are all clearly different generations (ten years or
         * more apart, and not one keystroke apart) are not joined, e.g. a father and son of one
         * name linked through a record that gives neither date. Either side without a date of
         * birth imposes nothing. Typos (1956/1965, 1956/1986) do not count as clearly different.
         */
        private boolean datesOfBirthCompatible(int a, int b) {
            List<org.tessera.indexer.ingest.PartialDate> da = dates(a), db = dates(b);
            if (da.isEmpty() || db.isEmpty()) return true;
            for (var x : da) for (var y : db) if (!clearlyDifferentGenerations(x, y)) return true;
            return false;
        }

        private List<org.tessera.indexer.ingest.PartialDate> dates(int root) {
            List<org.tessera.indexer.ingest.PartialDate> out = new ArrayList<>();
            int x = root;
            do {
                if (f[x].dob != null && !out.contains(f[x].dob)) out.add(f[x].dob);
                x = next[x];
            } while (x != root);
            return out;
        }

        static boolean clearlyDifferentGenerations(org.tessera.indexer.ingest.PartialDate x, org.tessera.indexer.ingest.PartialDate y) {
            return Math.abs(x.year() - y.year()) >= 10
                    && !Comparisons.withinOneEdit(Integer.toString(x.year()), Integer.toString(y.year()))
                    && !sameBirthday(x, y);
        }

        /** Same day and month of birth (or the two transposed): what a mistyped year leaves. */
        static boolean sameBirthday(org.tessera.indexer.ingest.PartialDate x, org.tessera.indexer.ingest.PartialDate y) {
            if (!x.isComplete() || !y.isComplete()) return false;
            return x.month() == y.month() && x.day() == y.day() || x.month() == y.day() && x.day() == y.month();
        }

        /** Household context of persons, as they stand now (see {@link #householdLinks}). */
        Households households() {
            return new Households();
        }

        /**
         * What a person's records say about their household: the persons named beside them in
         * a record (not professionals), and the postcodes of the person and of those persons.
         * Computed on demand and cached by cluster root; reflects the clusters when first asked.
         * Each is a sorted array of distinct numbers (cluster roots; postcodes as numbered by
         * {@link Clusters#postcodeOf}): boxed sets of them were most of household evidence's time.
         */
        final class Households {
            private final int[][] mates = new int[f.length][], matePostcodes = new int[f.length][], postcodes = new int[f.length][];
            private final IntList scratch = new IntList();

            /**
             * Whether persons {@code a} and {@code b} share a household that their records name: a
             * person named beside each, or a postcode of the people named beside one that is a
             * postcode of the other or of the people beside it. Two persons who merely share a postcode
             * of their own share no more than the model already weighs (namesakes of a street).
             */
            boolean shared(int a, int b) {
                int[] ma = mates(a), mb = mates(b);
                if (ma.length == 0 && mb.length == 0) return false;
                if (intersects(ma, mb)) return true;
                int[] qa = matePostcodes(a), qb = matePostcodes(b);
                return intersects(qa, qb) || intersects(qa, postcodes(b)) || intersects(qb, postcodes(a));
            }

            /** Whether two sorted arrays share a value. */
            private static boolean intersects(int[] x, int[] y) {
                for (int i = 0, j = 0; i < x.length && j < y.length; ) {
                    if (x[i] == y[j]) return true;
                    if (x[i] < y[j]) i++; else j++;
                }
                return false;
            }

            /**
             * Visits each pair of occurrences (units, smaller first) named beside one person in that
             * person's records; a person beside whom more than {@link #MAX_BESIDE} units are named
             * (a professional's caseload) is skipped.
             */
            void forEachBesideOnePerson(UnitPairVisitor visitor) {
                // Compressed rows by person (cluster root): counted, then filled, in the order the
                // units are met; a map of boxed lists cost a boxed entry per unit named beside another.
                int n = f.length;
                boolean[] counted = inHousehold;
                int[] root = new int[n];
                for (int x = 0; x < n; x++) root[x] = find(x);
                int[] start = new int[n + 1];
                for (int pass = 0; pass < 2; pass++) {
                    int[] fill = pass == 0 ? null : Arrays.copyOf(start, n);
                    int[] beside = pass == 0 ? null : new int[start[n]];
                    for (int y = 0; y < n; y++) {
                        if (!counted[y]) continue;
                        for (int e = unitEventStart[y]; e < unitEventStart[y + 1]; e++) {
                            int ev = unitEvents[e];
                            for (int u = eventUnitStart[ev]; u < eventUnitStart[ev + 1]; u++) {
                                int x = eventUnits[u];
                                if (x == y || !counted[x]) continue;
                                if (pass == 0) start[root[x] + 1]++; else beside[fill[root[x]]++] = y;
                            }
                        }
                    }
                    if (pass == 0) {
                        for (int r = 0; r < n; r++) start[r + 1] += start[r];
                        continue;
                    }
                    for (int r = 0; r < n; r++) {
                        if (start[r] == start[r + 1]) continue;
                        int[] units = IntList.sortedDistinct(Arrays.copyOfRange(beside, start[r], start[r + 1]));
                        int distinct = units.length;
                        if (distinct > MAX_BESIDE) continue;
                        for (int a = 0; a < distinct; a++) for (int b = a + 1; b < distinct; b++) visitor.visit(units[a], units[b]);
                    }
                }
            }

            /** The persons (cluster roots) named beside this one in its records. */
            private int[] mates(int root) {
                int[] cached = mates[root];
                if (cached != null) return cached;
                scratch.size = 0;
                int x = root;
                do {
                    for (int e = unitEventStart[x]; e < unitEventStart[x + 1]; e++) {
                        int ev = unitEvents[e];
                        for (int u = eventUnitStart[ev]; u < eventUnitStart[ev + 1]; u++) {
                            int y = eventUnits[u];
                            if (y == x || !inHousehold[y]) continue;
                            int ry = find(y);
                            if (ry != root) scratch.add(ry);
                        }
                    }
                    x = next[x];
                } while (x != root);
                return mates[root] = scratch.sortedDistinct();
            }

            /** The postcodes of the persons named beside this one. */
            private int[] matePostcodes(int root) {
                int[] cached = matePostcodes[root];
                if (cached != null) return cached;
                int[] of = mates(root);
                int count = 0;
                for (int m : of) count += postcodes(m).length;
                IntList out = new IntList(count);
                for (int m : of) for (int code : postcodes(m)) out.add(code);
                return matePostcodes[root] = out.sortedDistinct();
            }

            /** The postcodes of the person's own records. */
            private int[] postcodes(int root) {
                int[] cached = postcodes[root];
                if (cached != null) return cached;
                scratch.size = 0;
                int x = root;
                do {
                    if (postcodeOf[x] >= 0) scratch.add(postcodeOf[x]);
                    x = next[x];
                } while (x != root);
                return postcodes[root] = scratch.sortedDistinct();
            }
        }

        void union(int i, int j) {
            int a = find(i), b = find(j);
            if (a == b) return;
            if (size[a] < size[b]) { int t = a; a = b; b = t; }
            parent[b] = a;
            size[a] += size[b];
            adultRole[a] |= adultRole[b];
            childDates[a] += childDates[b];
            adultDates[a] += adultDates[b];
            int t = next[a]; next[a] = next[b]; next[b] = t; // splice the two member rings
        }
    }
}

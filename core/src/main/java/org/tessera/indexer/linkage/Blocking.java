package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidate pairs: two units are compared only if they share the key of at least one rule, and
 * each pair is produced once (by the first rule, and within it the smallest key, they share).
 *
 * <p>A key shared by more than {@code refineAbove} units is <em>refined</em>: its members are
 * blocked again on the rule's refinement (a full date of birth on the given or family initial, a
 * name sound plus birth year on the given-name sound, ...). At demonstration scale blocks stay
 * below the threshold and nothing changes; at county scale the common keys (a date of birth
 * shared by a hundred units, "Jack Smith" without a date) are what made pairs grow with the
 * square of the population (189 M pairs for 1.1 M units). Refinement keeps the pairs that share
 * more than the loose key, which is what a merge needs anyway. A block still larger than
 * {@code maxBlockSize} after refinement is skipped and counted.
 *
 * <p>Keys are interned per rule to int ids, and each unit keeps only the sorted ids of the keys
 * it actually shares with another unit: at county scale the key strings were gigabytes.
 * Built by one linkage run (its rules in parallel); immutable once built, so ranges of blocks
 * can be visited from several threads.
 */
final class Blocking {
    static final List<String> RULES = List.of("dob", "family_sound_initial_birth_year", "postcode_initial", "given_family_sound", "identifier", "family_initial_birth_decade",
            "postcode_family_initial", "house_number_name_sound", "identifier_one_edit", "postcode_house_number", "house_number_street",
            "birthday_initials");
    /**
     * Rules from this index on are <em>wide</em> (issue #18): they find fragments of a person that
     * share no key of the first six (names swapped and mistyped, a given name missing or only an
     * initial, no postcode and no date of birth). Their pairs do not enter the model's estimation
     * (EM and the prior are fitted on the first six rules' pairs, so the weights of those pairs do
     * not move), and a pair only they produced never joins a person in an adult's role or with an
     * adult's date of birth to a person with a child's date of birth ({@code FellegiSunterLinker}).
     */
    static final int FIRST_WIDE_RULE = 6;
    private static final int[] NONE = new int[0];

    /** Effective key ids, by rule then unit, sorted; ids are per rule. */
    private final int[][][] keys;
    /** Members of each effective block, by rule then key id. */
    private final int[][][] members;
    private final int skipped;
    private final int refined;

    /** Receives each candidate pair once, {@code i < j}. */
    interface PairSink {
        void accept(int i, int j, int rule);
    }

    private Blocking(int[][][] keys, int[][][] members, int skipped, int refined) {
        this.keys = keys;
        this.members = members;
        this.skipped = skipped;
        this.refined = refined;
    }

    static Blocking of(Features[] f, int refineAbove, int maxBlockSize) {
        return of(f, refineAbove, maxBlockSize, new Workers(null, 1));
    }

    /** Rules are blocked independently, in parallel; the result does not depend on the number of threads. */
    static Blocking of(Features[] f, int refineAbove, int maxBlockSize, Workers workers) {
        List<java.util.concurrent.Callable<RuleBlocks>> tasks = new ArrayList<>();
        for (int r = 0; r < RULES.size(); r++) {
            int rule = r;
            tasks.add(() -> ofRule(rule, f, refineAbove, maxBlockSize));
        }
        List<RuleBlocks> rules = workers.inOrder(tasks);
        int[][][] keys = new int[RULES.size()][][];
        int[][][] members = new int[RULES.size()][][];
        int skipped = 0, refined = 0;
        for (int r = 0; r < RULES.size(); r++) {
            keys[r] = rules.get(r).keys();
            members[r] = rules.get(r).members();
            skipped += rules.get(r).skipped();
            refined += rules.get(r).refined();
        }
        return new Blocking(keys, members, skipped, refined);
    }

    /** One rule's effective keys by unit, members by key, and its skipped and refined key counts. */
    private record RuleBlocks(int[][] keys, int[][] members, int skipped, int refined) {}

    private static RuleBlocks ofRule(int r, Features[] f, int refineAbove, int maxBlockSize) {
        int n = f.length;
        // Level 0: the rule's own keys.
        Map<String, Integer> ids = new HashMap<>();
        int[][] raw = new int[n][];
        for (int i = 0; i < n; i++) {
            String[] ks = keys(r, f[i]);
            int[] a = new int[ks.length];
            for (int k = 0; k < ks.length; k++) {
                Integer id = ids.get(ks[k]);
                if (id == null) { id = ids.size(); ids.put(ks[k], id); }
                a[k] = id;
            }
            raw[i] = a;
        }
        int level0 = ids.size();
        ids = null;
        int[] size = new int[level0];
        for (int[] a : raw) for (int k : a) size[k]++;
        // Level 1: members of a key over refineAbove are blocked on key + refinement instead.
        Map<String, Integer> subIds = new HashMap<>();
        List<Integer> subSize = new ArrayList<>();
        Set<Integer> refinedKeys = new HashSet<>(), skippedKeys = new HashSet<>();
        int[][] eff = new int[n][];
        int[] buffer = new int[16];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int k : raw[i]) {
                if (size[k] < 2) continue;
                if (size[k] <= refineAbove) {
                    buffer = put(buffer, count++, k);
                    continue;
                }
                String[] subs = refinements(r, f[i]);
                if (subs == null) { // no refinement: the key stands up to the cap
                    if (size[k] <= maxBlockSize) buffer = put(buffer, count++, k);
                    else skippedKeys.add(k);
                    continue;
                }
                refinedKeys.add(k);
                for (String s : subs) {
                    String key = k + "#" + s;
                    Integer id = subIds.get(key);
                    if (id == null) { id = level0 + subSize.size(); subIds.put(key, id); subSize.add(0); }
                    subSize.set(id - level0, subSize.get(id - level0) + 1);
                    buffer = put(buffer, count++, id);
                }
            }
            eff[i] = count == 0 ? NONE : Arrays.copyOf(buffer, count);
        }
        raw = null;
        subIds = null;
        int total = level0 + subSize.size();
        int[] all = Arrays.copyOf(size, total);
        for (int s = 0; s < subSize.size(); s++) all[level0 + s] = subSize.get(s);
        // Refined blocks still over the cap are skipped; singletons share nothing.
        Set<Integer> skippedSub = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int[] a = eff[i];
            int count = 0;
            for (int k : a) {
                if (all[k] < 2) continue;
                if (k >= level0 && all[k] > maxBlockSize) { skippedSub.add(k); continue; }
                a[count++] = k;
            }
            if (count < a.length) a = count == 0 ? NONE : Arrays.copyOf(a, count);
            Arrays.sort(a);
            eff[i] = dedupe(a);
        }
        int[] fill = new int[total];
        for (int[] a : eff) for (int k : a) fill[k]++;
        int[][] m = new int[total][];
        for (int k = 0; k < total; k++) m[k] = fill[k] < 2 ? null : new int[fill[k]];
        Arrays.fill(fill, 0);
        for (int i = 0; i < n; i++) for (int k : eff[i]) m[k][fill[k]++] = i;
        return new RuleBlocks(eff, m, skippedKeys.size() + skippedSub.size(), refinedKeys.size());
    }

    /** Blocks over the cap after refinement, whose pairs were not generated. */
    int skippedBlocks() { return skipped; }

    /** Keys shared by more than the refinement threshold, blocked again on their refinement. */
    int refinedBlocks() { return refined; }

    /** Calls {@code sink} once per candidate pair; returns the pairs produced by each rule. */
    long[] forEachPair(PairSink sink) {
        long[] perRule = new long[RULES.size()];
        forEachPair(new Range(0, 0, RULES.size() - 1, members[RULES.size() - 1].length), sink, perRule);
        return perRule;
    }

    /**
     * Blocks from rule {@code fromRule}, key {@code fromKey} (inclusive) to rule {@code toRule},
     * key {@code toKey} (exclusive), in the order {@link #forEachPair(PairSink)} visits them.
     */
    record Range(int fromRule, int fromKey, int toRule, int toKey) {}

    /**
     * Consecutive ranges of blocks with about equal numbers of pairs to weigh, at least
     * {@code parts} of them when there are that many blocks: visiting them in order is visiting
     * every block once, in {@link #forEachPair(PairSink)}'s order.
     */
    List<Range> ranges(int parts) {
        long total = 0;
        for (int[][] m : members) for (int[] b : m) if (b != null) total += (long) b.length * (b.length - 1) / 2;
        long target = Math.max(1, total / Math.max(1, parts));
        List<Range> out = new ArrayList<>();
        int fromRule = 0, fromKey = 0;
        long work = 0;
        for (int r = 0; r < RULES.size(); r++) {
            int[][] m = members[r];
            for (int k = 0; k < m.length; k++) {
                if (m[k] != null) work += (long) m[k].length * (m[k].length - 1) / 2;
                if (work >= target) {
                    out.add(new Range(fromRule, fromKey, r, k + 1));
                    fromRule = r;
                    fromKey = k + 1;
                    work = 0;
                }
            }
        }
        int lastRule = RULES.size() - 1;
        if (fromRule < lastRule || fromKey < members[lastRule].length) out.add(new Range(fromRule, fromKey, lastRule, members[lastRule].length));
        return out;
    }

    /** Calls {@code sink} once per candidate pair of the range's blocks, counting pairs by rule into {@code perRule}. */
    void forEachPair(Range range, PairSink sink, long[] perRule) {
        for (int r = range.fromRule(); r <= range.toRule(); r++) {
            int[][] m = members[r];
            int from = r == range.fromRule() ? range.fromKey() : 0, to = r == range.toRule() ? range.toKey() : m.length;
            for (int k = from; k < to; k++) {
                int[] b = m[k];
                if (b == null) continue;
                for (int x = 0; x < b.length; x++) {
                    for (int y = x + 1; y < b.length; y++) {
                        int i = b[x], j = b[y]; // members are filled in unit order, so i < j
                        if (generatedEarlier(r, i, j, k)) continue;
                        sink.accept(i, j, r);
                        perRule[r]++;
                    }
                }
            }
        }
    }

    /** True when the pair shares a key of an earlier rule, or a smaller key of this rule. */
    private boolean generatedEarlier(int rule, int i, int j, int key) {
        for (int r = 0; r < rule; r++) if (share(keys[r][i], keys[r][j], Integer.MAX_VALUE)) return true;
        return share(keys[rule][i], keys[rule][j], key);
    }

    /** Whether two sorted arrays share a value below {@code below}. */
    private static boolean share(int[] a, int[] b, int below) {
        int x = 0, y = 0;
        while (x < a.length && y < b.length) {
            int p = a[x], q = b[y];
            if (p >= below || q >= below) return false;
            if (p == q) return true;
            if (p < q) x++; else y++;
        }
        return false;
    }

    private static int[] put(int[] buffer, int at, int value) {
        if (at == buffer.length) buffer = Arrays.copyOf(buffer, at * 2);
        buffer[at] = value;
        return buffer;
    }

    private static int[] dedupe(int[] sorted) {
        int count = 0;
        for (int x = 0; x < sorted.length; x++) if (x == 0 || sorted[x] != sorted[x - 1]) sorted[count++] = sorted[x];
        return count == sorted.length ? sorted : Arrays.copyOf(sorted, count);
    }

    static String[] keys(int rule, Features f) {
        Set<String> out = new HashSet<>();
        switch (rule) {
            case 0 -> { if (f.dob != null && f.dob.isComplete()) out.add(f.dob.toString()); }
            case 1 -> { if (f.dob != null && f.given != null) for (String c : f.familyCodes) out.add(c + "|" + f.given.charAt(0) + "|" + f.dob.year()); }
            // Postcode and the initial of either name: a record whose names are swapped or whose given name is missing still meets its person.
            case 2 -> {
                if (f.postcode != null && f.given != null) out.add(f.postcode + "|" + f.given.charAt(0));
                if (f.postcode != null && f.given == null && f.family != null) out.add(f.postcode + "|" + f.family.charAt(0));
            }
            // The two names' sounds in either order (names swapped share the key).
            case 3 -> {
                for (String g : f.givenCodes) for (String c : f.familyCodes) out.add(g.compareTo(c) <= 0 ? g + "|" + c : c + "|" + g);
            }
            case 4 -> f.ids.forEach((k, v) -> out.add(k + "=" + v));
            case 5 -> { if (f.family != null && f.given != null && f.dob != null) out.add(f.family + "|" + f.given.charAt(0) + "|" + f.dob.year() / 10); }
            // Wide: postcode and the family initial (rule 2 keys the given initial when there is
            // a given name): a record whose names are swapped and mistyped, whose given name is
            // mistyped at its first letter, or which has no given name, still meets its person
            // at its postcode (rule 2 keys a record without a given name on its family initial,
            // which its person's records, keyed on their given initial, do not share).
            case 6 -> { if (f.postcode != null && f.family != null) out.add(f.postcode + "|" + f.family.charAt(0)); }
            // Wide: house number and the sound of either name: a record whose postcode is missing
            // or mistyped and whose date of birth is missing still meets its person at its address.
            case 7 -> {
                for (String t : f.addressTokens) {
                    if (!houseNumber(t)) continue;
                    for (String c : f.familyCodes) out.add(t + "|" + c);
                    for (String c : f.givenCodes) out.add(t + "|" + c);
                }
            }
            // Wide (session 14, issue #18): a reference one keystroke out (a digit changed, two
            // adjacent digits swapped) shares a value with one character deleted, whatever else
            // the record lost (names, date of birth). Valid strong identifiers join on their own
            // and a source's own person id is issued by a system, so neither is keyed here.
            case 8 -> f.ids.forEach((scheme, v) -> {
                if (scheme.startsWith("source_person_id") || v.equals(f.strong.get(scheme)) || v.length() < 5 || v.length() > 12) return;
                for (int i = 0; i < v.length(); i++) out.add(scheme + "=" + v.substring(0, i) + v.substring(i + 1));
            });
            // Wide: postcode and house number: a record without names (or with both mistyped) and
            // without a date of birth still meets its person at its address.
            case 9 -> {
                if (f.postcode != null) for (String t : f.addressTokens) if (houseNumber(t)) out.add(f.postcode + "|" + t);
            }
            // Wide: house number and a word of the street or town (4+ letters): a record whose
            // postcode and names are mistyped or missing still meets its person at its address.
            case 10 -> {
                for (String t : f.addressTokens) {
                    if (!houseNumber(t)) continue;
                    for (String w : f.addressTokens) if (w.length() >= 4 && !houseNumber(w)) out.add(t + "|" + w);
                }
            }
            // Wide (session 18, issue #18): day and month of birth (the smaller first, so a day/month swap keeps it) with
            // both initials (in either order, so swapped names keep it): a record whose year is mistyped and whose names
            // and postcode are mistyped past their first letter still meets its person.
            case 11 -> {
                if (f.dob != null && f.dob.isComplete() && f.given != null && f.family != null) {
                    out.add(birthday(f) + "|" + sortedPair(f.given.substring(0, 1), f.family.substring(0, 1)));
                }
            }
            default -> throw new IllegalArgumentException("rule " + rule);
        }
        String[] a = out.toArray(String[]::new);
        Arrays.sort(a);
        return a;
    }

    /**
     * What splits a key shared by too many units, or null when the rule has no refinement (an
     * identifier: a block that large is a placeholder value, skipped at the cap). Each keeps the
     * pairs that agree on one more thing a merge would need anyway.
     */
    static String[] refinements(int rule, Features f) {
        if (!refinable(rule)) {
            return null;
        }
        Set<String> out = new HashSet<>();
        switch (rule) {
            // One date of birth: the given or the family initial (one name may change, not both).
            case 0 -> {
                if (f.given != null) out.add("g" + f.given.charAt(0));
                if (f.family != null) out.add("f" + f.family.charAt(0));
            }
            // Family sound, initial and year: the given name's sound.
            case 1 -> out.addAll(f.givenCodes);
            // Family name, initial and decade (there for a mistyped year): the given name's sound
            // and the day and month, which a mistyped year leaves alone.
            case 5 -> {
                String dayMonth = f.dob != null && f.dob.isComplete() ? "|" + f.dob.month() + "-" + f.dob.day() : "";
                for (String c : f.givenCodes) out.add(c + dayMonth);
            }
            // Postcode and initial: the family name's sound.
            case 2 -> out.addAll(f.familyCodes);
            // Given and family sound, no date: the birth year, or the postcode district when the date is missing or wrong.
            case 3 -> {
                if (f.dob != null) out.add("y" + f.dob.year());
                if (f.ukPostcode != null) out.add("d" + f.ukPostcode.district());
                else if (f.postcode != null) out.add("p" + f.postcode);
            }
            // Postcode and house number: the family name's sound, or the given name's when the family name is missing.
            case 9, 10 -> out.addAll(f.family != null ? f.familyCodes : f.givenCodes);
            // Postcode and family initial: the family name's sound.
            case 6 -> out.addAll(f.familyCodes);
            // House number and name sound: a word of the street or town (a typo leaves the others).
            case 7 -> { for (String t : f.addressTokens) if (t.length() >= 4 && !houseNumber(t)) out.add(t); }
            // Birthday and initials: the sound of either name (one of them may be mistyped, not both).
            case 11 -> {
                for (String c : f.givenCodes) out.add("g" + c);
                for (String c : f.familyCodes) out.add("f" + c);
            }
            default -> throw new IllegalArgumentException("rule " + rule);
        }
        return out.toArray(String[]::new);
    }

    /** Day and month of birth, the smaller first: a day/month swap keeps it. */
    static String birthday(Features f) {
        int a = f.dob.day(), b = f.dob.month();
        return Math.min(a, b) + "-" + Math.max(a, b);
    }

    static String sortedPair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    /** Whether a key of this rule shared by too many units is refined: not an identifier's (a placeholder value is skipped at the cap). */
    static boolean refinable(int rule) {
        return rule != 4 && rule != 8;
    }

    /** An address token that is a house number: digits, perhaps with a letter ("12", "12a"). */
    static boolean houseNumber(String token) {
        return !token.isEmpty() && token.length() <= 5 && Character.isDigit(token.charAt(0));
    }
}

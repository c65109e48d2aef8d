package org.tessera.indexer.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.common.Lazy;
import org.tessera.indexer.ingest.PartialDate;

/**
 * The blocking keys an arrival is matched on, in the form the feed store keeps them beside each
 * record (docs/adr/0043-stored-blocking-keys.md).
 *
 * <p>The keys are {@link FellegiSunterLinker#blockingKeys}: every rule of the blocking's rule list,
 * whatever the list holds, as {@code rule:key}, before refinement (the keys whose sharing makes a
 * stored person one a full run could compare an occurrence with). Stored, each key is a 64-bit
 * hash ({@link #stored(String)}): short, and not the date of birth or postcode it was made of. Two
 * keys with one hash only widen what a read returns; the caller checks the keys themselves. Since
 * records v5 (docs/adr/0065-records-v5-refinements-beside-the-raw-keys.md) each person on a record is
 * kept with its raw keys and its refinements apart ({@link Unit}), not with every key joined with every
 * refinement: fewer and far less distinct terms, and a crowded key's holders are still read by their refinements.
 *
 * <p>{@link #version()} names the key functions: a digest of the rule list, the classes that make
 * the keys and the keys of fixed sample occurrences. A stored record whose version is not the
 * running one has keys that may not be this code's, so it is not read through its keys until they
 * are written again.
 */
public final class BlockingKeys {

    private static final Lazy<String> VERSION = Lazy.of(BlockingKeys::digest);
    /**
     * Records keyed ({@link #storedOf}) with one normalisation memo before it is replaced: the memo
     * keeps every distinct name, postcode and address it saw, so it is bounded by records, not kept
     * for the life of the process.
     */
    private static final int MEMO_RECORDS = 200_000;
    /** The memo {@link #storedOf} shares across records (thread-safe; a writer keys one record at a time). */
    private static final AtomicReference<FeatureMemo> MEMO = new AtomicReference<>(new FeatureMemo());
    private static final AtomicLong MEMO_USES = new AtomicLong();

    private BlockingKeys() {
    }

    /** The keys of each occurrence, as {@code rule:key}, in the order given. */
    public static List<Set<String>> of(List<PersonOccurrence> occurrences) {
        return FellegiSunterLinker.blockingKeys(occurrences);
    }

    /**
     * What the feed store keeps of one record's people (ADR 0043, 0053, 0065), in stored form: each occurrence as a
     * {@link Unit}, its raw keys and refinements beside the unit a full run counts it as (records v5: nothing is kept
     * for the record as a whole but the keys' version).
     *
     * @param units each occurrence's raw keys, refinements and unit, in the record's order
     */
    public record Stored(List<Unit> units) {

        /**
         * What a read of the store finds this record by (FeedStore.eventIdsSharing), in stored form: each raw key of an
         * occurrence, and each raw key of an occurrence joined with each of that occurrence's refinements
         * ({@link BlockingKeys#stored(String)} of {@link BlockingKeys#refined}: {@code raw#refinement}), sorted, without
         * repeats. Not stored as such: the store matches an occurrence holding both. Every refined key of an occurrence
         * ({@link BlockingKeys#refined}{@code (rule, key, s)} for {@code s} among the rule's refinements) is among them; a few more
         * (a key joined with another rule's refinement) only widen a read.
         */
        public List<String> keys() {
            Set<String> out = new TreeSet<>();
            for (Unit unit : units) {
                out.addAll(unit.keys());
                for (String key : unit.keys()) {
                    for (String refinement : unit.refinements()) {
                        out.add(key + REFINED + refinement);
                    }
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * One occurrence as the store keeps it.
     *
     * @param keys        its raw keys, stored form
     * @param refinements the refinements of its raw keys (every refinable rule's {@link Blocking#refinements}, for the
     *                    rules it has a key of), stored form, without their rule: the store reads a crowded key's holders
     *                    by the occurrences holding the key and one of the asking occurrence's refinements of it (ADR 0065)
     * @param unit        the stored form of what makes it one unit of a full run: its raw identity when a full run may
     *                    collapse identical occurrences ({@link Features#collapsible}), else its own occurrence id. Two
     *                    occurrences with one unit here are at least one unit there, so a count of these is never more
     *                    than the full run's
     */
    public record Unit(List<String> keys, List<String> refinements, String unit) {
    }

    /** Joins a raw key's stored form and a refinement's in the stored form of a refined key. Never in a hash (base 36). */
    private static final char REFINED = '#';

    /**
     * What the feed store keeps of these occurrences (one record's): {@link Stored}. The feed store keys every
     * record it writes, one call a record: the names, postcodes and addresses the keys are made of are normalised
     * once across consecutive records ({@link FeatureMemo}, the same values with or without it), not once per
     * record, which made a first load's keys cost about as much as the linker's features of the same people.
     */
    public static Stored storedOf(List<PersonOccurrence> occurrences) {
        FeatureMemo memo = sharedMemo();
        DoubleMetaphone dm = new DoubleMetaphone();
        Features.Interner interner = new Features.Interner();
        List<Unit> units = new ArrayList<>(occurrences.size());
        for (PersonOccurrence o : occurrences) {
            Features f = new Features(o, dm, interner, memo);
            Set<String> raw = new HashSet<>();
            Set<String> refinements = new HashSet<>();
            for (int r = 0; r < Blocking.RULES.size(); r++) {
                String[] keys = Blocking.keys(r, f);
                if (keys.length == 0) {
                    continue;
                }
                for (String k : keys) {
                    raw.add(raw(r, k));
                }
                String[] subs = Blocking.refinements(r, f);
                if (subs != null) {
                    refinements.addAll(Arrays.asList(subs));
                }
            }
            String unit = Features.collapsible(o, memo) ? FellegiSunterLinker.RawIdentity.canonical(o) : "occurrence " + o.occurrenceId();
            units.add(new Unit(stored(raw), hashed(refinements), hash(unit)));
        }
        return new Stored(List.copyOf(units));
    }

    /**
     * A refined key, {@code rule:key#refinement}: the block a full run puts the members of a crowded raw key
     * ({@code rule:key}) in when they share the refinement ({@link Blocking#refinements}).
     */
    public static String refined(int rule, String key, String refinement) {
        return raw(rule, key) + "#" + refinement;
    }

    /** A raw key, {@code rule:key}: the rule's index and the key it made ({@link #ruleOf} reads the rule back). */
    public static String raw(int rule, String key) {
        return rule + ":" + key;
    }

    /** The rule of a key ({@code rule:key}, raw or refined). */
    public static int ruleOf(String key) {
        return Integer.parseInt(key, 0, key.indexOf(':'), 10);
    }

    /** Whether a full run refines a crowded key of this rule (an identifier's is not: it stands, up to the cap). */
    public static boolean refinable(int rule) {
        return Blocking.refinable(rule);
    }

    private static FeatureMemo sharedMemo() {
        if (MEMO_USES.incrementAndGet() % MEMO_RECORDS == 0) {
            MEMO.set(new FeatureMemo());
        }
        return MEMO.get();
    }

    /** The stored form of these keys ({@link #stored(String)}), sorted, without repeats. */
    public static List<String> stored(Collection<String> keys) {
        Set<String> out = new TreeSet<>();
        keys.forEach(k -> out.add(stored(k)));
        return List.copyOf(out);
    }

    /**
     * The stored form of one key. A raw key ({@code rule:key}): its FNV-1a 64-bit hash over its UTF-16 units, base 36.
     * A refined key ({@link #refined}: a refinable rule's {@code rule:key#refinement}): the raw key's stored form and the
     * refinement's hash, joined by {@code #} (records v5, ADR 0065: the store keeps each occurrence's raw keys and its
     * refinements apart, and finds an occurrence holding both). The keys and refinements of a refinable rule are made of
     * letters, digits and {@code |-}, never {@code #}; an identifier's key (not refinable) may hold one and is hashed whole.
     */
    public static String stored(String key) {
        int at = key.indexOf(REFINED);
        int colon = key.indexOf(':');
        if (at > 0 && colon > 0 && colon < at && isRule(key, colon) && refinable(ruleOf(key))) {
            return hash(key.substring(0, at)) + REFINED + hash(key.substring(at + 1));
        }
        return hash(key);
    }

    /**
     * A stored key ({@link BlockingKeys#stored(String)}) as the raw key's stored form and, for a refined key, the
     * refinement's (null for a raw key): what the store matches an occurrence's {@link Unit#keys} and
     * {@link Unit#refinements} with.
     */
    public record StoredKey(String raw, String refinement) {

        public static StoredKey of(String stored) {
            int at = stored.indexOf(REFINED);
            return at < 0 ? new StoredKey(stored, null) : new StoredKey(stored.substring(0, at), stored.substring(at + 1));
        }
    }

    private static boolean isRule(String key, int colon) {
        for (int i = 0; i < colon; i++) {
            if (!Character.isDigit(key.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> hashed(Collection<String> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(hash(v)));
        return List.copyOf(out);
    }

    /** FNV-1a 64-bit over the UTF-16 units, base 36. */
    private static String hash(String value) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            hash ^= c & 0xff;
            hash *= 0x100000001b3L;
            hash ^= c >>> 8;
            hash *= 0x100000001b3L;
        }
        return unsignedBase36(hash);
    }

    /**
     * {@link Long#toUnsignedString(long, int)} in base 36, without the {@link java.math.BigInteger} that
     * method makes for every value with the top bit set (half of all hashes; a fifth of the feed store's
     * keying): the value over 36, then its last digit.
     */
    static String unsignedBase36(long value) {
        if (value >= 0) {
            return Long.toString(value, 36);
        }
        long quotient = Long.divideUnsigned(value, 36);
        return Long.toString(quotient, 36) + Character.forDigit((int) Long.remainderUnsigned(value, 36), 36);
    }

    /**
     * The candidate pairs a full run's blocking gives over these occurrences (every rule, refined
     * and capped as {@code settings} say, each pair once): an arrival's candidates, read through the
     * stored keys, hold every one of them that joins an arrival to a stored occurrence.
     */
    public static Set<OccurrencePair> blockedPairs(List<PersonOccurrence> occurrences, LinkageSettings settings) {
        DoubleMetaphone dm = new DoubleMetaphone();
        Features.Interner interner = new Features.Interner();
        FeatureMemo memo = new FeatureMemo();
        Features[] features = new Features[occurrences.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = new Features(occurrences.get(i), dm, interner, memo);
        }
        Set<OccurrencePair> out = new HashSet<>();
        Blocking.of(features, settings.refineBlockSize(), settings.maxBlockSize())
                .forEachPair((i, j, rule) -> out.add(new OccurrencePair(occurrences.get(i).occurrenceId(), occurrences.get(j).occurrenceId())));
        return out;
    }

    /** The version of the key functions the running code has. */
    public static String version() {
        return VERSION.get();
    }

    private static String digest() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(String.join(",", Blocking.RULES).getBytes(StandardCharsets.UTF_8));
        for (Class<?> type : List.of(Blocking.class, Features.class, BlockingKeys.class)) {
            try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                if (in != null) {
                    sha.update(in.readAllBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Set<String> keys : of(samples())) {
            sha.update(String.join(",", new TreeSet<>(keys)).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        // what is stored beside them (ADR 0053, 0065: records v5): each occurrence's raw keys, refinements and unit
        sha.update("records v5".getBytes(StandardCharsets.UTF_8));
        for (Unit unit : storedOf(samples()).units()) {
            sha.update((String.join(",", unit.keys()) + "#" + String.join(",", unit.refinements()) + "=" + unit.unit() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** Occurrences every rule has something to key: full details, names swapped, no date, an identifier, a house number. */
    private static List<PersonOccurrence> samples() {
        List<PersonOccurrence> out = new ArrayList<>();
        PartialDate born = PartialDate.of(java.time.LocalDate.of(2014, 3, 9));
        out.add(new PersonOccurrence("s-p0", "sample", "s", "subject", "Kayleigh", "Okonkwo", List.of("Kay Smith"), born, "F",
                "12 Mill Lane, Norwich", "NR2 4AB", Map.of("nhs", "9434765919")));
        out.add(new PersonOccurrence("s-p1", "sample", "s", "parent", "Okonkwo", "Kayleigh", List.of(), null, null,
                "12a Mill Lane", "NR2 4AB", Map.of()));
        out.add(new PersonOccurrence("s-p2", "sample", "s", "sibling", null, "Jones", List.of(), PartialDate.ofYearMonth(1990, 4), "M",
                null, "TC1 4AB", Map.of("upn", "A123456789012")));
        return out;
    }
}

package org.tessera.indexer.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.Vocabulary;
import org.tessera.indexer.normalise.CheckedIdentifier;
import org.tessera.indexer.normalise.UkPostcode;

/** Normalised comparison features of one occurrence, computed once. */
final class Features {
    private static final java.util.regex.Pattern NOT_ALNUM = java.util.regex.Pattern.compile("[^A-Z0-9]");
    private static final java.util.regex.Pattern TOKEN_SPLIT = java.util.regex.Pattern.compile("[^a-z0-9]+");

    final PersonOccurrence occ;
    final String given;            // first given name, normalised
    final List<String> givenParts;  // all given names
    final String family;           // compact family name
    final List<String> familyParts; // hyphen parts and other names' family parts
    final Set<String> givenCodes;
    final Set<String> familyCodes;
    final PartialDate dob;
    /** Given name is only a newborn placeholder ("Baby", "Twin 1"): never auto-matched on details. */
    final boolean placeholder;
    final String gender;
    final String postcode;         // upper case, no spaces
    final UkPostcode ukPostcode;   // null when not a UK shape
    final Set<String> addressTokens;
    /** Trusted strong identifiers, scheme to value (source_person_id scoped by source). */
    final Map<String, String> strong;
    /** Every identifier, scheme to normalised value (used as weak evidence when untrusted). */
    final Map<String, String> ids;
    /**
     * {@link #ids} as one list, each scheme followed by its value, schemes in order: what the comparison
     * of every candidate pair reads (a map's entries and look-ups were a quarter of the comparisons' time).
     * Interned as the map is, so two units hold one list exactly when they hold equal maps.
     */
    final List<String> idList;

    /**
     * Shares equal values between the features of one run: names, codes, postcodes, address token
     * sets and identifier maps repeat across the units of a person and a household, and at county
     * scale (1.1 M units) separate copies were most of the features' gigabyte. Thread-safe
     * (features of units are computed in parallel): which of two equal values is kept does not
     * matter, only that one is.
     */
    static final class Interner {
        private final Map<Object, Object> pool = new java.util.concurrent.ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <T> T intern(T value) {
            if (value == null) return null;
            return (T) FeatureMemo.memo(pool, value, v -> v);
        }
    }

    Features(PersonOccurrence o, DoubleMetaphone dm) {
        this(o, dm, new Interner());
    }

    Features(PersonOccurrence o, DoubleMetaphone dm, Interner interner) {
        this(o, dm, interner, new FeatureMemo());
    }

    Features(PersonOccurrence o, DoubleMetaphone dm, Interner interner, FeatureMemo memo) {
        this.occ = o;
        List<String> gp = new ArrayList<>(memo.nameParts(o.givenNames()));
        this.given = gp.isEmpty() ? null : interner.intern(gp.getFirst());
        this.family = interner.intern(memo.compactName(o.familyName()));
        List<String> fp = new ArrayList<>(memo.nameParts(o.familyName()));
        // A one-word other name is as often a middle name as a surname alias: it counts as a given
        // name; a full alias ("Sally Smith") gives its last word as a family-name alias.
        for (String other : o.otherNames()) {
            List<String> p = memo.nameParts(other);
            if (p.size() == 1) gp.add(p.getFirst());
            else if (p.size() > 1) fp.add(p.getLast());
        }
        gp.replaceAll(interner::intern);
        fp.replaceAll(interner::intern);
        this.givenParts = interner.intern(List.copyOf(new LinkedHashSet<>(gp)));
        this.familyParts = interner.intern(List.copyOf(new LinkedHashSet<>(fp)));
        this.givenCodes = interner.intern(memo.codes(dm, given));
        this.familyCodes = interner.intern(memo.codes(dm, family));
        this.dob = o.dateOfBirth();
        this.placeholder = memo.placeholder(o.givenNames());
        this.gender = normaliseGender(o.gender());
        this.postcode = interner.intern(memo.postcode(o.postcode()));
        this.ukPostcode = interner.intern(memo.ukPostcode(postcode));
        this.addressTokens = interner.intern(memo.addressTokens(o.address(), postcode));
        Map<String, String> strong = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        o.identifiers().forEach((scheme, raw) -> {
            CheckedIdentifier c = CheckedIdentifier.check(scheme, raw);
            if (c.value().isEmpty()) return;
            String key = scheme.equals("source_person_id") ? scheme + "@" + o.source() : scheme;
            ids.put(key, c.value());
            if (c.trusted() && Vocabulary.STRONG_IDENTIFIERS.contains(scheme)) strong.put(key, c.value());
        });
        this.strong = interner.intern(Map.copyOf(strong));
        this.ids = interner.intern(Map.copyOf(ids));
        this.idList = interner.intern(idList(this.ids));
    }

    private static List<String> idList(Map<String, String> ids) {
        String[] schemes = ids.keySet().toArray(String[]::new);
        Arrays.sort(schemes);
        String[] out = new String[schemes.length * 2];
        for (int k = 0; k < schemes.length; k++) {
            out[2 * k] = schemes[k];
            out[2 * k + 1] = ids.get(schemes[k]);
        }
        return List.of(out);
    }

    /**
     * Whether an occurrence may be collapsed with identical ones into one unit: it carries a
     * valid strong identifier (which would join them anyway) and some identity beside it, and is
     * not an unnamed newborn. Read from the raw occurrence, before features are computed.
     */
    static boolean collapsible(PersonOccurrence o) {
        return collapsible(o, new FeatureMemo());
    }

    static boolean collapsible(PersonOccurrence o, FeatureMemo memo) {
        if (memo.placeholder(o.givenNames())) return false;
        if (memo.nameParts(o.givenNames()).isEmpty() && memo.compactName(o.familyName()) == null && o.dateOfBirth() == null) return false;
        for (var e : o.identifiers().entrySet()) {
            if (!Vocabulary.STRONG_IDENTIFIERS.contains(e.getKey())) continue;
            CheckedIdentifier c = CheckedIdentifier.check(e.getKey(), e.getValue());
            if (!c.value().isEmpty() && c.trusted()) return true;
        }
        return false;
    }

    /** Upper case, letters and digits only; null when nothing is left. */
    static String compactPostcode(String raw) {
        if (raw == null) return null;
        String pc = NOT_ALNUM.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
        return pc.isEmpty() ? null : pc;
    }

    static Set<String> codes(DoubleMetaphone dm, String name) {
        if (name == null) return Set.of();
        Set<String> s = new LinkedHashSet<>();
        String p = dm.doubleMetaphone(name);
        String a = dm.doubleMetaphone(name, true);
        if (p != null && !p.isEmpty()) s.add(p);
        if (a != null && !a.isEmpty()) s.add(a);
        return Set.copyOf(s);
    }

    static String normaliseGender(String g) {
        if (g == null) return null;
        String s = g.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "m", "male", "man", "boy" -> "male";
            case "f", "female", "woman", "girl" -> "female";
            default -> null; // unknown / not stated carries no evidence
        };
    }

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("st", "street"), Map.entry("rd", "road"), Map.entry("ave", "avenue"), Map.entry("av", "avenue"),
            Map.entry("ln", "lane"), Map.entry("dr", "drive"), Map.entry("cl", "close"), Map.entry("ct", "court"),
            Map.entry("cres", "crescent"), Map.entry("pl", "place"), Map.entry("sq", "square"), Map.entry("gdns", "gardens"),
            Map.entry("tce", "terrace"), Map.entry("ter", "terrace"), Map.entry("hse", "house"), Map.entry("flt", "flat"));

    static Set<String> addressTokens(String address, String postcode) {
        if (address == null) return Set.of();
        Set<String> out = new LinkedHashSet<>();
        for (String t : TOKEN_SPLIT.split(address.toLowerCase(Locale.ROOT))) {
            if (t.isEmpty()) continue;
            if (postcode != null && postcode.toLowerCase(Locale.ROOT).contains(t) && t.length() >= 2 && t.chars().anyMatch(Character::isDigit)) continue;
            out.add(ABBREVIATIONS.getOrDefault(t, t));
        }
        return Set.copyOf(out);
    }
}

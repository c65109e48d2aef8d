package org.tessera.indexer.normalise;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Name normalisation for comparison and search keys (never for display): lower case, accents
 * removed, apostrophes dropped (O'Brien = obrien), hyphens and other punctuation split parts,
 * titles and suffixes removed. Pure functions; thread-safe.
 */
public final class Names {
    private Names() {}

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`´]");
    private static final Pattern NON_LETTERS = Pattern.compile("[^a-z]+");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "master", "prof", "professor",
            "rev", "revd", "sir", "dame", "lady", "lord", "fr", "sr", "jr", "jnr", "snr", "ii", "iii", "baby", "infant", "unborn");

    /** Lower case ASCII letters and single spaces; null for blank input or only titles. */
    public static String normalise(String name) {
        List<String> parts = parts(name);
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The words of a name after normalisation, hyphenated names split ("Smith-Jones" gives smith, jones). */
    public static List<String> parts(String name) {
        List<String> out = new ArrayList<>();
        if (name == null) return out;
        String s = Normalizer.normalize(name, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        s = s.replace("ß", "ss").replace("æ", "ae").replace("Æ", "ae").replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l");
        s = APOSTROPHES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
        for (String p : NON_LETTERS.split(s)) {
            if (p.isEmpty() || TITLES.contains(p)) continue;
            out.add(p);
        }
        return out;
    }

    private static final Set<String> PLACEHOLDERS = Set.of("baby", "babe", "bb", "infant", "unborn", "newborn", "twin", "twins",
            "triplet", "unnamed", "unknown", "nk", "boy", "girl", "child");
    /**
     * Words that only qualify a placeholder ("Twin A", "Baby Boy B", "Twin 2"). On their own they
     * are not one: a one-letter given name is usually an initial ("A Sarri" for Amy Sarri).
     */
    private static final Set<String> QUALIFIERS = Set.of("of", "a", "b", "c", "i", "ii", "iii", "one", "two", "three");

    /**
     * True when given names are only a placeholder for a child not yet named ("Baby", "Twin 2",
     * "Unborn", "Baby Boy B"). Such records say "a newborn of this family", not who it is: twins
     * share everything else, so placeholders must never be matched on other details alone. At
     * least one word must be a placeholder word: letters and numbers only qualify it, so an
     * initial ("A", "I") is a name, not a placeholder.
     */
    public static boolean isPlaceholderGivenName(String givenNames) {
        if (givenNames == null || givenNames.isBlank()) return false;
        String s = givenNames.toLowerCase(java.util.Locale.ROOT);
        boolean any = false;
        for (String t : s.split("[^a-z0-9]+")) {
            if (t.isEmpty()) continue;
            if (PLACEHOLDERS.contains(t)) { any = true; continue; }
            if (!QUALIFIERS.contains(t) && !t.chars().allMatch(Character::isDigit)) return false;
        }
        return any;
    }

    /** The name with its parts joined and no spaces ("Smith-Jones" = "smith jones" = "smithjones"). */
    public static String compact(String name) {
        List<String> p = parts(name);
        return p.isEmpty() ? null : String.join("", p);
    }

    /** First given name after normalisation (the one people are usually called by, or its formal form). */
    public static String firstGiven(String givenNames) {
        List<String> p = parts(givenNames);
        return p.isEmpty() ? null : p.getFirst();
    }
}

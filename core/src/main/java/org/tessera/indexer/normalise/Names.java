package org.tessera.indexer.normalise;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Name normalisation for comparison and search keys: lower case, Latin accents removed (Zoë =
 * zoe, Łukasz = lukasz, Đức = duc), the optional vowel points of Arabic and Hebrew removed,
 * letters of every script kept (محمد, כהן, Иван, 王), apostrophes dropped (O'Brien = obrien),
 * hyphens and other punctuation split parts, titles and suffixes removed. {@link #display} is the
 * same words with the spelling kept, for screens. Pure functions; thread-safe.
 */
public final class Names {
    private Names() {}

    private static final Pattern APOSTROPHES = Pattern.compile("['’‘`´]");
    /** Anything but a letter (of any script) or a mark still attached to one splits name parts. */
    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}\\p{M}]+");
    /** Arabic tatweel: stretches a word on screen, never part of the name. */
    private static final Pattern DECORATION = Pattern.compile("\u0640");
    private static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "dr", "master", "prof", "professor",
            "rev", "revd", "sir", "dame", "lady", "lord", "fr", "sr", "jr", "jnr", "snr", "ii", "iii", "baby", "infant", "unborn");

    /** Lower-case letters (accents folded) and single spaces; null for blank input or only titles. */
    public static String normalise(String name) {
        List<String> parts = parts(name);
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    /** The words of a name after normalisation, hyphenated names split ("Smith-Jones" gives smith, jones). */
    public static List<String> parts(String name) {
        return words(name, true);
    }

    /**
     * The name as a person would read it: the words of {@link #parts} (titles dropped, hyphens
     * and apostrophes as there), but with accents and letters as written ("Zoë" stays "Zoë",
     * "محمد" stays "محمد"), in lower case for the caller to title-case; null when nothing is left.
     * For ASCII names it is exactly {@link #normalise}.
     */
    public static String display(String name) {
        List<String> parts = words(name, false);
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static List<String> words(String name, boolean fold) {
        List<String> out = new ArrayList<>();
        if (name == null) return out;
        String s = Normalizer.normalize(name, Normalizer.Form.NFD);
        s = DECORATION.matcher(s).replaceAll("");
        s = APOSTROPHES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
        for (String part : NON_LETTERS.split(s)) {
            String folded = fold(part);
            // a part of marks alone (a stray accent) is no name, and titles go
            if (folded.isEmpty() || TITLES.contains(folded)) continue;
            out.add(fold ? folded : Normalizer.normalize(part, Normalizer.Form.NFC));
        }
        return out;
    }

    /** One lower-case word (NFD) folded for matching: optional marks gone, Latin letters with strokes as their base. */
    private static String fold(String part) {
        String s = foldMarks(part);
        s = s.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ð", "d")
                .replace("þ", "th").replace("ı", "i").replace("œ", "oe");
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        boolean letters = s.codePoints().anyMatch(Character::isLetter);
        return letters ? s : "";
    }

    /**
     * Removes the marks that are optional for matching: Latin accents, Greek tonos, Arabic and
     * Hebrew vowel points. Marks that are letters' own parts in other scripts (Devanagari vowel
     * signs, Cyrillic й) are kept.
     */
    private static String foldMarks(String nfd) {
        StringBuilder out = new StringBuilder(nfd.length());
        Character.UnicodeScript base = Character.UnicodeScript.COMMON;
        for (int i = 0; i < nfd.length(); ) {
            int c = nfd.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
            if (!mark) {
                base = Character.UnicodeScript.of(c);
                out.appendCodePoint(c);
                continue;
            }
            boolean optional = switch (base) {
                case LATIN, GREEK, ARABIC, HEBREW, COMMON -> true;
                default -> false;
            };
            if (!optional) out.appendCodePoint(c);
        }
        return out.toString();
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

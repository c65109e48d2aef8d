package org.tessera.indexer.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A full name as an agency wrote it, split into title, given names and family name by a
 * {@link SourceMapping.NameFormat}. Values keep the agency's spelling and case; normalisation is
 * for linkage. Pure; thread-safe.
 */
record Name(String title, String given, String family) {

    /** Titles taken off the front of a name (compared without case or a trailing dot). */
    static final Set<String> TITLES = Set.of("mr", "mrs", "ms", "miss", "mx", "master", "dr", "prof", "professor",
            "rev", "revd", "sir", "dame", "lady", "lord", "fr", "sr");

    static Name parse(String full, SourceMapping.NameFormat format, boolean stripTitles) {
        if (full == null || full.isBlank()) return new Name(null, null, null);
        String s = full.trim().replaceAll("\\s+", " ");
        int comma = s.indexOf(',');
        if (comma >= 0) {
            // "SURNAME, Given Names" whatever the format; a title may follow the comma ("SMITH, Mrs Jane").
            String family = s.substring(0, comma).trim();
            List<String> rest = tokens(s.substring(comma + 1));
            String title = stripTitles ? takeTitle(rest) : null;
            // "Mrs SMITH, Jane": a title before the surname.
            List<String> familyTokens = tokens(family);
            if (stripTitles && title == null && familyTokens.size() > 1) {
                title = takeTitle(familyTokens);
                family = String.join(" ", familyTokens);
            }
            return new Name(title, join(rest), family.isEmpty() ? null : family);
        }
        List<String> t = tokens(s);
        String title = stripTitles && t.size() > 1 ? takeTitle(t) : null;
        if (t.isEmpty()) return new Name(title, null, null);
        if (t.size() == 1) return new Name(title, null, t.getFirst());
        return switch (format) {
            case AUTO -> new Name(title, join(t.subList(0, t.size() - 1)), t.getLast());
            case GIVEN_FIRST -> {
                int from = t.size();
                while (from > 1 && upper(t.get(from - 1))) from--;
                if (from == t.size() || from == 0 || allUpper(t)) from = t.size() - 1;
                yield new Name(title, join(t.subList(0, from)), join(t.subList(from, t.size())));
            }
            case FAMILY_FIRST -> {
                int to = 0;
                while (to < t.size() - 1 && upper(t.get(to))) to++;
                if (to == 0 || allUpper(t)) to = 1;
                yield new Name(title, join(t.subList(to, t.size())), join(t.subList(0, to)));
            }
        };
    }

    /** Given names without a leading title: {@code [title, rest]}; title null when there is none to take. */
    static String[] stripTitle(String given) {
        List<String> t = tokens(given);
        String title = takeTitle(t);
        return new String[]{title, title == null ? given : join(t)};
    }

    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        for (String w : Arrays.asList(s.trim().split(" "))) if (!w.isBlank()) out.add(w);
        return out;
    }

    /** Removes leading title words from {@code tokens} and returns them ("Mrs", "Rev Dr"), or null. */
    private static String takeTitle(List<String> tokens) {
        List<String> taken = new ArrayList<>();
        while (tokens.size() > 1) {
            String w = tokens.getFirst();
            String bare = (w.endsWith(".") ? w.substring(0, w.length() - 1) : w).toLowerCase(Locale.ROOT);
            if (!TITLES.contains(bare)) break;
            taken.add(tokens.removeFirst());
        }
        return taken.isEmpty() ? null : String.join(" ", taken);
    }

    /** A word with letters, none in lower case, longer than an initial ("SMITH", "O'NEILL", "VAN"). */
    private static boolean upper(String w) {
        boolean letter = false;
        int letters = 0;
        for (char c : w.toCharArray()) {
            if (Character.isLetter(c)) {
                letters++;
                letter = true;
                if (Character.isLowerCase(c)) return false;
            }
        }
        return letter && letters > 1;
    }

    private static boolean allUpper(List<String> t) {
        for (String w : t) if (!upper(w) && w.chars().anyMatch(Character::isLetter)) return false;
        return true;
    }

    private static String join(List<String> t) { return t.isEmpty() ? null : String.join(" ", t); }
}

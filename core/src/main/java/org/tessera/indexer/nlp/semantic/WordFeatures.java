package org.tessera.indexer.nlp.semantic;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sparse lexical features a word head of the {@link ConcernClassifier} reads (ADR 0044): a sentence's word stems and
 * adjacent stem pairs. A stem is a word (letters and digits, with inner {@code ' & -}) lower-cased, a final {@code 's}
 * dropped, cut to its first {@value #STEM_CHARS} characters ("neglected" and "neglect" are one feature, "injury" and
 * "injured" another); a stem holding a digit is read as {@value #NUMBER} (dates, ages and house numbers say no concern).
 * No model, one pass over the text: microseconds a sentence.
 */
public final class WordFeatures {

    /** How many characters of a word its stem keeps. */
    public static final int STEM_CHARS = 5;
    /** What a classifier file of word heads names as its {@code model} (ADR 0044). */
    public static final String MODEL = "word-stems-5+pairs";
    /** The feature a stem holding a digit is read as. */
    public static final String NUMBER = "<n>";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'&-]*");

    private WordFeatures() {
    }

    /** The stems of {@code text[start, end)} in order ({@link WordFeatures}; digits kept). */
    public static List<String> stems(String text, int start, int end) {
        return words(text, start, end).stream().map(Word::stem).toList();
    }

    /** A word of a text: its span and its stem. */
    private record Word(int start, int end, String stem) {
        String feature() {
            return stem.chars().anyMatch(Character::isDigit) ? NUMBER : stem;
        }
    }

    private static List<Word> words(String text, int start, int end) {
        List<Word> out = new ArrayList<>();
        Matcher word = WORD.matcher(text).region(start, end);
        while (word.find()) {
            String w = word.group().toLowerCase(Locale.ROOT);
            if (w.endsWith("'s")) {
                w = w.substring(0, w.length() - 2);
            }
            if (!w.isEmpty()) {
                out.add(new Word(word.start(), word.end(), w.length() > STEM_CHARS ? w.substring(0, STEM_CHARS) : w));
            }
        }
        return out;
    }

    /**
     * The words of {@code text[start, end)} behind one of its features, as written (the first place the feature occurs: "Self-harm"
     * for {@code self-}, "cutting her" for {@code cutti her}); the feature itself when the text does not give it.
     */
    public static String surface(String text, int start, int end, String feature) {
        List<Word> words = words(text, start, end);
        String[] parts = feature.split(" ");
        for (int i = 0; i + parts.length <= words.size(); i++) {
            boolean match = true;
            for (int p = 0; p < parts.length && match; p++) {
                match = words.get(i + p).feature().equals(parts[p]);
            }
            if (match) {
                return text.substring(words.get(i).start(), words.get(i + parts.length - 1).end());
            }
        }
        return feature;
    }

    /** The features of {@code text[start, end)}: each stem (a digit's as {@value #NUMBER}) and each adjacent pair "a b". */
    public static Set<String> of(String text, int start, int end) {
        Set<String> out = new LinkedHashSet<>();
        String previous = null;
        for (Word word : words(text, start, end)) {
            String feature = word.feature();
            out.add(feature);
            if (previous != null) {
                out.add(previous + " " + feature);
            }
            previous = feature;
        }
        return out;
    }

    /** The features of a whole text. */
    public static Set<String> of(String text) {
        return of(text, 0, text.length());
    }

    /** Whether {@code feature} is one {@link #of} can give: one or two stems (lower-case, no white space inside a stem). */
    public static boolean valid(String feature) {
        String[] parts = feature.split(" ", -1);
        if (parts.length > 2) {
            return false;
        }
        for (String part : parts) {
            if (!part.equals(NUMBER) && (part.isEmpty() || part.length() > STEM_CHARS || !part.equals(part.toLowerCase(Locale.ROOT))
                    || part.chars().anyMatch(Character::isWhitespace))) {
                return false;
            }
        }
        return true;
    }
}

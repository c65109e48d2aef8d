package org.tessera.indexer.nlp;

import org.tessera.indexer.nlp.analysis.TextAnalyzer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds where the highlighted terms of a search-engine highlight fragment sit in the original
 * text, so their context can be asked with {@link TextAnalyzer#contextOf}. OpenSearch
 * highlights return fragments such as {@code "...mum <em>denies</em> any <em>domestic</em>
 * <em>abuse</em>..."}, not offsets; this maps each highlighted run back to the text.
 *
 * <p>Matching tolerates the whitespace differences analyzers and highlighters introduce, and
 * merges adjacent highlighted words ("domestic abuse" as one span). Pure and thread-safe.
 */
public final class HighlightLocator {

    /** A highlighted range of the original text ({@code end} exclusive). */
    public record Span(int start, int end) {
    }

    private final String preTag;
    private final String postTag;

    public HighlightLocator() {
        this("<em>", "</em>");
    }

    public HighlightLocator(String preTag, String postTag) {
        this.preTag = Objects.requireNonNull(preTag, "preTag");
        this.postTag = Objects.requireNonNull(postTag, "postTag");
        if (preTag.isEmpty() || postTag.isEmpty()) {
            throw new IllegalArgumentException("highlight tags must not be empty");
        }
    }

    /**
     * The highlighted ranges of {@code fragment} located in {@code text}; empty when the
     * fragment cannot be found (for example when the field was changed since indexing).
     */
    public List<Span> locate(String text, String fragment) {
        // Strip the tags, remembering which characters of the plain fragment were highlighted.
        StringBuilder plain = new StringBuilder();
        List<int[]> marked = new ArrayList<>();
        int i = 0;
        int openAt = -1;
        while (i < fragment.length()) {
            if (fragment.startsWith(preTag, i)) {
                openAt = plain.length();
                i += preTag.length();
            } else if (fragment.startsWith(postTag, i)) {
                if (openAt >= 0) {
                    marked.add(new int[] {openAt, plain.length()});
                }
                openAt = -1;
                i += postTag.length();
            } else {
                plain.append(fragment.charAt(i));
                i++;
            }
        }
        int[] map = align(text, plain.toString());
        if (map == null) {
            return List.of();
        }
        List<Span> out = new ArrayList<>();
        for (int[] m : marked) {
            if (m[1] <= m[0]) {
                continue;
            }
            int start = map[m[0]];
            int end = map[m[1] - 1] + 1;
            Span last = out.isEmpty() ? null : out.getLast();
            if (last != null && text.substring(last.end(), start).isBlank()) {
                out.set(out.size() - 1, new Span(last.start(), end)); // adjacent words: one phrase
            } else {
                out.add(new Span(start, end));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Maps each non-whitespace character of {@code plain} to its offset in {@code text},
     * comparing case-insensitively and ignoring whitespace runs; null if not found.
     */
    private static int[] align(String text, String plain) {
        String p = plain.strip();
        int lead = plain.indexOf(p.isEmpty() ? "" : p.substring(0, 1));
        if (p.isEmpty()) {
            return null;
        }
        for (int from = 0; from < text.length(); from++) {
            if (Character.toLowerCase(text.charAt(from)) != Character.toLowerCase(p.charAt(0))) {
                continue;
            }
            int[] map = new int[plain.length()];
            Arrays.fill(map, -1);
            int t = from;
            int k = 0;
            boolean ok = true;
            while (k < p.length()) {
                char c = p.charAt(k);
                if (Character.isWhitespace(c)) {
                    while (k < p.length() && Character.isWhitespace(p.charAt(k))) {
                        map[lead + k] = Math.min(t, text.length() - 1);
                        k++;
                    }
                    while (t < text.length() && Character.isWhitespace(text.charAt(t))) {
                        t++;
                    }
                    continue;
                }
                if (t >= text.length() || Character.toLowerCase(text.charAt(t)) != Character.toLowerCase(c)) {
                    ok = false;
                    break;
                }
                map[lead + k] = t;
                t++;
                k++;
            }
            if (ok) {
                // characters of leading/trailing whitespace map to their neighbours
                for (int q = 0; q < map.length; q++) {
                    if (map[q] < 0) {
                        map[q] = q < lead ? from : t - 1;
                    }
                }
                return map;
            }
        }
        return null;
    }
}

package org.tessera.indexer.nlp.opennlp;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.util.Span;

/**
 * Where the tokenizer cuts one whitespace-delimited word, remembered per distinct word.
 *
 * <p>{@link TokenizerME#tokenizePos} decides the cuts inside a whitespace word from that word
 * alone: the context generator sees only the word and an offset into it, the abbreviation
 * dictionary and the alphanumeric pattern are tested on the word, and every offset it builds
 * is relative to the word's start. So asking it for the word on its own gives the same cuts,
 * shifted, as asking it for the whole sentence, and a word seen before need not be asked again.
 *
 * <p>Not thread-safe (it owns a {@link TokenizerME}); one per thread. Memory is bounded: when
 * {@code capacity} words are held the memo starts afresh, so that a long ingest keeps the
 * words that are common now rather than growing with every name it ever met.
 */
final class WordSplitMemo {

    private static final int[] ONE_CHARACTER = {0, 1};

    private final TokenizerME tokenizer;
    private final int capacity;
    private final Map<String, int[]> cuts;

    WordSplitMemo(TokenizerME tokenizer, int capacity) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.cuts = new HashMap<>();
    }

    /**
     * The pieces of {@code word} (no whitespace in it) as {@code [start0, end0, start1, end1, ...]}
     * relative to the word, after the possessive cut. The array is shared: do not change it.
     */
    int[] pieces(String word) {
        if (word.length() == 1) {
            return ONE_CHARACTER; // TokenizerME never cuts a one-character word
        }
        int[] known = cuts.get(word);
        if (known != null) {
            return known;
        }
        int[] computed = compute(word);
        if (cuts.size() >= capacity) {
            cuts.clear();
        }
        cuts.put(word, computed);
        return computed;
    }

    int size() {
        return cuts.size();
    }

    private int[] compute(String word) {
        Span[] spans = tokenizer.tokenizePos(word);
        int[] out = new int[spans.length * 4];
        int n = 0;
        for (Span s : spans) {
            int start = s.getStart();
            int end = s.getEnd();
            int cut = OpenNlpTokenizer.possessiveCut(word.substring(start, end));
            if (cut > 0) {
                out[n++] = start;
                out[n++] = start + cut;
                out[n++] = start + cut;
                out[n++] = end;
            } else {
                out[n++] = start;
                out[n++] = end;
            }
        }
        int[] exact = new int[n];
        System.arraycopy(out, 0, exact, 0, n);
        return exact;
    }
}

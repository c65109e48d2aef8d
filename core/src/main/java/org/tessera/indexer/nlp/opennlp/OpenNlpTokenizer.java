package org.tessera.indexer.nlp.opennlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.StringUtil;
import org.tessera.indexer.nlp.TextTokenizer;
import org.tessera.indexer.nlp.Token;

/**
 * Tokenisation with the OpenNLP maximum-entropy tokenizer. Thread-safe: one
 * {@link TokenizerME} per thread over the shared model.
 *
 * <p>The tokens are those of {@link TokenizerME#tokenizePos}, but the model is asked about each
 * distinct whitespace word once per thread rather than at every character of every occurrence
 * (see {@link WordSplitMemo}): case notes repeat the same words and names over and over.
 */
public final class OpenNlpTokenizer implements TextTokenizer {

    /**
     * Distinct words remembered per thread: roughly 10 MB at most, and enough for the working
     * vocabulary of a county's notes.
     */
    static final int DEFAULT_MEMO_CAPACITY = 100_000;

    private final ThreadLocal<WordSplitMemo> memo;
    private final int maxWordChars;

    public OpenNlpTokenizer(OpenNlpModels models) {
        this(models.tokenizerModel());
    }

    public OpenNlpTokenizer(OpenNlpModels models, int maxWordChars) {
        this(models.tokenizerModel(), DEFAULT_MEMO_CAPACITY, maxWordChars);
    }

    public OpenNlpTokenizer(Supplier<TokenizerModel> model) {
        this(model, DEFAULT_MEMO_CAPACITY);
    }

    /** Exactly {@link TokenizerME}'s tokens, however long a word (the pipeline caps words: {@link org.tessera.indexer.nlp.TextLimits}). */
    OpenNlpTokenizer(Supplier<TokenizerModel> model, int memoCapacity) {
        this(model, memoCapacity, Integer.MAX_VALUE);
    }

    /**
     * @param maxWordChars a whitespace word longer than this is one token: the model's features
     *                     for each character of a word are built from the whole word, so asking it
     *                     about a 125,000-character word took seconds, and four times as long at twice the length
     */
    OpenNlpTokenizer(Supplier<TokenizerModel> model, int memoCapacity, int maxWordChars) {
        Objects.requireNonNull(model, "model");
        if (maxWordChars < 1) {
            throw new IllegalArgumentException("maxWordChars must be positive: " + maxWordChars);
        }
        this.memo = ThreadLocal.withInitial(() -> new WordSplitMemo(new TokenizerME(model.get()), memoCapacity));
        this.maxWordChars = maxWordChars;
    }

    /** Words longer than this are kept whole, one token each. */
    public int maxWordChars() {
        return maxWordChars;
    }

    /**
     * Where a possessive splits ("Ryan's" -> "Ryan" "'s"), or -1: the released model keeps some
     * possessives whole, which would glue the clitic onto a name.
     */
    static int possessiveCut(String word) {
        int n = word.length();
        if (n > 2 && (word.charAt(n - 1) == 's' || word.charAt(n - 1) == 'S')
                && (word.charAt(n - 2) == '\'' || word.charAt(n - 2) == '\u2019')) {
            return n - 2;
        }
        return -1;
    }

    @Override
    public List<Token> tokenize(String text) {
        WordSplitMemo words = memo.get();
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            // The words of WhitespaceTokenizer (newlines not kept), which TokenizerME starts from.
            while (i < n && StringUtil.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !StringUtil.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i - start > maxWordChars) {
                out.add(new Token(start, i, text.substring(start, i)));
            } else if (i > start) {
                String word = text.substring(start, i);
                addPieces(word, start, words.pieces(word), out);
            }
        }
        return out;
    }

    private static void addPieces(String word, int offset, int[] pieces, List<Token> out) {
        for (int p = 0; p < pieces.length; p += 2) {
            int from = pieces[p];
            int to = pieces[p + 1];
            String piece = from == 0 && to == word.length() ? word : word.substring(from, to);
            out.add(new Token(offset + from, offset + to, piece));
        }
    }
}

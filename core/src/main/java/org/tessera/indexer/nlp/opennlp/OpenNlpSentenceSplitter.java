package org.tessera.indexer.nlp.opennlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.util.Span;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.SentenceSplitter;

/**
 * Sentence splitting with the OpenNLP maximum-entropy detector.
 *
 * <p>Case notes are often typed as lists and short lines without final punctuation, so the text
 * is first cut into blocks at blank lines, bullet lines and lines ending in sentence
 * punctuation; the model then splits each block. Thread-safe: {@link SentenceDetectorME} is
 * not, so each thread gets its own detector over the shared model.
 */
public final class OpenNlpSentenceSplitter implements SentenceSplitter {

    // A hard break: blank line, a line that starts with a bullet, or a newline after . ! ? :
    private static final Pattern BLOCK_BREAK =
            Pattern.compile("\\n\\s*\\n|(?<=[.!?:;])[ \\t]*\\n|\\n(?=[ \\t]*(?:[-*\\u2022]|\\d+[.)])\\s)");

    private final ThreadLocal<SentenceDetectorME> detector;
    private final int maxWordChars;

    public OpenNlpSentenceSplitter(OpenNlpModels models) {
        this(models.sentenceModel());
    }

    public OpenNlpSentenceSplitter(OpenNlpModels models, int maxWordChars) {
        this(models.sentenceModel(), maxWordChars);
    }

    /** Every block given to the model, however long its words (the pipeline caps words: {@link org.tessera.indexer.nlp.TextLimits}). */
    public OpenNlpSentenceSplitter(Supplier<SentenceModel> model) {
        this(model, Integer.MAX_VALUE);
    }

    /**
     * @param maxWordChars a whitespace word longer than this is a sentence of its own, not given to
     *                     the model: for every full stop in a word the model looks for the word's
     *                     ends, so a 125,000-character "a.a.a..." took minutes
     */
    public OpenNlpSentenceSplitter(Supplier<SentenceModel> model, int maxWordChars) {
        Objects.requireNonNull(model, "model");
        if (maxWordChars < 1) {
            throw new IllegalArgumentException("maxWordChars must be positive: " + maxWordChars);
        }
        this.detector = ThreadLocal.withInitial(() -> new SentenceDetectorME(model.get()));
        this.maxWordChars = maxWordChars;
    }

    @Override
    public List<Sentence> split(String text) {
        List<Sentence> out = new ArrayList<>();
        Matcher m = BLOCK_BREAK.matcher(text);
        int blockStart = 0;
        while (m.find()) {
            splitBlock(text, blockStart, m.start(), out);
            blockStart = m.end();
        }
        splitBlock(text, blockStart, text.length(), out);
        return List.copyOf(out);
    }

    /** Splits a block, words longer than the limit set apart as sentences of their own. */
    private void splitBlock(String text, int from, int to, List<Sentence> out) {
        int segment = from;
        int run = from;
        for (int i = from; i <= to; i++) {
            if (i == to || Character.isWhitespace(text.charAt(i))) {
                if (i - run > maxWordChars) {
                    splitByModel(text, segment, run, out);
                    out.add(new Sentence(run, i, text.substring(run, i)));
                    segment = i;
                }
                run = i + 1;
            }
        }
        splitByModel(text, segment, to, out);
    }

    private void splitByModel(String text, int from, int to, List<Sentence> out) {
        if (to <= from) {
            return;
        }
        String block = text.substring(from, to);
        if (block.isBlank()) {
            return;
        }
        Span[] spans = detector.get().sentPosDetect(block);
        for (Span s : spans) {
            int start = from + s.getStart();
            int end = from + s.getEnd();
            // trim whitespace, including inner newlines the model left at the edges
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                out.add(new Sentence(start, end, text.substring(start, end)));
            }
        }
    }
}

package org.tessera.indexer.nlp.opennlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.tessera.indexer.nlp.TextTokenizer;
import org.tessera.indexer.nlp.Token;

/**
 * Tokenisation with the OpenNLP maximum-entropy tokenizer. Thread-safe: one
 * {@link TokenizerME} per thread over the shared model.
 */
public final class OpenNlpTokenizer implements TextTokenizer {

    private final ThreadLocal<TokenizerME> tokenizer;

    public OpenNlpTokenizer(OpenNlpModels models) {
        this(models.tokenizerModel());
    }

    public OpenNlpTokenizer(Supplier<TokenizerModel> model) {
        Objects.requireNonNull(model, "model");
        this.tokenizer = ThreadLocal.withInitial(() -> new TokenizerME(model.get()));
    }

    private static int possessiveCut(String word) {
        int n = word.length();
        if (n > 2 && (word.charAt(n - 1) == 's' || word.charAt(n - 1) == 'S')
                && (word.charAt(n - 2) == '\'' || word.charAt(n - 2) == '\u2019')) {
            return n - 2;
        }
        return -1;
    }

    @Override
    public List<Token> tokenize(String text) {
        Span[] spans = tokenizer.get().tokenizePos(text);
        List<Token> out = new ArrayList<>(spans.length);
        for (Span s : spans) {
            String word = text.substring(s.getStart(), s.getEnd());
            int cut = possessiveCut(word);
            if (cut > 0) {
                // "Ryan's" -> "Ryan" "'s": the released model keeps some possessives whole,
                // which would glue the clitic onto a name.
                out.add(new Token(s.getStart(), s.getStart() + cut, word.substring(0, cut)));
                out.add(new Token(s.getStart() + cut, s.getEnd(), word.substring(cut)));
            } else {
                out.add(new Token(s.getStart(), s.getEnd(), word));
            }
        }
        return out;
    }
}

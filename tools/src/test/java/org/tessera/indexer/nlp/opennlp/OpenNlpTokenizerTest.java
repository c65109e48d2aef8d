package org.tessera.indexer.nlp.opennlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.nlp.Sentence;
import org.tessera.indexer.nlp.Token;

/** The memoised tokenizer gives exactly the tokens of TokenizerME.tokenizePos plus the possessive cut. */
class OpenNlpTokenizerTest {

    private static final OpenNlpModels MODELS = new OpenNlpModels();
    private static final TokenizerModel MODEL = MODELS.tokenizerModel().get();

    private final TokenizerME stock = new TokenizerME(MODEL);
    private final OpenNlpSentenceSplitter splitter = new OpenNlpSentenceSplitter(MODELS);

    /** OpenNlpTokenizer as it was before the memo: TokenizerME over the whole text, then the possessive cut. */
    private List<Token> stockTokens(String text) {
        Span[] spans = stock.tokenizePos(text);
        List<Token> out = new ArrayList<>(spans.length);
        for (Span s : spans) {
            String word = text.substring(s.getStart(), s.getEnd());
            int n = word.length();
            if (n > 2 && (word.charAt(n - 1) == 's' || word.charAt(n - 1) == 'S')
                    && (word.charAt(n - 2) == '\'' || word.charAt(n - 2) == '\u2019')) {
                int cut = n - 2;
                out.add(new Token(s.getStart(), s.getStart() + cut, word.substring(0, cut)));
                out.add(new Token(s.getStart() + cut, s.getEnd(), word.substring(cut)));
            } else {
                out.add(new Token(s.getStart(), s.getEnd(), word));
            }
        }
        return out;
    }

    /** Compares on each text and on each of its sentences; returns the number of tokens compared. */
    private long assertSameTokens(OpenNlpTokenizer tokenizer, List<String> texts) {
        long tokens = 0;
        for (String text : texts) {
            assertThat(tokenizer.tokenize(text)).as("tokens of %s", text).isEqualTo(stockTokens(text));
            for (Sentence s : splitter.split(text)) {
                List<Token> expected = stockTokens(s.text());
                assertThat(tokenizer.tokenize(s.text())).as("tokens of %s", s.text()).isEqualTo(expected);
                tokens += expected.size();
            }
        }
        return tokens;
    }

    @Test
    void sameTokensAsTokenizerMeOnGeneratedHandWrittenAndEdgeCaseNotes() {
        OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);
        List<String> texts = new ArrayList<>(EquivalenceCorpus.generatedNotes(2000));
        texts.addAll(EquivalenceCorpus.handWrittenNotes());
        texts.addAll(EquivalenceCorpus.edgeCases());
        long tokens = assertSameTokens(tokenizer, texts);
        // second pass: now every word comes from the memo
        assertSameTokens(tokenizer, texts);
        System.out.printf("tokenizer equivalence: %d texts, %d sentence tokens compared%n", texts.size(), tokens);
        assertThat(tokens).isGreaterThan(200_000);
    }

    @Test
    void sameTokensWhenTheMemoIsTinyAndKeepsStartingAfresh() {
        for (int capacity : new int[] {1, 2, 7}) {
            OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS.tokenizerModel(), capacity);
            List<String> texts = new ArrayList<>(EquivalenceCorpus.generatedNotes(100));
            texts.addAll(EquivalenceCorpus.edgeCases());
            assertSameTokens(tokenizer, texts);
        }
    }

    @Test
    void splitsAtExactlyTheCharactersWhitespaceTokenizerCountsAsWhitespace() {
        OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "Mo" + (char) c + "b's.";
            List<Token> expected = stockTokens(text);
            List<Token> actual = tokenizer.tokenize(text);
            if (!actual.equals(expected)) {
                assertThat(actual).as("character U+%04X", c).isEqualTo(expected);
            }
        }
    }

    @Test
    void memoStaysWithinItsCapacity() {
        WordSplitMemo memo = new WordSplitMemo(new TokenizerME(MODEL), 50);
        for (int i = 0; i < 1000; i++) {
            memo.pieces("word" + i + ",");
            assertThat(memo.size()).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void tokenizerSplitsPossessivesOffNames() {
        OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);
        assertThat(tokenizer.tokenize("Ryan's mum saw Ryan\u2019s dad.")).extracting(Token::text)
                .containsExactly("Ryan", "'s", "mum", "saw", "Ryan", "\u2019s", "dad", ".");
    }

    @Test
    void givesTheSameTokensFromManyThreadsAtOnce() {
        OpenNlpTokenizer tokenizer = new OpenNlpTokenizer(MODELS);
        List<String> texts = EquivalenceCorpus.generatedNotes(100);
        List<List<Token>> expected = texts.stream().map(this::stockTokens).toList();
        IntStream.range(0, texts.size() * 4).parallel().forEach(i -> {
            int n = i % texts.size();
            assertThat(tokenizer.tokenize(texts.get(n))).isEqualTo(expected.get(n));
        });
    }
}
